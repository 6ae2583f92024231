package org.noether.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noether.models.Model;
import org.noether.models.Sequential;
import org.noether.nn.Layer;
import org.noether.nn.Layers;
import org.noether.nn.Parameter;
import org.noether.nn.initializers.Constant;
import org.noether.nn.initializers.RandomNormal;
import org.noether.nn.initializers.RandomUniform;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.noether.testing.LayerGradCheck;

/**
 * BatchNormalization and LayerNormalization against statistics computed here in double: batch
 * statistics and Keras's moving-average rule in training, moving statistics in inference, per-sample
 * statistics for layer normalization; gradients through the statistics; weights, configs, files.
 */
class NormalizationLayersTest {
    @TempDir
    Path directory;

    private static <L extends Layer> L built(L layer, int... inputShape) {
        layer.build(Shape.of(inputShape), new Rng(1));
        return layer;
    }

    /** Flat index of element {@code i} of a row-major tensor along axis {@code axis}. */
    private static int coordinate(Shape shape, int i, int axis) {
        return i / shape.sizeOf(axis + 1, shape.rank()) % shape.dim(axis);
    }

    /**
     * Per-group mean and biased variance of {@code x}, where {@code group(i)} says which statistic
     * element {@code i} belongs to; returns {@code {mean[], variance[]}}.
     */
    private static double[][] statistics(Tensor x, int groups, java.util.function.IntUnaryOperator group) {
        double[] sum = new double[groups];
        double[] count = new double[groups];
        for (int i = 0; i < x.size(); i++) {
            sum[group.applyAsInt(i)] += x.data()[i];
            count[group.applyAsInt(i)]++;
        }
        double[] mean = new double[groups];
        for (int g = 0; g < groups; g++) {
            mean[g] = sum[g] / count[g];
        }
        double[] variance = new double[groups];
        for (int i = 0; i < x.size(); i++) {
            double d = x.data()[i] - mean[group.applyAsInt(i)];
            variance[group.applyAsInt(i)] += d * d / count[group.applyAsInt(i)];
        }
        return new double[][] {mean, variance};
    }

    private static void assertClose(double expected, float actual, double tolerance, String what) {
        assertEquals(expected, actual, tolerance * (1 + Math.abs(expected)), what);
    }

    private static BatchNormalization randomAffine(BatchNormalization layer) {
        return layer.gammaInitializer(new RandomUniform(0.5, 1.5)).betaInitializer(new RandomNormal(0, 0.5));
    }

    // ---------------------------------------------------------------- BatchNormalization

    @Test
    void batchNormalizationWeightsAreKeras() {
        BatchNormalization images = built(new BatchNormalization(), 5, 5, 3);
        assertEquals(List.of("gamma", "beta", "moving_mean", "moving_variance"),
                images.parameters().stream().map(Parameter::name).toList());
        assertEquals(List.of(true, true, false, false), images.parameters().stream().map(Parameter::trainable).toList());
        for (Parameter parameter : images.parameters()) {
            assertEquals(Shape.of(3), parameter.value().shape(), parameter.name());
        }
        assertArrayEquals(new float[] {1, 1, 1}, images.parameter("gamma").value().data());
        assertArrayEquals(new float[] {0, 0, 0}, images.parameter("beta").value().data());
        assertArrayEquals(new float[] {0, 0, 0}, images.parameter("moving_mean").value().data());
        assertArrayEquals(new float[] {1, 1, 1}, images.parameter("moving_variance").value().data());
        assertEquals(12, images.parameterCount());

        BatchNormalization plain = built(new BatchNormalization().center(false).scale(false), 4);
        assertEquals(List.of("moving_mean", "moving_variance"), plain.parameters().stream().map(Parameter::name).toList());
        assertEquals(Shape.of(4), built(new BatchNormalization().axis(1), 4, 5, 3).parameter("gamma").value().shape());
        assertEquals(Shape.of(5), built(new BatchNormalization().axis(-2), 4, 5, 3).parameter("beta").value().shape());

        BatchNormalization defaults = new BatchNormalization();
        assertEquals(-1, defaults.axis());
        assertEquals(0.99, defaults.momentum());
        assertEquals(1e-3, defaults.epsilon());
        Map<String, Object> config = defaults.config();
        assertEquals(List.of("axis", "momentum", "epsilon", "center", "scale", "beta_initializer", "gamma_initializer",
                "moving_mean_initializer", "moving_variance_initializer"), List.copyOf(config.keySet()));
        assertEquals("ones", config.get("gamma_initializer"));
        assertEquals("ones", config.get("moving_variance_initializer"));
    }

    @Test
    void handWorkedTrainingStep() {
        BatchNormalization layer = built(new BatchNormalization(), 1);
        Tensor y = layer.apply(Tensor.of(new float[] {1, 3}, 2, 1), true);
        // μ = 2, σ² = 1: y = ±1/√1.001; moving mean 0·0.99 + 2·0.01, moving variance 1·0.99 + 1·0.01.
        assertArrayEquals(new float[] {(float) (-1 / Math.sqrt(1.001)), (float) (1 / Math.sqrt(1.001))}, y.data(), 1e-7f);
        assertEquals(0.02f, layer.parameter("moving_mean").value().data()[0], 1e-8);
        assertEquals(1f, layer.parameter("moving_variance").value().data()[0], 1e-7);
        // Inference now uses the moving statistics: (1 − 0.02)/√(1 + 0.001).
        assertEquals(0.98 / Math.sqrt(1.001), layer.apply(Tensor.of(new float[] {1}, 1, 1), false).item(), 1e-6);
    }

    @Test
    void trainingUsesBatchStatisticsOverEveryAxisButChannels() {
        Tensor x = Tensor.uniform(Shape.of(4, 3, 5, 2), -2, 3, new Rng(2));
        BatchNormalization layer = built(randomAffine(new BatchNormalization()), 3, 5, 2);
        float[] gamma = layer.parameter("gamma").value().data();
        float[] beta = layer.parameter("beta").value().data();
        double[][] moments = statistics(x, 2, i -> i % 2);
        Tensor y = layer.apply(x, true);
        for (int i = 0; i < x.size(); i++) {
            int c = i % 2;
            double expected = gamma[c] * (x.data()[i] - moments[0][c]) / Math.sqrt(moments[1][c] + 1e-3) + beta[c];
            assertClose(expected, y.data()[i], 1e-5, "element " + i);
        }
        for (int c = 0; c < 2; c++) {
            assertClose(moments[0][c] * 0.01, layer.parameter("moving_mean").value().data()[c], 1e-5, "moving mean");
            assertClose(0.99 + moments[1][c] * 0.01, layer.parameter("moving_variance").value().data()[c], 1e-6,
                    "moving variance");
        }
    }

    @Test
    void movingStatisticsFollowKerasRuleOverManySteps() {
        Tensor x = Tensor.uniform(Shape.of(6, 3), 1, 4, new Rng(3));
        double[][] moments = statistics(x, 3, i -> i % 3);
        BatchNormalization layer = built(new BatchNormalization().momentum(0.8)
                .movingMeanInitializer(new Constant(-1)).movingVarianceInitializer(new Constant(2)), 3);
        int steps = 25;
        for (int step = 0; step < steps; step++) {
            layer.apply(x, true);
        }
        // moving_n = m^n·initial + (1 − m^n)·batch for a fixed batch.
        double kept = Math.pow(0.8, steps);
        for (int c = 0; c < 3; c++) {
            assertClose(kept * -1 + (1 - kept) * moments[0][c], layer.parameter("moving_mean").value().data()[c], 1e-5,
                    "moving mean " + c);
            assertClose(kept * 2 + (1 - kept) * moments[1][c], layer.parameter("moving_variance").value().data()[c],
                    1e-5, "moving variance " + c);
        }
        float[] before = layer.parameter("moving_mean").value().data().clone();
        layer.apply(x, false);
        assertArrayEquals(before, layer.parameter("moving_mean").value().data(), "inference leaves them alone");
    }

    @Test
    void inferenceUsesTheMovingStatistics() {
        BatchNormalization layer = built(randomAffine(new BatchNormalization().axis(1).epsilon(0.01)), 4, 3);
        layer.parameter("moving_mean").assign(Tensor.vector(0.5f, -1, 2, 0));
        layer.parameter("moving_variance").assign(Tensor.vector(0.25f, 4, 1, 9));
        Tensor x = Tensor.uniform(Shape.of(2, 4, 3), -2, 2, new Rng(4));
        Tensor y = layer.apply(x, false);
        float[] gamma = layer.parameter("gamma").value().data();
        float[] beta = layer.parameter("beta").value().data();
        float[] mean = layer.parameter("moving_mean").value().data();
        float[] variance = layer.parameter("moving_variance").value().data();
        for (int i = 0; i < x.size(); i++) {
            int c = coordinate(x.shape(), i, 1);
            double expected = gamma[c] * (x.data()[i] - mean[c]) / Math.sqrt(variance[c] + 0.01) + beta[c];
            assertClose(expected, y.data()[i], 1e-5, "element " + i);
        }
        // The same sample gives the same output whatever else is in its batch.
        Tensor alone = layer.apply(x.slice(0, 1), false);
        assertArrayEquals(alone.data(), java.util.Arrays.copyOf(y.data(), alone.size()));
    }

    @Test
    void trainingWithANonLastAxisReducesTheOthers() {
        Tensor x = Tensor.uniform(Shape.of(3, 4, 5), -1, 2, new Rng(5));
        BatchNormalization layer = built(new BatchNormalization().axis(1).center(false), 4, 5);
        double[][] moments = statistics(x, 4, i -> coordinate(x.shape(), i, 1));
        Tensor y = layer.apply(x, true);
        for (int i = 0; i < x.size(); i++) {
            int c = coordinate(x.shape(), i, 1);
            assertClose((x.data()[i] - moments[0][c]) / Math.sqrt(moments[1][c] + 1e-3), y.data()[i], 1e-5,
                    "element " + i);
        }
    }

    @Test
    void batchNormalizationGradientsInTrainingAndInference() {
        Tensor dense = Tensor.uniform(Shape.of(5, 3), -2, 2, new Rng(6));
        LayerGradCheck.check(built(randomAffine(new BatchNormalization()), 3), dense, true);
        LayerGradCheck.check(built(randomAffine(new BatchNormalization()), 3), dense, false);
        Tensor images = Tensor.uniform(Shape.of(2, 3, 2, 2), -2, 2, new Rng(7));
        BatchNormalization convolutional = built(randomAffine(new BatchNormalization()), 3, 2, 2);
        LayerGradCheck.check(convolutional, images, true);
        convolutional.parameter("moving_variance").assign(Tensor.vector(0.5f, 2));
        LayerGradCheck.check(convolutional, images, false);
        LayerGradCheck.check(built(new BatchNormalization().axis(1).scale(false), 3, 2, 2), images, true);
    }

    @Test
    void batchNormalizationTrainsSavesAndLoads() throws IOException {
        Sequential model = new Sequential(new Input(4), new Dense(6), new BatchNormalization(), new Dense(1)).seed(3);
        String summary = model.summary();
        LayerChecks.assertSummaryRow(summary, "batch_normalization (BatchNormalization)", "(None, 6)", "24");
        assertTrue(summary.contains("Non-trainable params: 12 (48.00 B)"), summary);
        model.compile("sgd", "mean_squared_error");
        Tensor x = Tensor.uniform(Shape.of(32, 4), -1, 1, new Rng(8));
        Tensor y = x.sum(true, 1);
        model.fit(x, y, 2, 8);
        Parameter movingMean = model.namedParameters().get("batch_normalization/moving_mean");
        assertFalse(java.util.Arrays.equals(new float[6], movingMean.value().data()), "fit updated the moving mean");
        Model loaded = LayerChecks.assertSaveLoadIdentical(model, directory);
        assertArrayEquals(movingMean.value().data(),
                loaded.namedParameters().get("batch_normalization/moving_mean").value().data());
        assertNotEquals(model.predict(x).data()[0], model.forward(x, true).data()[0],
                "training mode normalizes with the batch, inference with the moving statistics");
    }

    @Test
    void batchNormalizationErrors() {
        IllegalArgumentException axis = assertThrows(IllegalArgumentException.class,
                () -> new BatchNormalization().axis(3).name("bn").outputShape(Shape.of(4, 5)));
        assertTrue(axis.getMessage().contains("BatchNormalization 'bn'") && axis.getMessage().contains("axis=3")
                && axis.getMessage().contains("(None, 4, 5)"), axis.getMessage());
        IllegalArgumentException scalar = assertThrows(IllegalArgumentException.class,
                () -> new BatchNormalization().outputShape(Shape.scalar()));
        assertTrue(scalar.getMessage().contains("axis=-1") && scalar.getMessage().contains("(None)"),
                scalar.getMessage());
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> new BatchNormalization().axis(0));
        assertTrue(batch.getMessage().contains("axis=0"), batch.getMessage());
        IllegalArgumentException momentum = assertThrows(IllegalArgumentException.class,
                () -> new BatchNormalization().momentum(1.5));
        assertTrue(momentum.getMessage().contains("momentum=1.5"), momentum.getMessage());
        IllegalArgumentException epsilon = assertThrows(IllegalArgumentException.class,
                () -> new BatchNormalization().epsilon(-1));
        assertTrue(epsilon.getMessage().contains("epsilon=-1.0"), epsilon.getMessage());
        IllegalArgumentException synchronizedKey = assertThrows(IllegalArgumentException.class,
                () -> Layers.fromConfig("BatchNormalization", Map.of("synchronized", true)));
        assertTrue(synchronizedKey.getMessage().contains("synchronized"), synchronizedKey.getMessage());
        BatchNormalization builtLayer = built(new BatchNormalization(), 3);
        assertThrows(IllegalStateException.class, () -> builtLayer.momentum(0.9));
    }

    // ---------------------------------------------------------------- LayerNormalization

    @Test
    void layerNormalizationNormalizesEachSample() {
        Tensor x = Tensor.uniform(Shape.of(3, 4, 5), -2, 3, new Rng(9));
        LayerNormalization last = built(new LayerNormalization().gammaInitializer(new RandomUniform(0.5, 1.5))
                .betaInitializer(new RandomNormal(0, 0.5)), 4, 5);
        assertEquals(Shape.of(5), last.parameter("gamma").value().shape());
        double[][] perRow = statistics(x, 12, i -> i / 5);
        Tensor y = last.apply(x, false);
        float[] gamma = last.parameter("gamma").value().data();
        float[] beta = last.parameter("beta").value().data();
        for (int i = 0; i < x.size(); i++) {
            int row = i / 5;
            double expected = gamma[i % 5] * (x.data()[i] - perRow[0][row]) / Math.sqrt(perRow[1][row] + 1e-3)
                    + beta[i % 5];
            assertClose(expected, y.data()[i], 1e-5, "element " + i);
        }
        assertArrayEquals(y.data(), last.apply(x, true).data(), "the same in training");

        LayerNormalization whole = built(new LayerNormalization(1, 2).epsilon(0.1).center(false)
                .gammaInitializer(new RandomUniform(0.5, 1.5)), 4, 5);
        assertEquals(Shape.of(4, 5), whole.parameter("gamma").value().shape());
        assertEquals(List.of("gamma"), whole.parameters().stream().map(Parameter::name).toList());
        double[][] perSample = statistics(x, 3, i -> i / 20);
        Tensor z = whole.apply(x, false);
        float[] wholeGamma = whole.parameter("gamma").value().data();
        for (int i = 0; i < x.size(); i++) {
            int sample = i / 20;
            double expected = wholeGamma[i % 20] * (x.data()[i] - perSample[0][sample])
                    / Math.sqrt(perSample[1][sample] + 0.1);
            assertClose(expected, z.data()[i], 1e-5, "element " + i);
        }

        LayerNormalization middle = built(new LayerNormalization(-2).scale(false), 4, 5);
        double[][] perColumn = statistics(x, 15, i -> i / 20 * 5 + i % 5);
        Tensor m = middle.apply(x, false);
        for (int i = 0; i < x.size(); i++) {
            int group = i / 20 * 5 + i % 5;
            assertClose((x.data()[i] - perColumn[0][group]) / Math.sqrt(perColumn[1][group] + 1e-3), m.data()[i], 1e-5,
                    "element " + i);
        }
    }

    @Test
    void layerNormalizationGradients() {
        Tensor x = Tensor.uniform(Shape.of(2, 3, 4), -2, 2, new Rng(10));
        LayerGradCheck.check(built(new LayerNormalization().gammaInitializer(new RandomUniform(0.5, 1.5))
                .betaInitializer(new RandomNormal(0, 0.5)), 3, 4), x);
        LayerGradCheck.check(built(new LayerNormalization(1, -1).gammaInitializer(new RandomUniform(0.5, 1.5)), 3, 4), x);
        LayerGradCheck.check(built(new LayerNormalization(1), 3, 4), x, true);
    }

    @Test
    void layerNormalizationErrorsAndDefaults() {
        LayerNormalization defaults = new LayerNormalization();
        assertArrayEquals(new int[] {-1}, defaults.axes());
        assertEquals(1e-3, defaults.epsilon());
        assertEquals(-1, defaults.config().get("axis"));
        assertEquals(List.of(1, 2), new LayerNormalization(1, 2).config().get("axis"));
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class, () -> new LayerNormalization(0));
        assertTrue(batch.getMessage().contains("batch axis"), batch.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> new LayerNormalization(-3).name("ln").outputShape(Shape.of(8)));
        assertTrue(range.getMessage().contains("LayerNormalization 'ln'") && range.getMessage().contains("axis=-3")
                && range.getMessage().contains("(None, 8)"), range.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> new LayerNormalization(2, -1).outputShape(Shape.of(3, 4)));
        assertTrue(twice.getMessage().contains("[2, -1]") && twice.getMessage().contains("twice"), twice.getMessage());
        IllegalArgumentException rms = assertThrows(IllegalArgumentException.class,
                () -> Layers.fromConfig("LayerNormalization", Map.of("rms_scaling", true)));
        assertTrue(rms.getMessage().contains("rms_scaling"), rms.getMessage());
    }

    // ---------------------------------------------------------------- both

    @Test
    void configsRoundTrip() {
        List<Supplier<Layer>> layers = List.of(BatchNormalization::new,
                () -> new BatchNormalization().axis(1).momentum(0.9).epsilon(1e-5).center(false)
                        .gammaInitializer(new RandomUniform(0.5, 1.5)).movingVarianceInitializer(new Constant(2)),
                () -> new BatchNormalization().scale(false).betaInitializer(new RandomNormal(0, 1))
                        .movingMeanInitializer(new Constant(0.5)),
                LayerNormalization::new, () -> new LayerNormalization(1, 2, 3).epsilon(1e-6).scale(false),
                () -> new LayerNormalization(-2).betaInitializer(new Constant(0.1)));
        for (Supplier<Layer> make : layers) {
            LayerChecks.assertConfigRoundTrip(make, Shape.of(4, 3, 2));
        }
        assertEquals(new LayerNormalization(1).config(),
                Layers.fromConfig("LayerNormalization", Map.of("axis", List.of(1))).config());
    }

    @Test
    void convolutionalNetWithNormalizationSavesAndLoads() throws IOException {
        Sequential net = new Sequential(new Input(8, 8, 2), new Conv2D(4, 3).useBias(false).padding("same"),
                new BatchNormalization().momentum(0.5), new ActivationLayer("relu"), new MaxPooling2D(),
                new LayerNormalization(1, 2, 3), new GlobalAveragePooling2D(), new Dense(3, "softmax"));
        String summary = net.summary();
        LayerChecks.assertSummaryRow(summary, "batch_normalization (BatchNormalization)", "(None, 8, 8, 4)", "16");
        LayerChecks.assertSummaryRow(summary, "layer_normalization (LayerNormalization)", "(None, 4, 4, 4)", "128");
        for (int step = 0; step < 3; step++) {
            net.forward(Tensor.uniform(Shape.of(5, 8, 8, 2), -1, 1, new Rng(20 + step)), true);
        }
        LayerChecks.assertSaveLoadIdentical(net, directory);
    }
}
