package org.noether.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.noether.models.Model;

/**
 * The convolutional demos: each network has the size its source describes, and a short run on the
 * embedded 8,000-image subset takes it well above chance, prints a confusion matrix, and saves a
 * model that loads back with the same test accuracy.
 */
class ConvolutionalDemosTest {

    static Stream<Arguments> demos() {
        return Stream.of(
                Arguments.of(Named.of(ConvSimple.DEMO.name(), ConvSimple.DEMO), 3_622L, 1, 0.55),
                Arguments.of(Named.of(FashionCnn.DEMO.name(), FashionCnn.DEMO), 225_034L, 1, 0.7),
                Arguments.of(Named.of(LeNet5.DEMO.name(), LeNet5.DEMO), 61_706L, 1, 0.6),
                // Batch normalization predicts with moving averages (momentum 0.99, as in Keras) that
                // start at variance 1. The stem's outputs have a variance near 0.007, so the start value
                // must decay well below that: 0.99^375 = 0.023 after three epochs of 125 steps still
                // shrinks the stem's output threefold at inference (test accuracy 0.16);
                // 0.99^500 = 0.0066 after four epochs does not.
                Arguments.of(Named.of(FashionResNet.DEMO.name(), FashionResNet.DEMO), 514_858L, 4, 0.6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("demos")
    void aFewEpochsOnTheSubsetLearnAndSave(ClassifierDemo demo, long parameters, int epochs,
                                           double accuracyFloor, @TempDir Path temp) throws IOException {
        Model network = demo.model().get();
        network.build(28, 28, 1);
        assertEquals(parameters, network.parameterCount(), demo.name() + " parameters");

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Path output = temp.resolve(demo.name());
        double accuracy;
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            accuracy = demo.run(new ClassifierDemo.Options(FashionData.EMBEDDED, epochs, null, output, 0, 0), out);
        }
        String report = printed.toString(StandardCharsets.UTF_8);
        assertTrue(accuracy > accuracyFloor, demo.name() + " after " + epochs + " epochs on 8000 images (chance: 0.1): "
                + accuracy + "\n" + report);
        assertTrue(report.contains("Confusion matrix") && report.contains("Ankle boot"), report);
        Model loaded = Model.load(output);
        double reloaded = loaded.evaluate(FashionData.embeddedSubset().split().test()).get("accuracy");
        assertEquals(accuracy, reloaded, 1e-12, demo.name() + " accuracy after loading");
        assertTrue(Files.isRegularFile(output.resolve("history.csv")));
    }
}
