package org.noether.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Java code in README.md is copied from the examples: every non-blank line of each
 * {@code ```java} block appears, in the same order, in one example's source (indentation aside).
 * The examples compile and their tests run them, so the README's code compiles and runs too. The
 * command-line help the README shows is the command's own.
 */
class ReadmeCodeTest {
    private static final String FENCE = "```";

    /** The repository root: the first directory upwards from the working directory holding README.md. */
    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("examples"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No README.md above " + Path.of("").toAbsolutePath());
    }

    /** The non-blank lines, trimmed, of each {@code ```java} block. */
    static List<List<String>> javaBlocks(List<String> markdown) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> current = null;
        for (String line : markdown) {
            String trimmed = line.trim();
            if (current == null && trimmed.equals(FENCE + "java")) {
                current = new ArrayList<>();
            } else if (current != null && trimmed.equals(FENCE)) {
                blocks.add(current);
                current = null;
            } else if (current != null && !trimmed.isEmpty()) {
                current.add(trimmed);
            }
        }
        if (current != null) {
            throw new IllegalArgumentException("README.md: a ```java block is not closed");
        }
        return blocks;
    }

    /** Whether {@code block} occurs in {@code source} as a subsequence of lines. */
    static boolean appearsInOrder(List<String> block, List<String> source) {
        int next = 0;
        for (String line : source) {
            if (next < block.size() && line.equals(block.get(next))) {
                next++;
            }
        }
        return next == block.size();
    }

    private static List<String> trimmedLines(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::trim).filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyJavaBlockOfTheReadmeIsCopiedFromAnExample() throws IOException {
        Path root = root();
        List<List<String>> blocks = javaBlocks(Files.readAllLines(root.resolve("README.md")));
        assertTrue(blocks.size() >= 5, "README.md should show the examples' code; found " + blocks.size()
                + " java blocks");
        Map<Path, List<String>> sources = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(root.resolve("examples/src/main/java/org/noether/examples"))) {
            files.filter(file -> file.toString().endsWith(".java")).sorted()
                    .forEach(file -> sources.put(file.getFileName(), trimmedLines(file)));
        }
        for (int b = 0; b < blocks.size(); b++) {
            List<String> block = blocks.get(b);
            if (sources.values().stream().noneMatch(source -> appearsInOrder(block, source))) {
                fail("README.md java block " + (b + 1) + " (starting \"" + block.get(0) + "\") is not a copy of "
                        + "lines of one example in " + sources.keySet() + "; first line found nowhere: "
                        + firstMissingLine(block, sources));
            }
        }
    }

    private static String firstMissingLine(List<String> block, Map<Path, List<String>> sources) {
        for (String line : block) {
            if (sources.values().stream().noneMatch(source -> source.contains(line))) {
                return "\"" + line + "\"";
            }
        }
        return "none (every line exists, but not in this order in a single file)";
    }

    @Test
    void theCheckRejectsLinesThatAreNotInTheSources() {
        List<String> source = List.of("int a = 1;", "int b = 2;", "}");
        assertTrue(appearsInOrder(List.of("int a = 1;", "}"), source));
        assertTrue(!appearsInOrder(List.of("int b = 2;", "int a = 1;"), source), "order matters");
        assertTrue(!appearsInOrder(List.of("int c = 3;"), source));
        List<List<String>> blocks = javaBlocks(List.of("text", "```java", "  int a = 1;", "", "```", "```sh",
                "ls", "```"));
        assertTrue(blocks.equals(List.of(List.of("int a = 1;"))), blocks.toString());
    }
}
