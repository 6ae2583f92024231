package org.noether.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed accessors over parsed JSON, and reading and writing JSON files. */
class JsonAccessorsTest {

    private static final Map<String, Object> CONFIG = Json.parseObject("""
            {"name": "dense", "units": 64, "big": 3000000000, "rate": 0.25, "use_bias": false,
             "kernel_size": [3, 5], "layers": [1, 2], "options": {"a": 1}, "missing_value": null,
             "text_number": "32", "fraction": 2.5, "bad_sizes": [3, 2.5]}""");

    @Test
    void readsEachType() {
        assertEquals("dense", Json.getString(CONFIG, "name"));
        assertEquals(64, Json.getInt(CONFIG, "units"));
        assertEquals(3_000_000_000L, Json.getLong(CONFIG, "big"));
        assertEquals(0.25, Json.getDouble(CONFIG, "rate"));
        assertEquals(64.0, Json.getDouble(CONFIG, "units"));
        assertFalse(Json.getBoolean(CONFIG, "use_bias"));
        assertEquals(List.of(1L, 2L), Json.getList(CONFIG, "layers"));
        assertEquals(Map.of("a", 1L), Json.getMap(CONFIG, "options"));
        assertArrayEquals(new int[] {3, 5}, Json.getIntArray(CONFIG, "kernel_size"));
    }

    @Test
    void acceptsMapsBuiltInCodeWithIntegers() {
        Map<String, Object> built = Map.of("units", 10, "rate", 0.5f, "sizes", List.of(1, 2));
        assertEquals(10, Json.getInt(built, "units"));
        assertEquals(10L, Json.getLong(built, "units"));
        assertEquals(0.5, Json.getDouble(built, "rate"));
        assertArrayEquals(new int[] {1, 2}, Json.getIntArray(built, "sizes"));
    }

    @Test
    void defaultsApplyWhenTheKeyIsMissingOrNull() {
        assertEquals("relu", Json.getString(CONFIG, "activation", "relu"));
        assertEquals("relu", Json.getString(CONFIG, "missing_value", "relu"));
        assertEquals("dense", Json.getString(CONFIG, "name", "other"));
        assertEquals(1, Json.getInt(CONFIG, "strides", 1));
        assertEquals(64, Json.getInt(CONFIG, "units", 1));
        assertEquals(0.01, Json.getDouble(CONFIG, "alpha", 0.01));
        assertTrue(Json.getBoolean(CONFIG, "trainable", true));
        assertFalse(Json.getBoolean(CONFIG, "use_bias", true));
    }

    @Test
    void wrongTypeNamesTheKeyTheExpectedTypeAndWhatWasFound() {
        assertMessage(() -> Json.getInt(CONFIG, "text_number"),
                "Key \"text_number\" expected an integer. Received: \"32\" (a string)");
        assertMessage(() -> Json.getInt(CONFIG, "fraction"), "Key \"fraction\" expected an integer. Received: 2.5 (a number)");
        assertMessage(() -> Json.getInt(CONFIG, "big"), "Key \"big\" expected an integer within the int range");
        assertMessage(() -> Json.getString(CONFIG, "units"), "Key \"units\" expected a string. Received: 64 (an integer)");
        assertMessage(() -> Json.getBoolean(CONFIG, "name"), "Key \"name\" expected a boolean. Received: \"dense\" (a string)");
        assertMessage(() -> Json.getDouble(CONFIG, "use_bias"), "Key \"use_bias\" expected a number. Received: false (a boolean)");
        assertMessage(() -> Json.getList(CONFIG, "options"), "Key \"options\" expected an array. Received: an object with keys [a]");
        assertMessage(() -> Json.getMap(CONFIG, "layers"), "Key \"layers\" expected an object. Received: an array of 2 elements");
        assertMessage(() -> Json.getString(CONFIG, "missing_value"), "Key \"missing_value\" expected a string. Received: null");
        assertMessage(() -> Json.getIntArray(CONFIG, "bad_sizes"),
                "Key \"bad_sizes\", element 1, expected an integer. Received: 2.5 (a number)");
        // A wrong type is an error even where a default exists: only absence falls back.
        assertMessage(() -> Json.getInt(CONFIG, "name", 3), "Key \"name\" expected an integer");
    }

    @Test
    void missingKeyListsThePresentKeys() {
        assertMessage(() -> Json.getInt(Map.of("unit", 3), "units"),
                "Missing key \"units\", expected an integer. Present keys: [unit]");
    }

    @Test
    void fileRoundTripEndsWithANewline(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("nested/config.json");
        Map<String, Object> config = Map.of("units", 3L);
        Json.writeFile(file, config);
        assertEquals("{\n  \"units\": 3\n}\n", Files.readString(file));
        assertEquals(config, Json.readFile(file));
    }

    @Test
    void invalidFileNamesTheFileAndThePosition(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("config.json");
        Files.writeString(file, "{\n  \"units\": 3,\n}");
        FileFormatException e = assertThrows(FileFormatException.class, () -> Json.readFile(file));
        assertTrue(e.getMessage().startsWith(file + ": Invalid JSON at line 3, column 1"), e.getMessage());
        assertEquals(file, e.file());

        Files.write(file, new byte[] {'"', (byte) 0xC3, '"'});
        e = assertThrows(FileFormatException.class, () -> Json.readFile(file));
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }

    private static void assertMessage(Runnable action, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        assertTrue(e.getMessage().contains(expected), () -> "expected <" + expected + "> in <" + e.getMessage() + ">");
    }
}
