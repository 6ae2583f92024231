package org.noether.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.noether.losses.SparseCategoricalCrossentropy;
import org.noether.optimizers.SGD;
import org.noether.tensor.Rng;
import org.noether.train.metrics.Accuracy;
import org.noether.train.metrics.Metric;

/** What fit prints at each verbosity: the values, never the timings, are checked. */
class ProgressOutputTest {

    private record Run(String output, History history) {
    }

    private static Run fit(FitOptions options) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Trainer trainer = new Trainer(new LinearModel(2, 3, 1), new SGD(0.01), new SparseCategoricalCrossentropy(true),
                List.<Metric>of(new Accuracy()), new Rng(2));
        History history = trainer.fit(TrainerFitTest.indexedInputs(20), TrainerFitTest.classLabels(20),
                options.output(out).batchSize(8).validationSplit(0.25));
        out.flush();
        return new Run(bytes.toString(StandardCharsets.UTF_8), history);
    }

    private static String value(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    @Test
    void verboseTwoPrintsOneLinePerEpochWithItsValues() {
        Run run = fit(new FitOptions().epochs(3).verbose(2));
        List<String> lines = run.output().lines().toList();
        assertEquals(3, lines.size(), run.output());
        for (int epoch = 0; epoch < 3; epoch++) {
            String line = lines.get(epoch);
            assertTrue(line.startsWith("Epoch " + (epoch + 1) + "/3 - "), line);
            for (String key : List.of("loss", "accuracy", "val_loss", "val_accuracy")) {
                String expected = " - " + key + ": " + value(run.history().get(key).get(epoch));
                assertTrue(line.contains(expected), expected + " in " + line);
            }
        }
        assertTrue(!run.output().contains("\r"), "no carriage returns in a log");
    }

    @Test
    void verboseZeroPrintsNothing() {
        assertEquals("", fit(new FitOptions().epochs(2).verbose(0)).output());
    }

    @Test
    void automaticVerbosityWritesLinesToAStreamThatIsNotTheTerminal() {
        Run run = fit(new FitOptions().epochs(2));
        List<String> lines = run.output().lines().toList();
        assertEquals(2, lines.size(), run.output());
        assertTrue(lines.get(1).startsWith("Epoch 2/2 - "), lines.get(1));
    }

    @Test
    void theProgressBarEndsEachEpochWithItsStepsAndValues() {
        Run run = fit(new FitOptions().epochs(2).verbose(1));
        String output = run.output();
        assertTrue(output.startsWith("Epoch 1/2\n"), output);
        assertTrue(output.contains("Epoch 2/2\n"), output);
        // 15 training samples in batches of 8: 2 steps
        String lastLine = output.substring(output.lastIndexOf('\r') + 1).strip();
        assertTrue(lastLine.startsWith("2/2 - "), lastLine);
        assertTrue(lastLine.contains("val_loss: " + value(run.history().last("val_loss"))), lastLine);
    }
}
