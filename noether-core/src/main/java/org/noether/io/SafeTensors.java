package org.noether.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.noether.tensor.Tensor;

/**
 * Reads and writes named tensors in the safetensors format of Hugging Face, which Python reads with
 * {@code safetensors.numpy.load_file} or {@code safetensors.torch.load_file}.
 *
 * <p>Layout (https://github.com/huggingface/safetensors): 8 bytes holding the header length N as a
 * little-endian unsigned integer; N bytes of UTF-8 JSON
 * {@code {"__metadata__": {string: string}, "name": {"dtype": "F32", "shape": [2, 3],
 * "data_offsets": [begin, end]}, ...}}, padded with spaces so the data starts 8-byte aligned; then
 * the data buffer, each tensor row-major and little-endian at {@code [begin, end)} relative to the
 * buffer's start. A tensor of shape {@code []} is a scalar (one element); a shape with a 0 holds no
 * bytes.
 *
 * <p>Writing stores float32 ({@code F32}) tensors sorted by name, the metadata first with its keys
 * sorted, so saving the same tensors twice gives identical bytes; the write is atomic
 * ({@link AtomicFiles}). Reading accepts {@code F32}, {@code F64}, {@code F16} and {@code BF16},
 * converting to float32, and checks the whole layout before reading data: header length within the
 * file, tensors that tile the data buffer exactly (no overlaps, no holes, nothing left over) and byte
 * lengths equal to elements × dtype size. Every error is a {@link FileFormatException} naming the
 * file and the tensor.
 *
 * <pre>{@code
 * SafeTensors.write(path, Map.of("dense/kernel", w, "dense/bias", b), Map.of("format", "noether"));
 * Tensor w2 = SafeTensors.read(path).tensor("dense/kernel");
 * }</pre>
 */
public final class SafeTensors {
    /** The header key that holds free-form string metadata rather than a tensor. */
    public static final String METADATA_KEY = "__metadata__";
    /** The reference implementation refuses larger headers as a guard against hostile files. */
    static final long MAX_HEADER_BYTES = 100_000_000;
    /** Bytes converted per bulk copy: a multiple of every element size. */
    private static final int CHUNK_BYTES = 1 << 20;

    private SafeTensors() {}

    /**
     * What a safetensors file holds.
     *
     * @param tensors  the tensors by name, in name order
     * @param metadata the {@code __metadata__} entries in file order (empty if there were none)
     */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
        /** Wraps both maps unmodifiable, keeping their order. */
        public Contents {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }

        /** The tensor called {@code name}; throws naming the names present if there is none. */
        public Tensor tensor(String name) {
            Tensor tensor = tensors.get(name);
            if (tensor == null) {
                throw new IllegalArgumentException("No tensor named " + JsonWriter.quote(name) + ". Present: "
                        + tensors.keySet());
            }
            return tensor;
        }
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes {@code tensors} as float32 and {@code metadata} to {@code file}, atomically.
     *
     * @throws IllegalArgumentException if a name is null or {@code __metadata__}, or a value is null
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        List<Map.Entry<String, Tensor>> sorted = sortedByName(tensors);
        byte[] header = header(sorted, metadata);
        AtomicFiles.write(file, out -> writeTo(out, header, sorted));
    }

    /** The same bytes as {@link #write}, to a stream (left open). */
    static void writeTo(OutputStream out, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        List<Map.Entry<String, Tensor>> sorted = sortedByName(tensors);
        writeTo(out, header(sorted, metadata), sorted);
    }

    private static void writeTo(OutputStream out, byte[] header, List<Map.Entry<String, Tensor>> sorted)
            throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        chunk.putLong(header.length);
        out.write(chunk.array(), 0, Long.BYTES);
        out.write(header);
        FloatBuffer floats = chunk.clear().asFloatBuffer();
        for (Map.Entry<String, Tensor> entry : sorted) {
            float[] data = entry.getValue().data();
            for (int start = 0; start < data.length; start += floats.capacity()) {
                int count = Math.min(floats.capacity(), data.length - start);
                floats.clear();
                floats.put(data, start, count);
                out.write(chunk.array(), 0, count * Float.BYTES);
            }
        }
    }

    /** The JSON header, padded with spaces to a multiple of 8 bytes. */
    private static byte[] header(List<Map.Entry<String, Tensor>> sorted, Map<String, String> metadata) {
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            for (Map.Entry<String, String> entry : metadata.entrySet()) {
                if (entry.getKey() == null || entry.getValue() == null) {
                    throw new IllegalArgumentException("Safetensors metadata needs non-null keys and values. Received: "
                            + entry.getKey() + " -> " + entry.getValue());
                }
            }
            header.put(METADATA_KEY, new TreeMap<>(metadata));
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> entry : sorted) {
            long end = offset + (long) entry.getValue().size() * Float.BYTES;
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", Dtype.F32.name());
            info.put("shape", entry.getValue().shape().dims());
            info.put("data_offsets", new long[] {offset, end});
            header.put(entry.getKey(), info);
            offset = end;
        }
        byte[] json = Json.writeCompact(header).getBytes(StandardCharsets.UTF_8);
        byte[] padded = Arrays.copyOf(json, (json.length + 7) / 8 * 8);
        Arrays.fill(padded, json.length, padded.length, (byte) ' ');
        return padded;
    }

    private static List<Map.Entry<String, Tensor>> sortedByName(Map<String, Tensor> tensors) {
        List<Map.Entry<String, Tensor>> entries = new ArrayList<>(tensors.size());
        for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
            if (entry.getKey() == null || entry.getKey().equals(METADATA_KEY)) {
                throw new IllegalArgumentException("A tensor cannot be named " + entry.getKey()
                        + " in a safetensors file; expected a non-null name other than " + METADATA_KEY);
            }
            if (entry.getValue() == null) {
                throw new IllegalArgumentException("Tensor " + JsonWriter.quote(entry.getKey())
                        + " is null; expected a tensor");
            }
            entries.add(entry);
        }
        entries.sort(Map.Entry.comparingByKey());
        return entries;
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads every tensor of a safetensors file as float32, with its metadata.
     *
     * @throws FileFormatException if the file breaks the format or holds a dtype other than F32, F64, F16, BF16
     */
    public static Contents read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            if (fileSize < Long.BYTES) {
                throw new FileFormatException(file, "is " + fileSize + " bytes long, too short for the 8-byte"
                        + " header length that starts a safetensors file");
            }
            long headerLength = readFully(channel, file, 0, Long.BYTES).getLong();
            if (headerLength < 0 || headerLength > fileSize - Long.BYTES) {
                throw new FileFormatException(file, "header length " + Long.toUnsignedString(headerLength)
                        + " is larger than the " + (fileSize - Long.BYTES) + " bytes that follow it in the file"
                        + " (is the file truncated or not safetensors?)");
            }
            if (headerLength > MAX_HEADER_BYTES) {
                throw new FileFormatException(file, "header length " + headerLength + " exceeds the format's limit of "
                        + MAX_HEADER_BYTES + " bytes");
            }
            long dataStart = Long.BYTES + headerLength;
            SafeTensorsHeader header = SafeTensorsHeader.parse(file,
                    decodeUtf8(file, readFully(channel, file, Long.BYTES, (int) headerLength)), fileSize - dataStart);
            Map<String, Tensor> tensors = new TreeMap<>();
            ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (SafeTensorsHeader.Entry entry : header.entries()) {
                float[] values = new float[entry.shape().size()];
                readValues(channel, file, entry, dataStart + entry.begin(), values, chunk);
                tensors.put(entry.name(), Tensor.wrap(values, entry.shape()));
            }
            return new Contents(tensors, header.metadata());
        }
    }

    /** Reads the values of one tensor chunk by chunk, converting each chunk in bulk. */
    private static void readValues(FileChannel channel, Path file, SafeTensorsHeader.Entry entry, long position,
            float[] values, ByteBuffer chunk) throws IOException {
        Dtype dtype = entry.dtype();
        int perChunk = chunk.capacity() / dtype.bytes;
        for (int done = 0; done < values.length; done += perChunk) {
            int count = Math.min(perChunk, values.length - done);
            chunk.clear().limit(count * dtype.bytes);
            fill(channel, file, position + (long) done * dtype.bytes, chunk, "tensor " + JsonWriter.quote(entry.name()));
            chunk.flip();
            dtype.decode(chunk, values, done, count);
        }
    }

    private static ByteBuffer readFully(FileChannel channel, Path file, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        fill(channel, file, position, buffer, "the header");
        return buffer.flip();
    }

    private static void fill(FileChannel channel, Path file, long position, ByteBuffer buffer, String what)
            throws IOException {
        long start = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position);
            if (read < 0) {
                // The size was checked up front, so only a file shrinking under us gets here.
                throw new FileFormatException(file, "ended at byte " + position + " while reading " + what
                        + ", which needs bytes up to " + (start + buffer.limit()));
            }
            position += read;
        }
    }

    private static String decodeUtf8(Path file, ByteBuffer bytes) throws FileFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new FileFormatException(file, "header is not valid UTF-8; expected UTF-8 JSON after the"
                    + " 8-byte header length", e);
        }
    }

    /** The element types this reader understands, each converted to float32 in bulk. */
    enum Dtype {
        F32(4) {
            @Override
            void decode(ByteBuffer source, float[] target, int offset, int count) {
                source.asFloatBuffer().get(target, offset, count);
            }
        },
        F64(8) {
            @Override
            void decode(ByteBuffer source, float[] target, int offset, int count) {
                var doubles = source.asDoubleBuffer();
                for (int i = 0; i < count; i++) {
                    target[offset + i] = (float) doubles.get(i);
                }
            }
        },
        F16(2) {
            @Override
            void decode(ByteBuffer source, float[] target, int offset, int count) {
                var halves = source.asShortBuffer();
                for (int i = 0; i < count; i++) {
                    target[offset + i] = Float.float16ToFloat(halves.get(i));
                }
            }
        },
        BF16(2) {
            @Override
            void decode(ByteBuffer source, float[] target, int offset, int count) {
                var halves = source.asShortBuffer();
                for (int i = 0; i < count; i++) {
                    // bfloat16 is the upper half of a float32: shift it back into place.
                    target[offset + i] = Float.intBitsToFloat(halves.get(i) << 16);
                }
            }
        };

        final int bytes;

        Dtype(int bytes) {
            this.bytes = bytes;
        }

        /** Converts {@code count} little-endian values at the start of {@code source} into {@code target}. */
        abstract void decode(ByteBuffer source, float[] target, int offset, int count);
    }
}
