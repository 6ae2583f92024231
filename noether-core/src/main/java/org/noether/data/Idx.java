package org.noether.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Reads and writes IDX files, the format of MNIST and Fashion-MNIST: a big-endian header
 * {@code 0x00 0x00 type rank}, then {@code rank} int32 dimensions, then the values row-major.
 *
 * <p>Shape: the tensor has the file's dimensions, e.g. {@code [60000, 28, 28]} for
 * {@code train-images-idx3-ubyte}; values keep their stored magnitude (pixels stay 0..255), only
 * converted to float32. Gzip-compressed files are recognized by their first two bytes
 * ({@code 1f 8b}), whatever the file is called. Anything malformed (a wrong magic number, an
 * unknown type, absurd dimensions, missing or trailing bytes, a corrupt gzip stream) stops with an
 * {@link IdxFormatException} naming the file, what was expected and what was found.
 *
 * <pre>{@code Tensor images = Idx.read(Path.of("train-images-idx3-ubyte.gz"));   // [60000, 28, 28]}</pre>
 */
public final class Idx {
    /** Rank beyond which a header is taken for garbage rather than data. */
    static final int MAX_RANK = 16;
    /** The largest float array the JVM allocates. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private static final int CHUNK_BYTES = 1 << 16;
    private static final int FIRST_CAPACITY = 1 << 20;

    private Idx() {
    }

    /** Reads an IDX file, raw or gzip-compressed. */
    public static Tensor read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, path.toString());
        }
    }

    /**
     * Reads IDX data, raw or gzip-compressed, from {@code in} (which is read to its end but not
     * closed); {@code sourceName} names the data in error messages.
     */
    public static Tensor read(InputStream in, String sourceName) throws IOException {
        InputStream data = new BufferedInputStream(in, CHUNK_BYTES);
        data.mark(2);
        boolean gzip = data.read() == 0x1f && data.read() == 0x8b;
        data.reset();
        if (gzip) {
            try {
                data = new GZIPInputStream(data, CHUNK_BYTES);
            } catch (ZipException | EOFException e) {
                throw new IdxFormatException(sourceName, "corrupt gzip header: " + e.getMessage(), e);
            }
        }
        try {
            return readIdx(data, sourceName);
        } catch (ZipException e) {
            throw new IdxFormatException(sourceName, "corrupt gzip data: " + e.getMessage(), e);
        }
    }

    private static Tensor readIdx(InputStream in, String source) throws IOException {
        byte[] magic = readUpTo(in, 4);
        if (magic.length < 4) {
            throw new IdxFormatException(source, "expected a 4-byte IDX header, found " + magic.length + " bytes");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new IdxFormatException(source, String.format(
                    "wrong magic number: expected 0x0000 followed by a type and a rank byte (like 0x00000803), "
                            + "found 0x%08X", ByteBuffer.wrap(magic).getInt()));
        }
        IdxType type = IdxType.fromCode(magic[2] & 0xFF);
        if (type == null) {
            throw new IdxFormatException(source, String.format("unknown data type 0x%02X: expected one of %s",
                    magic[2] & 0xFF, IdxType.allCodes()));
        }
        int rank = magic[3] & 0xFF;
        if (rank < 1 || rank > MAX_RANK) {
            throw new IdxFormatException(source, "rank " + rank + " in the header: expected 1 to " + MAX_RANK);
        }
        byte[] dimBytes = readUpTo(in, 4 * rank);
        if (dimBytes.length < 4 * rank) {
            throw new IdxFormatException(source, "expected " + 4 * rank + " bytes of dimensions for rank " + rank
                    + ", found " + dimBytes.length);
        }
        int[] dims = readDims(dimBytes);
        long count = 1;
        for (int i = 0; i < rank; i++) {
            if (dims[i] < 0) {
                throw new IdxFormatException(source, "dimension " + i + " is " + dims[i]
                        + ": expected a size >= 0 (dimensions " + Arrays.toString(dims) + ")");
            }
            count *= dims[i];
            if (count > MAX_ELEMENTS) {
                throw new IdxFormatException(source, "dimensions " + Arrays.toString(dims) + " hold more than "
                        + MAX_ELEMENTS + " values, the most a tensor can hold");
            }
        }
        float[] values = readValues(in, type, (int) count, dims, source);
        long trailing = in.transferTo(OutputStream.nullOutputStream());
        if (trailing > 0) {
            throw new IdxFormatException(source, "expected the file to end after " + count * type.bytes()
                    + " bytes of data (dimensions " + Arrays.toString(dims) + ", " + type + "), found "
                    + trailing + " more bytes");
        }
        return Tensor.wrap(values, Shape.of(dims));
    }

    private static int[] readDims(byte[] dimBytes) {
        ByteBuffer buffer = ByteBuffer.wrap(dimBytes);
        int[] dims = new int[dimBytes.length / 4];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = buffer.getInt();
        }
        return dims;
    }

    /**
     * Decodes {@code count} values chunk by chunk. The array grows as bytes arrive instead of being
     * allocated from the header, so a corrupt header claiming billions of values reports a
     * truncated file rather than exhausting memory.
     */
    private static float[] readValues(InputStream in, IdxType type, int count, int[] dims, String source)
            throws IOException {
        float[] values = new float[Math.min(count, FIRST_CAPACITY)];
        byte[] chunk = new byte[CHUNK_BYTES];
        ByteBuffer buffer = ByteBuffer.wrap(chunk).order(ByteOrder.BIG_ENDIAN);
        long expectedBytes = (long) count * type.bytes();
        long readBytes = 0;
        int decoded = 0;
        while (readBytes < expectedBytes) {
            int want = (int) Math.min(chunk.length, expectedBytes - readBytes);
            int got = readFully(in, chunk, want);
            readBytes += got;
            int chunkValues = got / type.bytes();
            if (decoded + chunkValues > values.length) {
                values = Arrays.copyOf(values, (int) Math.min(count, Math.max(2L * values.length,
                        decoded + chunkValues)));
            }
            buffer.clear();
            type.decode(buffer, values, decoded, chunkValues);
            decoded += chunkValues;
            if (got < want) {
                throw new IdxFormatException(source, "expected " + expectedBytes + " bytes of data (dimensions "
                        + Arrays.toString(dims) + ", " + type + "), found " + readBytes);
            }
        }
        return values;
    }

    /** Reads up to {@code length} bytes; fewer only at the end of the data. */
    private static int readFully(InputStream in, byte[] buffer, int length) throws IOException {
        int total = 0;
        try {
            while (total < length) {
                int got = in.read(buffer, total, length - total);
                if (got < 0) {
                    break;
                }
                total += got;
            }
        } catch (EOFException e) {
            // A gzip stream cut short ends here; the caller reports how many bytes arrived.
        }
        return total;
    }

    private static byte[] readUpTo(InputStream in, int length) throws IOException {
        byte[] bytes = new byte[length];
        int got = readFully(in, bytes, length);
        return got == length ? bytes : Arrays.copyOf(bytes, got);
    }

    /**
     * Writes {@code tensor} as an IDX file of the given element type, gzip-compressed when the file
     * name ends in {@code .gz}.
     *
     * @throws IllegalArgumentException if an integer type cannot hold a value exactly
     */
    public static void write(Path path, Tensor tensor, IdxType type) throws IOException {
        checkFits(tensor, type);
        boolean gzip = path.getFileName().toString().endsWith(".gz");
        try (OutputStream file = Files.newOutputStream(path);
             OutputStream out = gzip ? new GZIPOutputStream(file, CHUNK_BYTES) : file) {
            writeChecked(out, tensor, type);
        }
    }

    /** Writes {@code tensor} as uncompressed IDX data to {@code out} (flushed, not closed). */
    public static void write(OutputStream out, Tensor tensor, IdxType type) throws IOException {
        checkFits(tensor, type);
        writeChecked(out, tensor, type);
    }

    /** Checks everything before the first byte is written, so that a bad value leaves no partial file. */
    private static void checkFits(Tensor tensor, IdxType type) {
        if (tensor.rank() < 1 || tensor.rank() > MAX_RANK) {
            throw new IllegalArgumentException("IDX holds tensors of rank 1 to " + MAX_RANK
                    + ". Received: shape " + tensor.shape());
        }
        float[] values = tensor.data();
        for (int i = 0; i < values.length; i++) {
            type.checkFits(values[i], i);
        }
    }

    private static void writeChecked(OutputStream out, Tensor tensor, IdxType type) throws IOException {
        int[] dims = tensor.shape().dims();
        OutputStream buffered = new BufferedOutputStream(out, CHUNK_BYTES);
        ByteBuffer header = ByteBuffer.allocate(4 + 4 * dims.length);
        header.put((byte) 0).put((byte) 0).put((byte) type.code()).put((byte) dims.length);
        for (int dim : dims) {
            header.putInt(dim);
        }
        buffered.write(header.array());
        float[] values = tensor.data();
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < values.length; i++) {
            if (chunk.remaining() < type.bytes()) {
                buffered.write(chunk.array(), 0, chunk.position());
                chunk.clear();
            }
            type.encode(values[i], chunk);
        }
        buffered.write(chunk.array(), 0, chunk.position());
        buffered.flush();
    }
}
