package org.noether.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.noether.io.HandBuiltSafeTensors.bytes;
import static org.noether.io.HandBuiltSafeTensors.concat;
import static org.noether.io.HandBuiltSafeTensors.file;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/** Safetensors round trips, exact bytes against the format description, and the other float dtypes. */
class SafeTensorsTest {

    @TempDir
    Path directory;

    private static Map<String, Tensor> sampleTensors() {
        Rng rng = new Rng(42);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("conv2d_1/kernel", Tensor.normal(Shape.of(3, 3, 1, 2), 0, 1, rng));
        tensors.put("conv2d_1/bias", Tensor.vector(0.5f, -0.25f));
        tensors.put("scalar", Tensor.scalar(3.5));
        tensors.put("empty", Tensor.zeros(0, 3));
        tensors.put("specials", Tensor.vector(Float.NaN, -0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                Float.MIN_VALUE, Float.MAX_VALUE));
        return tensors;
    }

    @Test
    void roundTripKeepsNamesShapesBitsAndMetadata() throws IOException {
        Path path = directory.resolve("model.safetensors");
        Map<String, Tensor> tensors = sampleTensors();
        Map<String, String> metadata = Map.of("format", "noether", "version", "1");
        SafeTensors.write(path, tensors, metadata);

        SafeTensors.Contents contents = SafeTensors.read(path);
        assertEquals(List.of("conv2d_1/bias", "conv2d_1/kernel", "empty", "scalar", "specials"),
                List.copyOf(contents.tensors().keySet()));
        for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
            Tensor back = contents.tensor(entry.getKey());
            assertEquals(entry.getValue().shape(), back.shape(), entry.getKey());
            assertArrayEquals(bits(entry.getValue()), bits(back), entry.getKey());
        }
        assertEquals(Shape.scalar(), contents.tensor("scalar").shape());
        assertEquals(metadata, contents.metadata());
    }

    @Test
    void writesExactlyTheBytesTheFormatDescribes() throws IOException {
        Path path = directory.resolve("tiny.safetensors");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("b", Tensor.vector(1f, -2f));
        tensors.put("a", Tensor.scalar(0.5));
        SafeTensors.write(path, tensors, Map.of("format", "pt"));

        // Metadata first, then tensors by name; offsets relative to the data buffer.
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        assertEquals(138, header.length());
        byte[] expected = concat(
                bytes(144, 0, 0, 0, 0, 0, 0, 0),                            // 138 padded up to 144 = 18 × 8
                header.getBytes(StandardCharsets.US_ASCII),
                "      ".getBytes(StandardCharsets.US_ASCII),               // 6 spaces of padding
                bytes(0x00, 0x00, 0x00, 0x3F),                             // a = 0.5f = 0x3F000000
                bytes(0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0));    // b = 1f = 0x3F800000, -2f = 0xC0000000
        assertArrayEquals(expected, Files.readAllBytes(path));
    }

    @Test
    void savingTheSameTensorsTwiceGivesIdenticalFiles() throws IOException {
        Map<String, Tensor> forward = sampleTensors();
        Map<String, Tensor> backward = new LinkedHashMap<>();
        List<String> names = List.copyOf(forward.keySet());
        for (int i = names.size() - 1; i >= 0; i--) {
            backward.put(names.get(i), forward.get(names.get(i)));
        }
        Map<String, String> metadataForward = new LinkedHashMap<>();
        metadataForward.put("x", "1");
        metadataForward.put("a", "2");
        Map<String, String> metadataBackward = new LinkedHashMap<>();
        metadataBackward.put("a", "2");
        metadataBackward.put("x", "1");
        Path first = directory.resolve("first.safetensors");
        Path second = directory.resolve("second.safetensors");
        SafeTensors.write(first, forward, metadataForward);
        SafeTensors.write(second, backward, metadataBackward);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    @Test
    void headerIsPaddedSoTheDataStartsEightByteAligned() throws IOException {
        for (int nameLength = 1; nameLength <= 9; nameLength++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SafeTensors.writeTo(out, Map.of("w".repeat(nameLength), Tensor.vector(1f)), Map.of());
            byte[] file = out.toByteArray();
            int headerLength = (file[0] & 0xff) | (file[1] & 0xff) << 8;
            assertEquals(0, headerLength % 8, "name length " + nameLength);
            String header = new String(file, 8, headerLength, StandardCharsets.UTF_8);
            assertTrue(header.stripTrailing().endsWith("}"), header);
            assertTrue(header.substring(header.stripTrailing().length()).chars().allMatch(c -> c == ' '), header);
            assertFalse(header.contains("__metadata__"), "empty metadata is left out: " + header);
            assertEquals(8 + headerLength + 4, file.length);
        }
    }

    @Test
    void readsFloat16() throws IOException {
        byte[] data = bytes(0x00, 0x3C, 0x00, 0xC0, 0xFF, 0x7B, 0x01, 0x00, 0x55, 0x35, 0x00, 0x7C);
        Path path = write(file("{\"h\":{\"dtype\":\"F16\",\"shape\":[2,3],\"data_offsets\":[0,12]}}", data));
        Tensor h = SafeTensors.read(path).tensor("h");
        assertEquals(Shape.of(2, 3), h.shape());
        // 1, -2, the largest half 65504, the smallest subnormal 2^-24, 0x3555, +infinity.
        assertArrayEquals(new float[] {1f, -2f, 65504f, 0x1p-24f, 0.333251953125f, Float.POSITIVE_INFINITY}, h.data());
    }

    @Test
    void readsBFloat16() throws IOException {
        byte[] data = bytes(0x80, 0x3F, 0x00, 0xC0, 0x49, 0x40, 0xC0, 0x7F);
        Path path = write(file("{\"b\":{\"dtype\":\"BF16\",\"shape\":[4],\"data_offsets\":[0,8]}}", data));
        float[] values = SafeTensors.read(path).tensor("b").data();
        // bfloat16 is the top half of a float32: 0x3F80 -> 1, 0xC000 -> -2, 0x4049 -> 3.140625, 0x7FC0 -> NaN.
        assertArrayEquals(new float[] {1f, -2f, 3.140625f}, Arrays.copyOf(values, 3));
        assertTrue(Float.isNaN(values[3]));
    }

    @Test
    void readsFloat64RoundedToFloat32() throws IOException {
        byte[] data = bytes(
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF8, 0x3F,    // 1.5
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xD0, 0xBF,    // -0.25
                0x9A, 0x99, 0x99, 0x99, 0x99, 0x99, 0xB9, 0x3F);   // 0.1
        Path path = write(file("{\"d\":{\"dtype\":\"F64\",\"shape\":[3,1],\"data_offsets\":[0,24]}}", data));
        Tensor d = SafeTensors.read(path).tensor("d");
        assertEquals(Shape.of(3, 1), d.shape());
        assertArrayEquals(new float[] {1.5f, -0.25f, 0.1f}, d.data());
    }

    @Test
    void readsMixedDtypesInAnyHeaderOrderAndReturnsThemByName() throws IOException {
        // Laid out as the reference writer does (widest dtype first), header keys in yet another order.
        String header = "{\"z\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[12,14]},"
                + "\"__metadata__\":{\"format\":\"np\"},"
                + "\"y\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]},"
                + "\"x\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]},"
                + "\"e\":{\"dtype\":\"F32\",\"shape\":[2,0],\"data_offsets\":[14,14],\"extra\":1}}";
        byte[] data = bytes(0, 0, 0, 0, 0, 0, 0xF8, 0x3F, 0x00, 0x00, 0x80, 0x3F, 0x00, 0xC0);
        SafeTensors.Contents contents = SafeTensors.read(write(file(header, data)));
        assertEquals(List.of("e", "x", "y", "z"), List.copyOf(contents.tensors().keySet()));
        assertEquals(1.5f, contents.tensor("x").item());
        assertEquals(1f, contents.tensor("y").item());
        assertEquals(-2f, contents.tensor("z").item());
        assertEquals(Shape.of(2, 0), contents.tensor("e").shape());
        assertEquals(Map.of("format", "np"), contents.metadata());
    }

    @Test
    void largeTensorsCrossConversionChunks() throws IOException {
        int count = 600_000;
        float[] values = new float[count];
        byte[] halves = new byte[2 * count];
        for (int i = 0; i < count; i++) {
            values[i] = (i % 4096) - 2048;
            short half = Float.floatToFloat16(values[i]);
            halves[2 * i] = (byte) half;
            halves[2 * i + 1] = (byte) (half >> 8);
        }
        Path f32 = directory.resolve("big.safetensors");
        SafeTensors.write(f32, Map.of("big", Tensor.wrap(values, Shape.of(count))), Map.of());
        assertArrayEquals(values, SafeTensors.read(f32).tensor("big").data());

        Path f16 = write(file("{\"big\":{\"dtype\":\"F16\",\"shape\":[" + count + "],\"data_offsets\":[0,"
                + 2 * count + "]}}", halves));
        assertArrayEquals(values, SafeTensors.read(f16).tensor("big").data());
    }

    @Test
    void writeRejectsTheReservedNameAndNulls() {
        Path path = directory.resolve("bad.safetensors");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.write(path, Map.of("__metadata__", Tensor.scalar(1)), Map.of()));
        assertTrue(e.getMessage().contains("cannot be named __metadata__"), e.getMessage());

        Map<String, Tensor> withNull = new LinkedHashMap<>();
        withNull.put("w", null);
        e = assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(path, withNull, Map.of()));
        assertTrue(e.getMessage().contains("Tensor \"w\" is null"), e.getMessage());

        Map<String, String> nullValue = new LinkedHashMap<>();
        nullValue.put("k", null);
        e = assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.write(path, Map.of("w", Tensor.scalar(1)), nullValue));
        assertTrue(e.getMessage().contains("k -> null"), e.getMessage());
        assertFalse(Files.exists(path));
    }

    @Test
    void missingTensorNamesThoseThatExist() {
        SafeTensors.Contents contents = new SafeTensors.Contents(Map.of("a", Tensor.scalar(1)), Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> contents.tensor("b"));
        assertTrue(e.getMessage().contains("No tensor named \"b\". Present: [a]"), e.getMessage());
    }

    private Path write(byte[] bytes) throws IOException {
        Path path = directory.resolve("hand.safetensors");
        Files.write(path, bytes);
        return path;
    }

    private static int[] bits(Tensor tensor) {
        float[] data = tensor.data();
        int[] bits = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            bits[i] = Float.floatToRawIntBits(data[i]);
        }
        return bits;
    }
}
