package org.noether.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.noether.io.HandBuiltSafeTensors.bytes;
import static org.noether.io.HandBuiltSafeTensors.concat;
import static org.noether.io.HandBuiltSafeTensors.file;
import static org.noether.io.HandBuiltSafeTensors.lengthPrefix;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noether.tensor.Tensor;

/** Every way a safetensors file can be broken fails with a message naming the file, the tensor and the fault. */
class SafeTensorsCorruptionTest {

    @TempDir
    Path directory;

    private static String tensor(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + ","
                + end + "]}";
    }

    /** Reads {@code bytes} as a file, expects a format error naming the file, and returns its message. */
    private String failure(byte[] bytes) throws IOException {
        Path path = directory.resolve("broken.safetensors");
        Files.write(path, bytes);
        return failure(path);
    }

    private static String failure(Path path) {
        FileFormatException e = assertThrows(FileFormatException.class, () -> SafeTensors.read(path));
        assertTrue(e.getMessage().startsWith(path + ": "), e.getMessage());
        assertEquals(path, e.file());
        return e.getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "expected <" + part + "> in <" + message + ">");
        }
    }

    @Test
    void fileShorterThanTheLengthPrefix() throws IOException {
        assertContains(failure(bytes(1, 2, 3, 4, 5)), "is 5 bytes long, too short for the 8-byte header length");
        assertContains(failure(new byte[0]), "is 0 bytes long");
    }

    @Test
    void headerLengthBeyondTheFile() throws IOException {
        byte[] bytes = concat(lengthPrefix(1000), "{}".getBytes(), new byte[18]);
        assertContains(failure(bytes), "header length 1000 is larger than the 20 bytes that follow it");
    }

    @Test
    void headerLengthIsUnsigned() throws IOException {
        byte[] bytes = concat(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF), "{}".getBytes());
        assertContains(failure(bytes), "header length 18446744073709551615 is larger than the 2 bytes");
    }

    @Test
    void headerLengthOverTheFormatLimit() throws IOException {
        Path path = directory.resolve("huge.safetensors");
        long length = SafeTensors.MAX_HEADER_BYTES + 8;
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.write(lengthPrefix(length));
            file.setLength(8 + length); // sparse: no real 100 MB written
        }
        assertContains(failure(path), "header length 100000008 exceeds the format's limit of 100000000 bytes");
    }

    @Test
    void headerThatIsNotJson() throws IOException {
        assertContains(failure(file("{\"w\":", new byte[0])), "header is not valid JSON", "line 1, column 6",
                "reached the end of the input");
        assertContains(failure(file("[]", new byte[0])), "header must be a JSON object of tensors. Received: an array");
        assertContains(failure(file("", new byte[0])), "header is not valid JSON");
    }

    @Test
    void headerThatIsNotUtf8() throws IOException {
        byte[] header = bytes('{', 0xC3, '}');
        assertContains(failure(concat(lengthPrefix(3), header)), "header is not valid UTF-8");
    }

    @Test
    void truncatedData() throws IOException {
        Path path = directory.resolve("model.safetensors");
        SafeTensors.write(path, Map.of("a", Tensor.vector(1, 2), "b", Tensor.vector(3, 4)), Map.of());
        byte[] whole = Files.readAllBytes(path);
        Files.write(path, Arrays.copyOf(whole, whole.length - 4));
        assertContains(failure(path), "tensor \"b\" at bytes [8, 16) ends past the data buffer, which has only 12 bytes",
                "truncated");
    }

    @Test
    void bytesLeftOverAfterTheLastTensor() throws IOException {
        String header = "{" + tensor("w", "F32", "[1]", 0, 4) + "}";
        assertContains(failure(file(header, new byte[12])),
                "the data buffer has 12 bytes but the tensors cover 4", "8 bytes belong to no tensor");
    }

    @Test
    void overlappingOffsets() throws IOException {
        String header = "{" + tensor("a", "F32", "[2]", 0, 8) + "," + tensor("b", "F32", "[2]", 4, 12) + "}";
        assertContains(failure(file(header, new byte[12])),
                "tensor \"b\" at bytes [4, 12) overlaps tensor \"a\" at bytes [0, 8)");
    }

    @Test
    void emptyTensorInsideAnotherIsAnOverlap() throws IOException {
        String header = "{" + tensor("a", "F32", "[2]", 0, 8) + "," + tensor("e", "F32", "[0]", 4, 4) + "}";
        assertContains(failure(file(header, new byte[8])), "tensor \"e\" at bytes [4, 4) overlaps tensor \"a\"");
    }

    @Test
    void holeBetweenTensors() throws IOException {
        String header = "{" + tensor("a", "F32", "[1]", 0, 4) + "," + tensor("b", "F32", "[1]", 8, 12) + "}";
        assertContains(failure(file(header, new byte[12])), "bytes [4, 8) of the data buffer belong to no tensor",
                "tensor \"b\" at bytes [8, 12) starts after tensor \"a\" at bytes [0, 4)");
    }

    @Test
    void firstTensorNotAtTheStart() throws IOException {
        String header = "{" + tensor("a", "F32", "[1]", 4, 8) + "}";
        assertContains(failure(file(header, new byte[8])), "bytes [0, 4) of the data buffer belong to no tensor",
                "starts after the buffer's start at 0");
    }

    @Test
    void byteCountDisagreesWithShape() throws IOException {
        String header = "{" + tensor("w", "F32", "[3]", 0, 8) + "}";
        assertContains(failure(file(header, new byte[8])),
                "tensor \"w\" has data_offsets [0, 8] spanning 8 bytes, but shape [3] of F32 needs 3 × 4 = 12 bytes");
        String half = "{" + tensor("h", "F16", "[2,2]", 0, 16) + "}";
        assertContains(failure(file(half, new byte[16])), "tensor \"h\"", "shape [2, 2] of F16 needs 4 × 2 = 8 bytes");
    }

    @Test
    void unsupportedOrUnknownDtype() throws IOException {
        String ints = "{" + tensor("ids", "I32", "[2]", 0, 8) + "}";
        assertContains(failure(file(ints, new byte[8])),
                "tensor \"ids\" has dtype \"I32\", which cannot be read as float32; expected one of [F32, F64, F16, BF16]");
        String unknown = "{" + tensor("q", "Q9", "[2]", 0, 8) + "}";
        assertContains(failure(file(unknown, new byte[8])), "tensor \"q\" has dtype \"Q9\"");
    }

    @Test
    void duplicateNames() throws IOException {
        String header = "{" + tensor("w", "F32", "[1]", 0, 4) + "," + tensor("w", "F32", "[1]", 4, 8) + "}";
        assertContains(failure(file(header, new byte[8])), "duplicate key \"w\"");
    }

    @Test
    void malformedTensorEntries() throws IOException {
        assertContains(failure(file("{" + tensor("w", "F32", "[1]", 4, 0) + "}", new byte[4])),
                "tensor \"w\" has data_offsets [4, 0]; expected two integers [begin, end] with 0 <= begin <= end");
        assertContains(failure(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", new byte[4])),
                "tensor \"w\" has data_offsets [0]; expected two integers");
        assertContains(failure(file("{" + tensor("w", "F32", "[-1]", 0, 0) + "}", new byte[0])),
                "tensor \"w\" has shape [-1]; expected dimensions >= 0");
        assertContains(failure(file("{" + tensor("w", "F32", "[\"2\"]", 0, 8) + "}", new byte[8])),
                "Config key 'shape[0]' of tensor \"w\" must be an integer. Received: shape[0]=2 (String)");
        assertContains(failure(file("{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4])),
                "The config of tensor \"w\" has no key 'dtype'; expected a string");
        assertContains(failure(file("{\"w\":3}", new byte[0])),
                "tensor \"w\" must be an object with dtype, shape and data_offsets. Received: 3 (an integer)");
        assertContains(failure(file("{" + tensor("w", "F32", "[65536,65536]", 0, 0) + "}", new byte[0])),
                "tensor \"w\" has shape [65536, 65536], more than the 2147483647 elements a tensor can hold");
    }

    @Test
    void malformedMetadata() throws IOException {
        assertContains(failure(file("{\"__metadata__\":{\"epoch\":3}}", new byte[0])),
                "__metadata__ entry \"epoch\" must be a string. Received: 3 (an integer)");
        assertContains(failure(file("{\"__metadata__\":[]}", new byte[0])),
                "__metadata__ must be an object of strings");
    }

    @Test
    void validHandBuiltFileStillReads() throws IOException {
        // Guards the helpers above: the same construction with consistent numbers is accepted.
        String header = "{" + tensor("a", "F32", "[1]", 0, 4) + "," + tensor("b", "F32", "[1]", 4, 8) + "}";
        Path path = directory.resolve("fine.safetensors");
        Files.write(path, file(header, bytes(0, 0, 0x80, 0x3F, 0, 0, 0, 0x40)));
        SafeTensors.Contents contents = SafeTensors.read(path);
        assertEquals(1f, contents.tensor("a").item());
        assertEquals(2f, contents.tensor("b").item());
    }
}
