package org.noether.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

class IdxTest {
    @TempDir
    Path directory;

    /** Header bytes {@code 00 00 type rank} and the dimensions, big-endian, built by hand. */
    private static byte[] header(int type, int... dims) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length);
        buffer.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int dim : dims) {
            buffer.putInt(dim);
        }
        return buffer.array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(raw);
        }
        return out.toByteArray();
    }

    private static Tensor readBytes(byte[] bytes) throws IOException {
        return Idx.read(new ByteArrayInputStream(bytes), "test.idx");
    }

    private static String failure(byte[] bytes) {
        return assertThrows(IdxFormatException.class, () -> readBytes(bytes)).getMessage();
    }

    @Test
    void readsUnsignedBytesAsZeroTo255() throws IOException {
        Tensor t = readBytes(concat(header(0x08, 2, 2), new byte[] {0, 127, (byte) 128, (byte) 255}));
        assertEquals(Shape.of(2, 2), t.shape());
        assertArrayEquals(new float[] {0, 127, 128, 255}, t.data());
    }

    @Test
    void readsEveryTypeBigEndianFromHandWrittenBytes() throws IOException {
        assertArrayEquals(new float[] {-1, 127, -128},
                readBytes(concat(header(0x09, 3), new byte[] {(byte) 0xFF, 0x7F, (byte) 0x80})).data());
        assertArrayEquals(new float[] {258, -2},
                readBytes(concat(header(0x0B, 2), new byte[] {1, 2, (byte) 0xFF, (byte) 0xFE})).data());
        assertArrayEquals(new float[] {16909060, -1},
                readBytes(concat(header(0x0C, 2), new byte[] {1, 2, 3, 4, -1, -1, -1, -1})).data());
        // 0x3FC00000 is 1.5f; 0xC0040000_00000000 is -2.5.
        assertArrayEquals(new float[] {1.5f},
                readBytes(concat(header(0x0D, 1), new byte[] {0x3F, (byte) 0xC0, 0, 0})).data());
        assertArrayEquals(new float[] {-2.5f},
                readBytes(concat(header(0x0E, 1), new byte[] {(byte) 0xC0, 0x04, 0, 0, 0, 0, 0, 0})).data());
    }

    @ParameterizedTest
    @EnumSource(IdxType.class)
    void roundTripsEveryTypeRawAndCompressed(IdxType type) throws IOException {
        float[] values = {0, 1, 2, 100, 127, 3, 7, 9, 11, 13, 15, 17};
        if (!type.isInteger()) {
            values[1] = 0.25f;
            values[2] = -1e-3f;
        } else if (type != IdxType.UNSIGNED_BYTE) {
            values[2] = -5;
        }
        Tensor tensor = Tensor.of(values, 2, 3, 2);
        for (String name : new String[] {"data.idx", "data.idx.gz"}) {
            Path file = directory.resolve(type.name() + name);
            Idx.write(file, tensor, type);
            byte[] bytes = Files.readAllBytes(file);
            assertEquals(name.endsWith(".gz"), (bytes[0] & 0xFF) == 0x1f && (bytes[1] & 0xFF) == 0x8b, name);
            Tensor back = Idx.read(file);
            assertEquals(tensor.shape(), back.shape());
            assertArrayEquals(values, back.data());
        }
    }

    @Test
    void writesTheMnistHeaderExactly() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Idx.write(out, Tensor.of(new float[] {0, 255}, 1, 2, 1), IdxType.UNSIGNED_BYTE);
        assertArrayEquals(new byte[] {0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 1, 0, (byte) 255},
                out.toByteArray());
    }

    @Test
    void detectsGzipByItsMagicBytesNotByTheFileName() throws IOException {
        byte[] raw = concat(header(0x08, 3), new byte[] {5, 6, 7});
        Path compressedWithoutSuffix = directory.resolve("labels-idx1-ubyte");
        Path rawWithGzSuffix = directory.resolve("labels-idx1-ubyte.gz");
        Files.write(compressedWithoutSuffix, gzip(raw));
        Files.write(rawWithGzSuffix, raw);
        assertArrayEquals(new float[] {5, 6, 7}, Idx.read(compressedWithoutSuffix).data());
        assertArrayEquals(new float[] {5, 6, 7}, Idx.read(rawWithGzSuffix).data());
    }

    @Test
    void readsLargeDataAcrossManyChunks() throws IOException {
        int n = 300_000;
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (i * 31) % 256;
        }
        Path file = directory.resolve("big.gz");
        Idx.write(file, Tensor.of(values, n), IdxType.UNSIGNED_BYTE);
        assertArrayEquals(values, Idx.read(file).data());
        Path shorts = directory.resolve("big-short.idx");
        Idx.write(shorts, Tensor.of(values, 100, n / 100), IdxType.SHORT);
        assertArrayEquals(values, Idx.read(shorts).data());
    }

    @Test
    void emptyDimensionGivesAnEmptyTensor() throws IOException {
        Tensor t = readBytes(header(0x08, 0, 28, 28));
        assertEquals(Shape.of(0, 28, 28), t.shape());
        assertEquals(0, t.size());
    }

    @Test
    void truncatedDataNamesExpectedAndFoundBytes() throws IOException {
        String message = failure(concat(header(0x08, 60000, 28, 28), new byte[1200]));
        assertTrue(message.startsWith("test.idx: "), message);
        assertTrue(message.contains("expected 47040000 bytes of data"), message);
        assertTrue(message.contains("[60000, 28, 28]"), message);
        assertTrue(message.contains("found 1200"), message);
    }

    @Test
    void truncatedDataInsideAGzipStreamIsReportedTheSameWay() throws IOException {
        byte[] compressed = gzip(concat(header(0x0C, 10), new byte[40]));
        // Cutting the compressed stream leaves a gzip member without its end.
        String message = failure(Arrays.copyOf(compressed, compressed.length - 12));
        assertTrue(message.contains("expected 40 bytes of data"), message);
        assertTrue(message.contains("0x0C (int)"), message);
    }

    @Test
    void corruptGzipIsNamed() throws IOException {
        byte[] compressed = gzip(concat(header(0x08, 100), new byte[100]));
        compressed[12] ^= (byte) 0xFF;
        compressed[13] ^= (byte) 0xFF;
        String message = failure(compressed);
        assertTrue(message.startsWith("test.idx: corrupt gzip"), message);
        String header = failure(new byte[] {0x1f, (byte) 0x8b, 0x01});
        assertTrue(header.startsWith("test.idx: corrupt gzip header"), header);
    }

    @Test
    void shortHeaderIsNamed() {
        assertTrue(failure(new byte[] {0, 0, 8}).contains("expected a 4-byte IDX header, found 3 bytes"));
        String dims = failure(concat(new byte[] {0, 0, 8, 3}, new byte[] {0, 0, 0, 5, 0}));
        assertTrue(dims.contains("expected 12 bytes of dimensions for rank 3, found 5"), dims);
    }

    @Test
    void wrongMagicNumberShowsWhatWasFound() {
        String message = failure(concat("P5\n28 28\n255\n".getBytes(), new byte[8]));
        assertTrue(message.contains("wrong magic number"), message);
        assertTrue(message.contains("expected 0x0000"), message);
        assertTrue(message.contains("found 0x50350A32"), message);
    }

    @Test
    void unknownTypeListsTheKnownOnes() {
        String message = failure(concat(header(0x0A, 1), new byte[4]));
        assertTrue(message.contains("unknown data type 0x0A"), message);
        assertTrue(message.contains("0x08 (unsigned byte)") && message.contains("0x0E (double)"), message);
    }

    @Test
    void absurdRankAndDimensionsAreRejected() {
        assertTrue(failure(header(0x08)).contains("rank 0 in the header: expected 1 to 16"));
        String rank = failure(new byte[] {0, 0, 8, (byte) 200});
        assertTrue(rank.contains("rank 200"), rank);
        String negative = failure(header(0x08, 10, -3));
        assertTrue(negative.contains("dimension 1 is -3: expected a size >= 0"), negative);
        String huge = failure(header(0x0D, 65536, 65536));
        assertTrue(huge.contains("[65536, 65536] hold more than"), huge);
    }

    @Test
    void absurdDimensionsWithLittleDataDoNotExhaustMemory() {
        // 2·10⁹ values claimed, 10 bytes present: the reader must report truncation, not allocate 8 GB.
        String message = failure(concat(header(0x0D, 2_000_000_000), new byte[10]));
        assertTrue(message.contains("expected 8000000000 bytes of data"), message);
        assertTrue(message.contains("found 10"), message);
    }

    @Test
    void trailingGarbageIsCounted() throws IOException {
        String message = failure(concat(header(0x08, 2), new byte[] {1, 2, 3, 4, 5}));
        assertTrue(message.contains("expected the file to end after 2 bytes of data"), message);
        assertTrue(message.contains("found 3 more bytes"), message);
        String compressed = failure(gzip(concat(header(0x08, 2), new byte[] {1, 2, 3})));
        assertTrue(compressed.contains("found 1 more bytes"), compressed);
    }

    @Test
    void pathErrorsNameThePath() throws IOException {
        Path file = directory.resolve("broken-idx1-ubyte");
        Files.write(file, concat(header(0x08, 10), new byte[4]));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.read(file));
        assertTrue(e.getMessage().startsWith(file.toString() + ": expected 10 bytes"), e.getMessage());
    }

    @Test
    void writingRejectsValuesTheTypeCannotHoldAndLeavesNoFile() {
        Path file = directory.resolve("bad.idx");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Idx.write(file, Tensor.vector(0, 255, 256), IdxType.UNSIGNED_BYTE));
        assertTrue(e.getMessage().contains("index 2"), e.getMessage());
        assertTrue(e.getMessage().contains("Received: 256.0"), e.getMessage());
        assertFalse(Files.exists(file));
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
                () -> Idx.write(file, Tensor.vector(1.5f), IdxType.INT));
        assertTrue(fraction.getMessage().contains("Received: 1.5"), fraction.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Idx.write(file, Tensor.scalar(1), IdxType.FLOAT));
    }
}
