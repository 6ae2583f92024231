package org.noether.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noether.data.Images;
import org.noether.science.ImageFilter;
import org.noether.science.ImageKernels;
import org.noether.tensor.Tensor;

/**
 * Runs every example as its {@code main} would, with small settings, and checks what it is meant
 * to show: a classifier well above chance that survives saving, truth tables, a fitted function,
 * a physics-informed loss that falls, filtered images.
 */
class ExamplesTest {

    @Test
    void fashionMlpLearnsAndItsSavedModelPredicts(@TempDir Path temp) throws IOException {
        Path model = temp.resolve("model");
        double accuracy = FashionMlp.run("--data", "embedded", "--epochs", "1", "--output", model.toString());
        assertTrue(accuracy > 0.6, "test accuracy of the loaded model after one epoch on 8000 images "
                + "(chance: 0.1): " + accuracy);
        assertTrue(Files.isRegularFile(model.resolve("model.safetensors")));
        assertTrue(Files.isRegularFile(model.resolve("config.json")));
    }

    private static void assertTruthTable(String gate, float[] outputs, int... expected) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], outputs[i], 0.2, gate + " for input " + i + ": " + Arrays.toString(outputs));
        }
    }

    @Test
    void logicGatesComputeAndOrXor() {
        LogicGates.Result result = LogicGates.run("--epochs", "500");
        assertTruthTable("hand-wired AND", result.and(), 0, 0, 0, 1);
        assertEquals(1, result.and()[3], 1e-3, "for large w the AND neuron saturates");
        assertTruthTable("OR", result.or(), 0, 1, 1, 1);
        assertTruthTable("XOR", result.xor(), 0, 1, 1, 0);
        int correct = 0;
        int[] xor = {0, 1, 1, 0};
        for (int i = 0; i < 4; i++) {
            correct += Math.round(result.xorWithoutHiddenLayer()[i]) == xor[i] ? 1 : 0;
        }
        assertTrue(correct < 4, "no single neuron separates XOR: " + Arrays.toString(result.xorWithoutHiddenLayer()));
    }

    @Test
    void functionFittingBeatsTheBestConstantGuess() {
        FunctionFitting.Result result = FunctionFitting.run("--batches", "400");
        assertTrue(result.finalCost() < 0.5 * result.constantGuessCost(), result.toString());
        assertTrue(result.finalCost() < result.firstCost(), result.toString());
    }

    @Test
    void functionFittingTargetIsTheNotesFunction() {
        assertEquals(0, FunctionFitting.myFunc(0.3f, -0.3f), 0);
        assertEquals(Math.exp(-5 * 0.5) * 1.0, FunctionFitting.myFunc(0.5f, 0.5f), 1e-6);
    }

    @Test
    void burgersPinnLossFalls() {
        BurgersPinn.Result result = BurgersPinn.run("--steps", "120", "--points", "200");
        assertEquals(120, result.losses().length);
        assertTrue(result.last() < 0.5 * result.first(), "loss from " + result.first() + " to " + result.last());
    }

    @Test
    void unknownOptionNamesItAndTheKnownOnes() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LogicGates.run("--epoch", "3"));
        assertEquals("Unknown option '--epoch'. Known: [--epochs]", error.getMessage());
        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
                () -> BurgersPinn.run("--steps", "many"));
        assertEquals("--steps must be a whole number. Received: many", notANumber.getMessage());
    }

    @Test
    void imageFilteringWritesEveryFilterAndTheLayerMatchesTheFilter(@TempDir Path temp) throws IOException {
        Map<String, Tensor> results = ImageFiltering.run("--output", temp.toString());
        for (String name : results.keySet()) {
            Tensor written = Images.read(temp.resolve(name));
            assertEquals(28, written.shape().dim(1), name);
        }
        assertTrue(Files.isRegularFile(temp.resolve("input.png")));
        // Inside the border, the hand-set Conv2D layer and ImageFilter compute the same convolution.
        Tensor image = FashionData.embeddedSubset().split().test().x().slice(0, 0, 1);
        Tensor byLayer = ImageFiltering.sobelByConvolutionLayer(image);
        Tensor byFilter = ImageFilter.apply(image, ImageKernels.sobelY());
        for (int y = 1; y < 27; y++) {
            for (int x = 1; x < 27; x++) {
                assertEquals(byFilter.data()[y * 28 + x], byLayer.data()[y * 28 + x], 1e-5, "pixel " + y + "," + x);
            }
        }
        assertTrue(results.get("blur.png").max().item() > 0.1, "a blurred ankle boot is not black");
    }
}
