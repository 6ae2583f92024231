package org.noether.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and writing JSON files (typed reads of their contents are {@link ConfigReaderTest}'s). */
class JsonFilesTest {

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
}
