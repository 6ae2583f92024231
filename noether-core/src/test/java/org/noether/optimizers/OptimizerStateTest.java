package org.noether.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.noether.optimizers.schedules.ExponentialDecay;
import org.noether.tensor.Tensor;

/** Saving and restoring optimizer state resumes training exactly; bad snapshots fail clearly. */
class OptimizerStateTest {

    private static List<Tensor> parameters() {
        return List.of(Tensor.of(new float[] {0.5f, -1, 2, 0.25f}, 2, 2), Tensor.vector(1, -3, 0.75f));
    }

    private static List<Tensor> copies(List<Tensor> parameters) {
        return parameters.stream().map(Tensor::copy).toList();
    }

    /** A deterministic gradient for step {@code t}, the same for every run. */
    private static void setGradients(List<Tensor> parameters, int t) {
        for (int p = 0; p < parameters.size(); p++) {
            Tensor parameter = parameters.get(p);
            float[] g = new float[parameter.size()];
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) (1.5 * Math.cos(0.8 * t + 1.1 * i + p));
            }
            parameter.setGrad(Tensor.wrap(g, parameter.shape()));
        }
    }

    private static void run(Optimizer optimizer, List<Tensor> parameters, int from, int to) {
        for (int t = from; t < to; t++) {
            setGradients(parameters, t);
            optimizer.step(parameters);
        }
    }

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("sgd momentum schedule", (Supplier<Optimizer>) () -> new SGD(0.1, 0.9, true)
                        .learningRate(new ExponentialDecay(0.1, 2, 0.5))),
                Arguments.of("adagrad", (Supplier<Optimizer>) () -> new Adagrad(0.1)),
                Arguments.of("rmsprop centered momentum", (Supplier<Optimizer>) () -> new RMSprop(0.01)
                        .centered(true).momentum(0.5)),
                Arguments.of("adadelta", (Supplier<Optimizer>) () -> new Adadelta(1.0)),
                Arguments.of("adam amsgrad", (Supplier<Optimizer>) () -> new Adam(0.01).amsgrad(true)),
                Arguments.of("adamw clipnorm", (Supplier<Optimizer>) () -> new AdamW(0.01).clipNorm(0.5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void restoredStateContinuesIdentically(String name, Supplier<Optimizer> factory) {
        List<Tensor> original = parameters();
        Optimizer first = factory.get();
        run(first, original, 0, 3);
        Map<String, Tensor> saved = first.state(original);
        List<Tensor> resumed = copies(original);

        run(first, original, 3, 6);
        Optimizer second = Optimizers.fromConfig(first.name(), first.config());
        second.loadState(resumed, saved);
        assertEquals(3, second.iterations());
        run(second, resumed, 3, 6);

        for (int p = 0; p < original.size(); p++) {
            assertArrayEquals(original.get(p).data(), resumed.get(p).data(), name + ": parameter " + p);
        }
        assertEquals(first.state(original).keySet(), second.state(resumed).keySet());
    }

    @Test
    void withoutRestoringTheStateTheContinuationDiffers() {
        List<Tensor> original = parameters();
        Adam first = new Adam(0.01);
        run(first, original, 0, 3);
        List<Tensor> fresh = copies(original);
        run(first, original, 3, 4);
        run(new Adam(0.01), fresh, 3, 4);
        assertTrue(Math.abs(original.get(0).data()[0] - fresh.get(0).data()[0]) > 1e-5,
                "the restore test above would pass vacuously if state did not matter");
    }

    @Test
    void stateIsNamedByParameterIndexAndSlot() {
        List<Tensor> parameters = parameters();
        assertEquals(List.of("iterations", "0/m", "0/v", "1/m", "1/v"),
                List.copyOf(new Adam().state(parameters).keySet()));
        assertEquals(List.of("iterations", "0/momentum", "1/momentum"),
                List.copyOf(new SGD(0.1, 0.9).state(parameters).keySet()));
        assertEquals(List.of("iterations"), List.copyOf(new SGD().state(parameters).keySet()));
        assertEquals(List.of("iterations", "0/velocity", "0/momentum", "0/average_gradient"),
                List.copyOf(new RMSprop().momentum(0.9).centered(true).state(parameters.subList(0, 1)).keySet()));
    }

    @Test
    void stateIsASnapshotWithShapesAndInitialValues() {
        List<Tensor> parameters = parameters();
        Adagrad adagrad = new Adagrad(0.1);
        Map<String, Tensor> before = adagrad.state(parameters);
        assertEquals(0f, before.get("iterations").item());
        assertEquals(parameters.get(0).shape(), before.get("0/accumulator").shape());
        assertArrayEquals(new float[] {0.1f, 0.1f, 0.1f}, before.get("1/accumulator").data());
        run(adagrad, parameters, 0, 2);
        assertArrayEquals(new float[] {0.1f, 0.1f, 0.1f}, before.get("1/accumulator").data(),
                "a saved state must not follow later steps");
        assertEquals(2f, adagrad.state(parameters).get("iterations").item());
    }

    @Test
    void missingAndUnexpectedEntriesAreNamed() {
        List<Tensor> parameters = parameters();
        Map<String, Tensor> amsgradState = new Adam().amsgrad(true).state(parameters);
        Adam plain = new Adam();
        IllegalArgumentException extra = assertThrows(IllegalArgumentException.class,
                () -> plain.loadState(parameters, amsgradState));
        assertTrue(extra.getMessage().contains("unexpected entries [0/v_hat, 1/v_hat]"), extra.getMessage());

        Map<String, Tensor> partial = new LinkedHashMap<>(new Adam().state(parameters));
        partial.remove("1/v");
        partial.remove("iterations");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> plain.loadState(parameters, partial));
        assertTrue(missing.getMessage().contains("missing entries [1/v, iterations]"), missing.getMessage());
    }

    @Test
    void aShapeMismatchNamesTheEntryAndBothShapesAndChangesNothing() {
        List<Tensor> parameters = parameters();
        Adam adam = new Adam(0.01);
        run(adam, parameters, 0, 2);
        Map<String, Tensor> state = new LinkedHashMap<>(adam.state(parameters));
        state.put("iterations", Tensor.scalar(7));
        state.put("1/m", Tensor.zeros(4));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> adam.loadState(parameters, state));
        assertTrue(error.getMessage().contains("'1/m' has shape [4]"), error.getMessage());
        assertTrue(error.getMessage().contains("shape [3]"), error.getMessage());
        assertEquals(2, adam.iterations(), "a failed load must leave the optimizer as it was");
    }

    @Test
    void iterationsMustBeANonNegativeInteger() {
        List<Tensor> parameters = parameters();
        Map<String, Tensor> state = new LinkedHashMap<>(new SGD().state(parameters));
        state.put("iterations", Tensor.scalar(2.5));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new SGD().loadState(parameters, state));
        assertTrue(error.getMessage().contains("'iterations' must be one integer >= 0"), error.getMessage());
    }

    @Test
    void settingsThatChangeTheSlotsCannotChangeAfterTheFirstStep() {
        List<Tensor> parameters = parameters();
        Adam adam = new Adam();
        run(adam, parameters, 0, 1);
        adam.amsgrad(true);
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> run(adam, parameters, 1, 2));
        assertTrue(error.getMessage().contains("[m, v]") && error.getMessage().contains("[m, v, v_hat]"),
                error.getMessage());
    }
}
