package org.noether.nn.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.noether.autograd.Autograd;
import org.noether.io.Json;
import org.noether.nn.Layers;
import org.noether.tensor.Tensor;
import org.noether.testing.GradCheck;

/**
 * Every activation Activations knows, against an independent double-precision formula on a grid,
 * at Keras's reference points, at extreme inputs, by gradient checks (first and second order), and
 * through its saved form.
 */
class ActivationsTest {
    private static final double SELU_ALPHA = 1.6732632423543772;
    private static final double SELU_SCALE = 1.0507009873554805;
    private static final int ROW = 5;

    /** The elementwise activations with their reference formulas (default arguments, as Keras). */
    private static Map<String, DoubleUnaryOperator> elementwise() {
        Map<String, DoubleUnaryOperator> formulas = new LinkedHashMap<>();
        formulas.put("linear", z -> z);
        formulas.put("sigmoid", z -> 1 / (1 + Math.exp(-z)));
        formulas.put("tanh", Math::tanh);
        formulas.put("relu", z -> Math.max(z, 0));
        formulas.put("leaky_relu", z -> z > 0 ? z : 0.2 * z);
        formulas.put("elu", z -> z > 0 ? z : Math.expm1(z));
        formulas.put("selu", z -> SELU_SCALE * (z > 0 ? z : SELU_ALPHA * Math.expm1(z)));
        formulas.put("gelu", z -> 0.5 * z * (1 + erf(z / Math.sqrt(2))));
        formulas.put("silu", z -> z / (1 + Math.exp(-z)));
        formulas.put("swish", z -> z / (1 + Math.exp(-z)));
        formulas.put("softplus", ActivationsTest::softplus);
        formulas.put("softsign", z -> z / (1 + Math.abs(z)));
        formulas.put("exponential", Math::exp);
        formulas.put("relu6", z -> Math.min(Math.max(z, 0), 6));
        formulas.put("hard_sigmoid", z -> Math.min(Math.max(z / 6 + 0.5, 0), 1));
        formulas.put("mish", z -> z * Math.tanh(softplus(z)));
        return formulas;
    }

    private static final List<String> ALONG_LAST_AXIS = List.of("softmax", "log_softmax");

    private static double softplus(double z) {
        return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    /** erf by its Maclaurin series (|x| ≤ 5, error far below float precision there); ±1 beyond. */
    static double erf(double x) {
        if (Math.abs(x) > 5) {
            return Math.signum(x);
        }
        double term = x;
        double sum = x;
        for (int n = 1; n < 200; n++) {
            term *= -x * x / n;
            double next = term / (2 * n + 1);
            sum += next;
            if (Math.abs(next) < 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    /** −8 … 7.95 in steps of 0.05, as rows of 5. */
    private static Tensor grid() {
        float[] values = new float[320];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (-8 + 0.05 * i);
        }
        return Tensor.of(values, values.length / ROW, ROW);
    }

    private static void assertClose(double expected, float actual, String what) {
        assertEquals(expected, actual, 2e-6 + 2e-6 * Math.abs(expected), what);
    }

    @Test
    void theTestCoversEveryKnownName() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Activations.get("no_such_activation"));
        String message = error.getMessage();
        assertTrue(message.contains("'no_such_activation'") && message.contains("silu [swish]"), message);
        Set<String> known = new TreeSet<>(Activations.names());
        known.add("swish");
        Set<String> covered = new TreeSet<>(elementwise().keySet());
        covered.addAll(ALONG_LAST_AXIS);
        assertEquals(known, covered);
        for (String name : known) {
            assertTrue(message.contains(name), name + " not listed in: " + message);
        }
    }

    @Test
    void elementwiseActivationsMatchTheirFormulas() {
        Tensor z = grid();
        elementwise().forEach((name, formula) -> {
            Tensor y = Activations.get(name).apply(z);
            assertEquals(z.shape(), y.shape(), name);
            for (int i = 0; i < z.size(); i++) {
                assertClose(formula.applyAsDouble(z.data()[i]), y.data()[i], name + "(" + z.data()[i] + ")");
            }
        });
    }

    @Test
    void softmaxAndLogSoftmaxMatchTheirFormulasRowByRow() {
        Tensor z = grid();
        float[] softmax = Activations.SOFTMAX.apply(z).data();
        float[] logSoftmax = Activations.get("log_softmax").apply(z).data();
        for (int row = 0; row < z.dim(0); row++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < ROW; k++) {
                max = Math.max(max, z.get(row, k));
            }
            double sum = 0;
            for (int k = 0; k < ROW; k++) {
                sum += Math.exp(z.get(row, k) - max);
            }
            for (int k = 0; k < ROW; k++) {
                double log = z.get(row, k) - max - Math.log(sum);
                assertClose(Math.exp(log), softmax[row * ROW + k], "softmax row " + row);
                assertClose(log, logSoftmax[row * ROW + k], "log_softmax row " + row);
            }
        }
    }

    private static float at(String name, double z) {
        return Activations.get(name).apply(Tensor.vector((float) z)).item();
    }

    @Test
    void kerasReferencePoints() {
        // keras.activations.gelu(x) with approximate=False (the exact, erf form)
        assertEquals(0.8413447f, at("gelu", 1), 1e-6);
        assertEquals(-0.15865526f, at("gelu", -1), 1e-6);
        assertEquals(1.9544997f, at("gelu", 2), 1e-6);
        // selu constants
        assertEquals(1.0507009873554805f, at("selu", 1), 1e-7);
        assertEquals(-1.1113307f, at("selu", -1), 1e-6);
        assertEquals(-SELU_SCALE * SELU_ALPHA, at("selu", -30), 1e-6);
        // leaky_relu's default negative_slope is 0.2
        assertEquals(-0.2f, at("leaky_relu", -1), 1e-7);
        assertEquals(3f, at("leaky_relu", 3));
        // Keras 3's hard_sigmoid is relu6(x + 3) / 6, not Keras 2's 0.2·x + 0.5
        assertEquals(2f / 3, at("hard_sigmoid", 1), 1e-7);
        assertEquals(0.9166667f, at("hard_sigmoid", 2.5), 1e-7);
        assertEquals(0f, at("hard_sigmoid", -3));
        assertEquals(1f, at("hard_sigmoid", 3));
        assertEquals(0.5f, at("hard_sigmoid", 0));
        // elu with alpha 1, silu, mish, softplus
        assertEquals(-0.63212055f, at("elu", -1), 1e-6);
        assertEquals(0.7310586f, at("silu", 1), 1e-6);
        assertEquals(0.86509836f, at("mish", 1), 1e-6);
        assertEquals(0.6931472f, at("softplus", 0), 1e-7);
        assertEquals(6f, at("relu6", 7.5f));
    }

    @Test
    void extremeInputsGiveFiniteValuesAndGradients() {
        float[] extremes = {-1000, -100, -30, 30, 100, 1000};
        for (String name : names()) {
            if (name.equals("exponential")) {
                continue; // e^1000 overflows, as it should
            }
            Tensor z = Tensor.of(extremes, 1, extremes.length).requiresGrad(true);
            Tensor y = Activations.get(name).apply(z);
            Tensor gradient = Autograd.grad(y.sum(), new Tensor[] {z}, false)[0];
            for (int i = 0; i < extremes.length; i++) {
                assertTrue(Float.isFinite(y.data()[i]), name + "(" + extremes[i] + ") = " + y.data()[i]);
                assertTrue(Float.isFinite(gradient.data()[i]),
                        name + "'(" + extremes[i] + ") = " + gradient.data()[i]);
            }
        }
    }

    @Test
    void eluAndSeluAtLargeNegativeInputs() {
        for (String name : List.of("elu", "selu")) {
            Tensor z = Tensor.vector(-1000, -100, 100, 1000).requiresGrad(true);
            Tensor y = Activations.get(name).apply(z);
            y.sum().backward();
            double scale = name.equals("selu") ? SELU_SCALE : 1;
            double alpha = name.equals("selu") ? SELU_ALPHA : 1;
            assertArrayEquals(new float[] {(float) (-scale * alpha), (float) (-scale * alpha), (float) (100 * scale),
                    (float) (1000 * scale)}, y.data(), 1e-3f, name);
            assertArrayEquals(new float[] {0, 0, (float) scale, (float) scale}, z.grad().data(), 1e-6f, name + "'");
        }
    }

    /** Points at least 0.35 from every kink (0, ±3, 6), for finite differences with step 0.01. */
    private static Tensor smoothPoints() {
        return Tensor.of(new float[] {-3.7f, -2.3f, -1.1f, -0.45f, 0.35f, 0.8f, 1.9f, 2.6f, 4.2f, 6.5f}, 2, ROW);
    }

    private static List<String> names() {
        List<String> names = new java.util.ArrayList<>(elementwise().keySet());
        names.addAll(ALONG_LAST_AXIS);
        return names;
    }

    @Test
    void firstDerivativesMatchFiniteDifferences() {
        for (String name : names()) {
            Activation activation = Activations.get(name);
            GradCheck.check(name, x -> activation.apply(x[0]), smoothPoints());
        }
    }

    @Test
    void secondDerivativesMatchFiniteDifferences() {
        for (String name : List.of("sigmoid", "tanh", "elu", "selu", "softmax", "log_softmax", "gelu", "silu",
                "softplus", "softsign", "exponential", "mish")) {
            Activation activation = Activations.get(name);
            GradCheck.checkSecondOrder(name, x -> activation.apply(x[0]), smoothPoints());
        }
        Activation leaky = Activations.leakyRelu(0.1);
        GradCheck.checkSecondOrder("leaky_relu(0.1)", x -> leaky.apply(x[0]), smoothPoints());
    }

    @Test
    void argumentsChangeTheFunction() {
        Tensor z = Tensor.vector(-2, -0.5f, 1.5f);
        assertArrayEquals(new float[] {-0.2f, -0.05f, 1.5f}, Activations.leakyRelu(0.1).apply(z).data(), 1e-7f);
        assertArrayEquals(new float[] {(float) (0.5 * Math.expm1(-2)), (float) (0.5 * Math.expm1(-0.5)), 1.5f},
                Activations.elu(0.5).apply(z).data(), 1e-7f);
        assertEquals(Map.of("negative_slope", 0.1), Activations.leakyRelu(0.1).config());
        assertEquals(Map.of("alpha", 0.5), Activations.elu(0.5).config());
        for (double slope : new double[] {-0.1, 1, Double.NaN}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> Activations.leakyRelu(slope));
            assertTrue(error.getMessage().contains(String.valueOf(slope)), error.getMessage());
        }
    }

    @Test
    void savedFormRebuildsTheSameActivation() {
        List<Activation> activations = new java.util.ArrayList<>();
        for (String name : names()) {
            activations.add(Activations.get(name));
        }
        activations.add(Activations.leakyRelu(0.05));
        activations.add(Activations.elu(2.5));
        Tensor z = grid();
        for (Activation activation : activations) {
            Activation direct = Activations.fromConfig(activation.name(), activation.config());
            Object saved = Json.parse(Json.writeCompact(Layers.activationConfig(activation)));
            Activation throughJson = Layers.activation(saved);
            for (Activation rebuilt : List.of(direct, throughJson)) {
                assertEquals(activation.name(), rebuilt.name());
                assertEquals(activation.config(), rebuilt.config(), activation.name());
                assertArrayEquals(activation.apply(z).data(), rebuilt.apply(z).data(), activation.name());
            }
        }
        assertEquals("relu", Layers.activationConfig(Activations.RELU));
        assertEquals(Map.of("name", "leaky_relu", "config", Map.of("negative_slope", 0.05)),
                Layers.activationConfig(Activations.leakyRelu(0.05)));
    }

    @Test
    void aliasesAndCase() {
        assertEquals("silu", Activations.get("swish").name());
        assertSame(Activations.LINEAR, Activations.get("none"));
        assertSame(Activations.LINEAR, Activations.fromConfig(null, Map.of()));
        assertSame(Activations.LINEAR, Layers.activation(null));
        assertSame(Activations.RELU, Activations.get("ReLU"));
        assertEquals(0.2, (Double) Activations.get("leaky_relu").config().get("negative_slope"));
        assertEquals(1.0, (Double) Activations.get("elu").config().get("alpha"));
    }

    @Test
    void badSavedArgumentsAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Activations.fromConfig("elu", Map.of("alpha", "large")));
        assertTrue(error.getMessage().contains("alpha") && error.getMessage().contains("large"), error.getMessage());
    }
}
