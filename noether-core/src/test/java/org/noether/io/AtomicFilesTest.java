package org.noether.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noether.tensor.Tensor;

/** All-or-nothing writes: the old file survives a failing writer and no temporary file is left. */
class AtomicFilesTest {

    @TempDir
    Path directory;

    private List<String> namesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesAndReplaces() throws IOException {
        Path target = directory.resolve("config.json");
        AtomicFiles.writeString(target, "first ü");
        assertEquals("first ü", Files.readString(target));
        AtomicFiles.writeString(target, "second");
        assertEquals("second", Files.readString(target));
        assertEquals(List.of("config.json"), namesIn(directory));
    }

    @Test
    void writesBytesExactly() throws IOException {
        Path target = directory.resolve("blob.bin");
        byte[] bytes = new byte[300_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        AtomicFiles.writeBytes(target, bytes);
        assertArrayEquals(bytes, Files.readAllBytes(target));
    }

    @Test
    void failingWriterKeepsTheOldFileAndLeavesNoTemporaryFile() throws IOException {
        Path target = directory.resolve("model.safetensors");
        AtomicFiles.writeString(target, "old contents");
        IOException failure = new IOException("disk full (simulated)");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]); // more than the buffer, so part of it reached the temporary file
            throw failure;
        }));
        assertSame(failure, thrown);
        assertEquals("old contents", Files.readString(target));
        assertEquals(List.of("model.safetensors"), namesIn(directory));
    }

    @Test
    void uncheckedExceptionsAlsoCleanUpAndPropagateUnchanged() throws IOException {
        Path target = directory.resolve("weights.bin");
        AtomicFiles.writeString(target, "old");
        UncheckedIOException failure = new UncheckedIOException(new IOException("boom"));
        assertSame(failure, assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw failure;
        })));
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("weights.bin"), namesIn(directory));
    }

    @Test
    void failingFirstWriteCreatesNothing() throws IOException {
        Path target = directory.resolve("new.json");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
            throw new IllegalStateException("no");
        }));
        assertFalse(Files.exists(target));
        assertEquals(List.of(), namesIn(directory));
    }

    @Test
    void failingSafeTensorsWriteKeepsTheOldModel() throws IOException {
        Path target = directory.resolve("model.safetensors");
        SafeTensors.write(target, Map.of("w", Tensor.vector(1, 2)), Map.of());
        byte[] before = Files.readAllBytes(target);
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(target,
                Map.of("__metadata__", Tensor.vector(3)), Map.of()));
        assertArrayEquals(before, Files.readAllBytes(target));
        assertEquals(List.of("model.safetensors"), namesIn(directory));
    }

    @Test
    void createsParentDirectories() throws IOException {
        Path target = directory.resolve("runs/2024/model/config.json");
        AtomicFiles.writeString(target, "{}");
        assertEquals("{}", Files.readString(target));
        assertEquals(List.of("config.json"), namesIn(target.getParent()));
    }

    @Test
    void writerMayCloseTheStream() throws IOException {
        Path target = directory.resolve("closed.txt");
        AtomicFiles.write(target, out -> {
            out.write("abc".getBytes());
            out.close();
        });
        assertEquals("abc", Files.readString(target));
    }

    @Test
    void aDirectoryIsNotAFile() throws IOException {
        Path folder = Files.createDirectory(directory.resolve("folder"));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeString(folder, "x"));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
        assertTrue(e.getMessage().contains(folder.toString()), e.getMessage());
        assertEquals(List.of(), namesIn(folder));
    }

    @Test
    void relativePathsWork() throws IOException {
        Path target = directory.resolve("relative.txt");
        Path relative = Path.of("").toAbsolutePath().relativize(target);
        AtomicFiles.writeString(relative, "rel");
        assertEquals("rel", Files.readString(target));
    }
}
