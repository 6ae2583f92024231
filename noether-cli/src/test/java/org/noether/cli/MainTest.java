package org.noether.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a user meets it: exit statuses (0 success, 1 failure, 2 usage error), the
 * messages of wrong command lines, and a demo trained on the embedded subset whose saved model
 * {@code summary} and {@code evaluate} read back.
 */
class MainTest {
    /** What one run printed, and its exit status. */
    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(args, outStream, errStream);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertContains(String text, String expected) {
        assertTrue(text.contains(expected), "expected to find \"" + expected + "\" in:\n" + text);
    }

    @Test
    void helpAndNoArgumentsPrintTheUsage() {
        for (String[] args : new String[][] {{}, {"help"}, {"--help"}, {"-h"}}) {
            Run run = run(args);
            assertEquals(0, run.status(), String.join(" ", args));
            assertContains(run.out(), "usage: noether <command> [options]");
            for (String command : new String[] {"demo [NAME]", "summary MODEL_DIR", "evaluate MODEL_DIR", "test",
                    "version", "--epochs N", "--data DIR"}) {
                assertContains(run.out(), command);
            }
            assertEquals("", run.err());
        }
    }

    @Test
    void versionNamesTheVersionAndJava() {
        Run run = run("version");
        assertEquals(0, run.status());
        assertContains(run.out(), "noether 0.1.0 (Java " + Runtime.version());
    }

    @Test
    void unknownCommandIsAUsageError() {
        Run run = run("trian");
        assertEquals(2, run.status());
        assertContains(run.err(), "noether: Unknown command 'trian'");
        assertContains(run.err(), "usage: noether");
        assertEquals("", run.out());
    }

    @Test
    void unknownOptionIsAUsageErrorListingTheKnownOnes() {
        Run run = run("demo", "--epoch", "1");
        assertEquals(2, run.status());
        assertContains(run.err(), "noether: Unknown option --epoch. Known: [--batch-size, --data, --epochs, --output, "
                + "--seed, --threads, --validation-split]");
        assertEquals("", run.out(), "nothing may be trained after a usage error");
    }

    @Test
    void badOptionValuesAreUsageErrorsNamingTheValue() {
        Run missing = run("demo", "--epochs");
        assertEquals(2, missing.status());
        assertContains(missing.err(), "Option --epochs needs a value");

        Run notANumber = run("demo", "--epochs", "two");
        assertEquals(2, notANumber.status());
        assertContains(notANumber.err(), "--epochs must be a whole number. Received: two");

        Run equalsForm = run("demo", "--batch-size=big");
        assertEquals(2, equalsForm.status());
        assertContains(equalsForm.err(), "--batch-size must be a whole number. Received: big");

        Run unknownDemo = run("demo", "resnet");
        assertEquals(2, unknownDemo.status());
        assertContains(unknownDemo.err(), "Unknown demo 'resnet'. Known: [fashion-cnn, mlp, conv-simple, lenet, fashion-resnet]");

        Run twoPaths = run("summary", "a", "b");
        assertEquals(2, twoPaths.status());
        assertContains(twoPaths.err(), "summary needs the directory of a saved model. Received: [a, b]");
    }

    @Test
    void missingModelDirectoryFailsWithStatusOneNamingIt(@TempDir Path temp) {
        Path nowhere = temp.resolve("no-such-model");
        for (String command : new String[] {"summary", "evaluate"}) {
            Run run = run(command, nowhere.toString());
            assertEquals(1, run.status(), command);
            assertContains(run.err(), "noether: No saved model at " + nowhere);
            assertContains(run.err(), "model.safetensors");
        }
    }

    @Test
    void missingDataDirectoryFailsWithStatusOneNamingTheFiles(@TempDir Path temp) {
        Path empty = temp.resolve("empty");
        Run run = run("demo", "--data", empty.toString(), "--output", temp.resolve("model").toString());
        assertEquals(1, run.status());
        assertContains(run.err(), "Fashion-MNIST: " + empty + " (no such directory) lacks [train-images-idx3-ubyte[.gz]");
        assertContains(run.err(), "dataset-fashion-mnist");
    }

    @Test
    void embeddedSubsetHoldsEightThousandTrainingAndTwoThousandTestImages() throws IOException {
        org.noether.examples.FashionData subset = org.noether.examples.FashionData.embeddedSubset();
        assertEquals(8000, subset.split().train().size());
        assertEquals(2000, subset.split().test().size());
        assertArrayEquals(new int[] {8000, 28, 28, 1}, subset.split().train().x().shape().dims());
        assertFalse(subset.full());
        assertContains(subset.describe(), "8000 training and 2000 test images");
    }

    @Test
    void demoTrainsOnTheSubsetAndSavesAModelThatSummaryAndEvaluateReadBack(@TempDir Path temp) throws IOException {
        Path model = temp.resolve("model");

        Run demo = run("demo", "mlp", "--epochs", "1", "--data", "embedded", "--output", model.toString());
        assertEquals(0, demo.status(), demo.err());
        assertContains(demo.out(), "8000 training and 2000 test images");
        assertContains(demo.out(), "Epoch 1/1");
        Matcher result = Pattern.compile("Test loss (\\d+\\.\\d+), test accuracy (\\d+\\.\\d+)").matcher(demo.out());
        assertTrue(result.find(), demo.out());
        double accuracy = Double.parseDouble(result.group(2));
        assertTrue(accuracy > 0.6, "one epoch on 8000 images; chance is 0.1. Test accuracy: " + accuracy);
        for (String file : new String[] {"config.json", "model.safetensors", "history.csv"}) {
            assertTrue(Files.isRegularFile(model.resolve(file)), file);
        }
        assertEquals("epoch,loss,accuracy", Files.readAllLines(model.resolve("history.csv")).get(0));

        Run summary = run("summary", model.toString());
        assertEquals(0, summary.status(), summary.err());
        assertContains(summary.out(), "dense (Dense)");
        assertContains(summary.out(), "Total params: 101,770");

        Run evaluate = run("evaluate", model.toString(), "--data", "embedded");
        assertEquals(0, evaluate.status(), evaluate.err());
        assertContains(evaluate.out(), "2000 test images");
        assertContains(evaluate.out(), "test loss " + result.group(1) + ", test accuracy " + result.group(2));
    }
}
