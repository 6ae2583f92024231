package org.noether.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The {@code ./noether help} output the README shows is the command's own, to the character. */
class ReadmeHelpTest {
    private static final String FENCE = "```";

    /** The repository root: the first directory upwards from the working directory holding README.md. */
    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("noether-cli"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No README.md above " + Path.of("").toAbsolutePath());
    }

    @Test
    void theHelpShownInTheReadmeIsTheCommandsHelp() throws IOException {
        String readme = Files.readString(root().resolve("README.md"));
        String prompt = "$ ./noether help\n";
        int start = readme.indexOf(prompt);
        assertTrue(start >= 0, "README.md shows the output of ./noether help");
        int end = readme.indexOf(FENCE, start);
        ByteArrayOutputStream help = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(help, true, StandardCharsets.UTF_8)) {
            assertEquals(0, Main.run(new String[] {"help"}, out, out));
        }
        assertEquals(help.toString(StandardCharsets.UTF_8), readme.substring(start + prompt.length(), end));
    }

}
