package org.noether.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.noether.nn.Parameter;
import org.noether.nn.activations.Activations;
import org.noether.nn.initializers.Constant;
import org.noether.nn.initializers.Initializers;
import org.noether.nn.initializers.RandomNormal;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.noether.testing.LayerGradCheck;

/** Dense: shape rule, {@code f(x·W + b)} against a double-precision loop, gradients, options and errors. */
class DenseTest {

    private static Dense built(Dense dense, int... inputShape) {
        dense.build(Shape.of(inputShape), new Rng(7));
        return dense;
    }

    /** {@code x·W + b} over the last axis, in double, for any leading axes. */
    private static double[] affine(Tensor x, Tensor kernel, Tensor bias) {
        int in = kernel.dim(0);
        int units = kernel.dim(1);
        int rows = x.size() / in;
        double[] out = new double[rows * units];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < units; j++) {
                double z = bias == null ? 0 : bias.data()[j];
                for (int k = 0; k < in; k++) {
                    z += (double) x.data()[r * in + k] * kernel.data()[k * units + j];
                }
                out[r * units + j] = z;
            }
        }
        return out;
    }

    private static void assertClose(double[] expected, Tensor actual, double tolerance) {
        assertEquals(expected.length, actual.size(), "number of outputs");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual.data()[i], tolerance * (1 + Math.abs(expected[i])), "output " + i);
        }
    }

    @Test
    void shapeRuleActsOnTheLastAxis() {
        Object[][] table = {
                {new int[] {4}, new int[] {5}},
                {new int[] {1}, new int[] {5}},
                {new int[] {3, 4}, new int[] {3, 5}},
                {new int[] {2, 3, 4}, new int[] {2, 3, 5}},
        };
        for (Object[] row : table) {
            Shape input = Shape.of((int[]) row[0]);
            assertEquals(Shape.of((int[]) row[1]), new Dense(5).outputShape(input), "per-sample input " + input);
        }
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new Dense(5).outputShape(Shape.scalar()));
        assertTrue(error.getMessage().contains("Dense") && error.getMessage().contains("[]"), error.getMessage());
    }

    @Test
    void weightShapesFollowTheNotesConvention() {
        Dense dense = built(new Dense(3), 4);
        assertEquals(List.of("kernel", "bias"), dense.parameters().stream().map(Parameter::name).toList());
        assertEquals(Shape.of(4, 3), dense.parameter("kernel").value().shape());
        assertEquals(Shape.of(3), dense.parameter("bias").value().shape());
        assertEquals(4 * 3 + 3, dense.parameterCount());
        assertTrue(dense.parameters().stream().allMatch(Parameter::trainable));
    }

    @Test
    void outputIsXTimesWPlusB() {
        Dense dense = built(new Dense(3).biasInitializer(new RandomNormal(0, 1)), 4);
        Tensor x = Tensor.uniform(Shape.of(5, 4), -2, 2, new Rng(1));
        Tensor y = dense.apply(x, false);
        assertEquals(Shape.of(5, 3), y.shape());
        assertClose(affine(x, dense.parameter("kernel").value(), dense.parameter("bias").value()), y, 1e-6);
    }

    @Test
    void handWorkedCase() {
        Dense dense = built(new Dense(2), 3);
        dense.parameter("kernel").assign(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2));
        dense.parameter("bias").assign(Tensor.vector(0.5f, -1));
        Tensor y = dense.apply(Tensor.of(new float[][] {{1, 0, -1}, {2, 1, 1}}), false);
        // row 1: [1·1 + 0·3 − 1·5, 1·2 + 0·4 − 1·6] + b = [−4, −4] + [0.5, −1]
        // row 2: [2 + 3 + 5, 4 + 4 + 6] + b = [10, 14] + [0.5, −1]
        assertArrayEquals(new float[] {-3.5f, -5, 10.5f, 13}, y.data());
    }

    @Test
    void activationIsAppliedAfterTheAffineMap() {
        Dense dense = built(new Dense(4, "tanh").biasInitializer(new RandomNormal(0, 1)), 3);
        Tensor x = Tensor.uniform(Shape.of(6, 3), -1, 1, new Rng(2));
        double[] z = affine(x, dense.parameter("kernel").value(), dense.parameter("bias").value());
        for (int i = 0; i < z.length; i++) {
            z[i] = Math.tanh(z[i]);
        }
        assertClose(z, dense.apply(x, false), 1e-6);
        assertEquals("tanh", dense.activation().name());
        assertEquals(4, dense.units());
    }

    @Test
    void rankThreeInputsAreMappedRowByRow() {
        Dense dense = built(new Dense(5, Activations.LINEAR).biasInitializer(new RandomNormal(0, 1)), 3, 4);
        Tensor x = Tensor.uniform(Shape.of(2, 3, 4), -1, 1, new Rng(3));
        Tensor y = dense.apply(x, false);
        assertEquals(Shape.of(2, 3, 5), y.shape());
        assertClose(affine(x, dense.parameter("kernel").value(), dense.parameter("bias").value()), y, 1e-6);
    }

    @Test
    void gradientsWithRespectToInputKernelAndBias() {
        Dense dense = built(new Dense(3, "tanh").biasInitializer(new RandomNormal(0, 0.5)), 4);
        LayerGradCheck.check(dense, Tensor.uniform(Shape.of(5, 4), -1, 1, new Rng(4)));
    }

    @Test
    void gradientsForRankThreeInputs() {
        Dense dense = built(new Dense(2, "sigmoid").biasInitializer(new RandomNormal(0, 0.5)), 3, 4);
        LayerGradCheck.check(dense, Tensor.uniform(Shape.of(2, 3, 4), -1, 1, new Rng(5)));
    }

    @Test
    void withoutBiasTheOutputIsXTimesW() {
        Dense dense = built(new Dense(3).useBias(false), 4);
        assertEquals(List.of("kernel"), dense.parameters().stream().map(Parameter::name).toList());
        assertEquals(12, dense.parameterCount());
        assertThrows(IllegalArgumentException.class, () -> dense.parameter("bias"));
        Tensor x = Tensor.uniform(Shape.of(5, 4), -1, 1, new Rng(6));
        assertClose(affine(x, dense.parameter("kernel").value(), null), dense.apply(x, false), 1e-6);
        LayerGradCheck.check(dense, x);
    }

    @Test
    void initializersAreHonoured() {
        Dense constant = built(new Dense(3).kernelInitializer(new Constant(0.25)).biasInitializer(new Constant(-2)), 4);
        for (float value : constant.parameter("kernel").value().data()) {
            assertEquals(0.25f, value);
        }
        assertArrayEquals(new float[] {-2, -2, -2}, constant.parameter("bias").value().data());

        // The default is Glorot uniform: all weights inside ±√(6/(in+out)), and the same as the initializer itself
        // draws from the same generator.
        Dense glorot = built(new Dense(30), 50);
        double limit = Math.sqrt(6.0 / (50 + 30));
        float[] kernel = glorot.parameter("kernel").value().data();
        for (float value : kernel) {
            assertTrue(Math.abs(value) <= limit, value + " outside ±" + limit);
        }
        Tensor expected = Initializers.glorotUniform().create(Shape.of(50, 30), new Rng(7));
        assertArrayEquals(expected.data(), kernel);
        assertArrayEquals(new float[30], glorot.parameter("bias").value().data(), "zero bias by default");

        Dense heNormal = built(new Dense(30).kernelInitializer(Initializers.heNormal()), 50);
        assertArrayEquals(Initializers.heNormal().create(Shape.of(50, 30), new Rng(7)).data(),
                heNormal.parameter("kernel").value().data());
    }

    @Test
    void nonPositiveUnitsAreRejected() {
        for (int units : new int[] {0, -3}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new Dense(units));
            assertTrue(error.getMessage().contains("units=" + units), error.getMessage());
        }
    }

    @Test
    void wrongInputShapeNamesLayerExpectedAndReceived() {
        Dense dense = built(new Dense(3), 4);
        dense.name("hidden");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> dense.apply(Tensor.zeros(2, 5), false));
        String message = error.getMessage();
        assertTrue(message.contains("Dense 'hidden'"), message);
        assertTrue(message.contains("[batch, 4]"), message);
        assertTrue(message.contains("[2, 5]"), message);

        IllegalArgumentException wrongRank = assertThrows(IllegalArgumentException.class,
                () -> dense.apply(Tensor.zeros(2, 3, 4), false));
        assertTrue(wrongRank.getMessage().contains("[2, 3, 4]"), wrongRank.getMessage());
    }

    @Test
    void usingALayerBeforeBuildingIsAnError() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> new Dense(3).name("out").apply(Tensor.zeros(2, 4), false));
        assertTrue(error.getMessage().contains("Dense 'out'") && error.getMessage().contains("not built"),
                error.getMessage());
        assertFalse(new Dense(3).isBuilt());
    }

    @Test
    void optionsCannotChangeAfterBuilding() {
        Dense dense = built(new Dense(3), 4);
        dense.name("d");
        for (Runnable change : List.<Runnable>of(() -> dense.useBias(false),
                () -> dense.kernelInitializer(Initializers.zeros()), () -> dense.biasInitializer(Initializers.ones()))) {
            IllegalStateException error = assertThrows(IllegalStateException.class, change::run);
            assertTrue(error.getMessage().contains("Dense 'd'") && error.getMessage().contains("built"),
                    error.getMessage());
        }
        assertEquals(2, dense.parameters().size(), "the failed change left the bias in place");
    }

    @Test
    void rebuildingForAnotherShapeIsAnError() {
        Dense dense = built(new Dense(3), 4);
        float[] kernel = dense.parameter("kernel").value().data().clone();
        dense.build(Shape.of(4), new Rng(99)); // same shape: nothing happens
        assertArrayEquals(kernel, dense.parameter("kernel").value().data());
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> dense.build(Shape.of(5), new Rng(1)));
        assertTrue(error.getMessage().contains("[4]") && error.getMessage().contains("[5]"), error.getMessage());
    }
}
