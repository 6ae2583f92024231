package org.noether.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.noether.autograd.Autograd;
import org.noether.nn.Layer;
import org.noether.nn.layers.Dense;
import org.noether.nn.layers.Dropout;
import org.noether.nn.layers.Flatten;
import org.noether.nn.layers.Input;
import org.noether.nn.layers.Maxout;
import org.noether.optimizers.Adam;
import org.noether.losses.SparseCategoricalCrossentropy;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.noether.testing.GradCheck;
import org.noether.train.FitOptions;
import org.noether.train.History;
import org.noether.train.metrics.Accuracy;

/** Sequential: structure, names, summary, seeds, prediction, the recorded graph and weight loading. */
class SequentialTest {

    /** The notes' Fashion-MNIST MLP: 784 → 128 → 10. */
    static Sequential mlp() {
        return new Sequential(new Input(28, 28, 1), new Flatten(), new Dense(128, "relu"), new Dense(10, "softmax"));
    }

    private static void assertRow(String summary, String name, String shape, String count) {
        Pattern row = Pattern.compile("(?m)^\\s*" + Pattern.quote(name) + "\\s+" + Pattern.quote(shape) + "\\s+"
                + Pattern.quote(count) + "\\s*$");
        assertTrue(row.matcher(summary).find(), "row " + name + " " + shape + " " + count + " in\n" + summary);
    }

    @Test
    void summaryOfTheFashionMlp() {
        String summary = mlp().summary();
        assertTrue(summary.startsWith("Model: \"sequential\"\n"), summary);
        assertRow(summary, "flatten (Flatten)", "(None, 784)", "0");
        assertRow(summary, "dense (Dense)", "(None, 128)", "100,480");
        assertRow(summary, "dense_1 (Dense)", "(None, 10)", "1,290");
        assertTrue(summary.contains("Total params: 101,770 (397.54 KB)\n"), summary);
        assertTrue(summary.contains("Trainable params: 101,770 (397.54 KB)\n"), summary);
        assertTrue(summary.contains("Non-trainable params: 0 (0.00 B)\n"), summary);
        assertEquals(101_770, mlp().parameterCount());
    }

    @Test
    void summaryOfTheTwoDimensionalFunctionNet() {
        Sequential net = new Sequential(new Dense(150, "relu"), new Dense(150, "relu"), new Dense(100, "relu"),
                new Dense(1, "relu")).build(2);
        String summary = net.summary();
        assertRow(summary, "dense (Dense)", "(None, 150)", "450");
        assertRow(summary, "dense_1 (Dense)", "(None, 150)", "22,650");
        assertRow(summary, "dense_2 (Dense)", "(None, 100)", "15,100");
        assertRow(summary, "dense_3 (Dense)", "(None, 1)", "101");
        assertTrue(summary.contains("Total params: 38,301 (149.61 KB)\n"), summary);
        assertEquals(38_301, net.parameterCount());
        assertEquals(Shape.of(1), net.outputShape());
    }

    @Test
    void automaticNamesFollowKeras() {
        Sequential model = new Sequential(new Input(4), new Dense(3), new Dropout(0.5), new Dense(3), new Maxout(2, 2),
                new Dense(1));
        assertEquals(List.of("input_layer", "dense", "dropout", "dense_1", "maxout", "dense_2"),
                model.layers().stream().map(Layer::name).toList());
        Sequential mixed = new Sequential(new Dense(2).name("dense_1"), new Dense(2), new Dense(2));
        assertEquals(List.of("dense_1", "dense", "dense_2"), mixed.layers().stream().map(Layer::name).toList());
        assertEquals("max_pooling2d", Sequential.snakeCase("MaxPooling2D"));
        assertEquals("input_layer", Sequential.snakeCase("InputLayer"));
    }

    @Test
    void duplicateNamesAreRejected() {
        Sequential model = new Sequential(new Dense(2).name("hidden"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> model.add(new Dense(3).name("hidden")));
        assertTrue(error.getMessage().contains("'hidden'") && error.getMessage().contains("'sequential'"),
                error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Sequential(new Dense(2), new Dense(2).name("dense")));
        assertEquals(1, model.layers().size());
    }

    @Test
    void inputMustComeFirst() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(new Dense(2), new Input(3)));
        assertTrue(error.getMessage().contains("Input") && error.getMessage().contains("first"), error.getMessage());
    }

    @Test
    void addingAfterBuildIsAnError() {
        Sequential model = new Sequential(new Dense(2)).build(3);
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> model.add(new Dense(1)));
        assertTrue(error.getMessage().contains("already built"), error.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> model.layers().add(new Dense(1)));
    }

    @Test
    void modelsWithoutAnInputShapeAreNotBuilt() {
        Sequential model = new Sequential(new Dense(2), new Dense(1));
        assertFalse(model.isBuilt());
        assertNull(model.inputShape());
        for (Runnable use : List.<Runnable>of(model::summary, model::namedParameters, model::parameterCount)) {
            IllegalStateException error = assertThrows(IllegalStateException.class, use::run);
            assertTrue(error.getMessage().contains("not built") && error.getMessage().contains("'sequential'"),
                    error.getMessage());
        }
        IllegalStateException compile = assertThrows(IllegalStateException.class, () -> model.trainer());
        assertTrue(compile.getMessage().contains("not compiled"), compile.getMessage());
        IllegalStateException empty = assertThrows(IllegalStateException.class, () -> new Sequential().build(3));
        assertTrue(empty.getMessage().contains("no layers"), empty.getMessage());
    }

    @Test
    void aModelIsBuiltByItsFirstInputOrByAnInputLayer() {
        Sequential lazy = new Sequential(new Dense(2));
        lazy.predict(Tensor.zeros(5, 3));
        assertTrue(lazy.isBuilt());
        assertEquals(Shape.of(3), lazy.inputShape());
        assertEquals(Shape.of(3, 2), lazy.namedParameters().get("dense/kernel").value().shape());

        Sequential declared = new Sequential(new Input(4), new Dense(2));
        assertEquals(10, declared.parameterCount(), "an Input layer lets the weights exist on first use");
    }

    @Test
    void buildRejectsAnIncompatibleShapeNamingTheLayer() {
        Sequential model = new Sequential(new Input(3), new Flatten(), new Dense(2));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> model.build(4));
        assertTrue(error.getMessage().contains("InputLayer") && error.getMessage().contains("[4]"), error.getMessage());
        IllegalArgumentException predict = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(new Input(3), new Dense(2)).predict(Tensor.zeros(2, 4)));
        assertTrue(predict.getMessage().contains("[3]") && predict.getMessage().contains("[4]"), predict.getMessage());
    }

    @Test
    void namedParametersArePathsInLayerOrder() {
        Sequential model = new Sequential(new Input(4), new Dense(3), new Dropout(0.2), new Maxout(2, 3),
                new Dense(1).useBias(false));
        assertEquals(List.of("dense/kernel", "dense/bias", "maxout/kernel", "maxout/bias", "dense_1/kernel"),
                new ArrayList<>(model.namedParameters().keySet()));
        assertEquals(Shape.of(3, 6), model.namedParameters().get("maxout/kernel").value().shape());
        assertEquals(5, model.trainableTensors().size());
        assertEquals(4 * 3 + 3 + 3 * 6 + 6 + 2, model.parameterCount());
    }

    /** A model with dropout, trained a little with shuffling: every random choice comes from the seed. */
    private static Object[] trainWithSeed(long seed) {
        Sequential model = new Sequential(new Input(4), new Dense(8, "relu"), new Dropout(0.3), new Dense(3, "softmax"));
        model.seed(seed).compile(new Adam(0.01), new SparseCategoricalCrossentropy(), new Accuracy());
        Map<String, Tensor> initial = model.weightSnapshot();
        Rng data = new Rng(100);
        Tensor x = Tensor.normal(Shape.of(40, 4), 0, 1, data);
        float[] labels = new float[40];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = data.nextInt(3);
        }
        History history = model.fit(x, Tensor.vector(labels), new FitOptions().epochs(3).batchSize(8).verbose(0));
        return new Object[] {initial, model.weightSnapshot(), history};
    }

    private static void assertSameWeights(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((path, value) -> assertArrayEquals(value.data(), actual.get(path).data(), path));
    }

    private static boolean sameWeights(Map<String, Tensor> a, Map<String, Tensor> b) {
        return a.keySet().stream().allMatch(path -> Arrays.equals(a.get(path).data(), b.get(path).data()));
    }

    @SuppressWarnings("unchecked")
    @Test
    void aSeedReproducesInitialWeightsAndTraining() {
        Object[] first = trainWithSeed(7);
        Object[] second = trainWithSeed(7);
        assertSameWeights((Map<String, Tensor>) first[0], (Map<String, Tensor>) second[0]);
        assertSameWeights((Map<String, Tensor>) first[1], (Map<String, Tensor>) second[1]);
        History a = (History) first[2];
        History b = (History) second[2];
        assertEquals(a.keys(), b.keys());
        for (String key : a.keys()) {
            assertEquals(a.get(key), b.get(key), key);
        }

        Object[] other = trainWithSeed(8);
        assertFalse(sameWeights((Map<String, Tensor>) first[0], (Map<String, Tensor>) other[0]));
        assertFalse(sameWeights((Map<String, Tensor>) first[1], (Map<String, Tensor>) other[1]));
        assertFalse(a.get("loss").equals(((History) other[2]).get("loss")));
    }

    @Test
    void theSeedIsFixedOnceTheModelIsBuilt() {
        Sequential model = new Sequential(new Input(2), new Dense(1)).seed(3);
        assertEquals(3, model.seed());
        model.build();
        assertThrows(IllegalStateException.class, () -> model.seed(4));
    }

    @Test
    void predictInBatchesEqualsPredictOnBatch() {
        Sequential model = new Sequential(new Input(6), new Dense(16, "tanh"), new Dropout(0.5), new Maxout(4, 2),
                new Dense(3, "softmax")).seed(2);
        Tensor x = Tensor.uniform(Shape.of(101, 6), -1, 1, new Rng(3));
        Tensor whole = model.predictOnBatch(x);
        assertEquals(Shape.of(101, 3), whole.shape());
        for (int batchSize : new int[] {1, 7, 32, 100, 101, 500}) {
            Tensor batched = model.predict(x, batchSize);
            assertEquals(whole.shape(), batched.shape());
            assertArrayEquals(whole.data(), batched.data(), "batch size " + batchSize);
        }
        assertArrayEquals(whole.data(), model.predict(x).data(), 1e-6f, "default batch size");
        assertFalse(whole.requiresGrad(), "predictOnBatch records nothing");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> model.predict(x, 0));
        assertTrue(error.getMessage().contains("0"), error.getMessage());
    }

    @Test
    void applyKeepsTheGraphForGradientsWithRespectToTheInput() {
        Sequential model = new Sequential(new Input(3), new Dense(5, "tanh"), new Dense(2)).seed(4);
        Tensor x = Tensor.uniform(Shape.of(4, 3), -1, 1, new Rng(5)).requiresGrad(true);
        Tensor y = model.apply(x);
        assertTrue(y.requiresGrad());
        Tensor gradient = Autograd.grad(y.sum(), new Tensor[] {x}, false)[0];
        assertEquals(x.shape(), gradient.shape());
        GradCheck.check("model input", xs -> model.apply(xs[0]), x.detach());

        // a linear model's input gradient of Σy is the kernel's row sums, for every sample
        Sequential linear = new Sequential(new Input(3), new Dense(2)).seed(6);
        Tensor kernel = linear.namedParameters().get("dense/kernel").value();
        Tensor inputGradient = Autograd.grad(linear.apply(x).sum(), new Tensor[] {x}, false)[0];
        for (int sample = 0; sample < 4; sample++) {
            for (int i = 0; i < 3; i++) {
                assertEquals(kernel.get(i, 0) + kernel.get(i, 1), inputGradient.get(sample, i), 1e-6);
            }
        }
    }

    @Test
    void loadWeightsListsEveryMismatchAndChangesNothing() {
        Sequential model = new Sequential(new Input(4), new Dense(3), new Dense(2)).seed(1);
        Map<String, Tensor> before = model.weightSnapshot();
        Map<String, Tensor> weights = new LinkedHashMap<>(before);
        weights.put("dense/kernel", Tensor.zeros(3, 4));
        weights.remove("dense_1/bias");
        weights.put("dense_9/kernel", Tensor.zeros(1));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> model.loadWeights(weights));
        String message = error.getMessage();
        assertTrue(message.contains("'sequential'"), message);
        assertTrue(message.contains("missing 'dense_1/bias'") && message.contains("[2]"), message);
        assertTrue(message.contains("'dense/kernel' has shape [3, 4], expected [4, 3]"), message);
        assertTrue(message.contains("unexpected 'dense_9/kernel'"), message);
        assertSameWeights(before, model.weightSnapshot());

        Map<String, Tensor> replacement = new LinkedHashMap<>();
        before.forEach((path, value) -> replacement.put(path, Tensor.full(value.shape(), 0.5)));
        model.loadWeights(replacement);
        assertSameWeights(replacement, model.weightSnapshot());
    }

    @Test
    void weightSnapshotIsACopy() {
        Sequential model = new Sequential(new Input(2), new Dense(2)).seed(1);
        Map<String, Tensor> snapshot = model.weightSnapshot();
        float original = snapshot.get("dense/kernel").data()[0];
        model.namedParameters().get("dense/kernel").value().data()[0] = 42;
        assertEquals(original, snapshot.get("dense/kernel").data()[0]);
    }
}
