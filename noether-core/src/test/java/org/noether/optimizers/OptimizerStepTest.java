package org.noether.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.noether.optimizers.schedules.CosineDecay;
import org.noether.optimizers.schedules.ExponentialDecay;
import org.noether.tensor.Tensor;

/** Hand-computed steps, clipping that leaves gradients alone, skipped gradients, and convergence. */
class OptimizerStepTest {

    private static Tensor parameter(float... values) {
        return Tensor.vector(values).requiresGrad(true);
    }

    private static void step(Optimizer optimizer, Tensor parameter, float... gradient) {
        parameter.setGrad(Tensor.vector(gradient));
        optimizer.step(List.of(parameter));
    }

    // ---------------------------------------------------------------- hand-computed first steps

    @Test
    void sgdSubtractsLearningRateTimesGradient() {
        Tensor w = parameter(1, 2, -3);
        step(new SGD(0.1), w, 0.5f, -1, 2);
        assertArrayEquals(new float[] {0.95f, 2.1f, -3.2f}, w.data(), 1e-6f);
    }

    @Test
    void sgdMomentumAccumulatesVelocity() {
        // v1 = −0.1, w1 = 0.9; v2 = 0.9·v1 − 0.1 = −0.19, w2 = 0.71
        Tensor w = parameter(1);
        SGD sgd = new SGD(0.1, 0.9);
        step(sgd, w, 1);
        step(sgd, w, 1);
        assertEquals(0.71f, w.data()[0], 1e-6f);
    }

    @Test
    void nesterovLooksAheadAlongTheVelocity() {
        // w1 = 1 + 0.9·(−0.1) − 0.1 = 0.81; v2 = −0.19, w2 = 0.81 + 0.9·(−0.19) − 0.1 = 0.539
        Tensor w = parameter(1);
        SGD sgd = new SGD(0.1, 0.9, true);
        step(sgd, w, 1);
        assertEquals(0.81f, w.data()[0], 1e-6f);
        step(sgd, w, 1);
        assertEquals(0.539f, w.data()[0], 1e-6f);
    }

    @Test
    void adagradDividesByTheRootOfTheAccumulator() {
        // a = 0.1 + 1, w = 1 − 0.1 / √(1.1 + 1e-7)
        Tensor w = parameter(1);
        step(new Adagrad(0.1), w, 1);
        assertEquals(0.9046537454f, w.data()[0], 1e-6f);
    }

    @Test
    void rmspropMatchesTheKerasDocumentationExample() {
        // Keras: RMSprop(learning_rate=0.1), loss = var²/2 at var = 10 gives 9.683772
        Tensor w = parameter(10);
        step(new RMSprop(0.1), w, 10);
        assertEquals(9.683772f, w.data()[0], 1e-5f);
    }

    @Test
    void adadeltaFirstStepIsTheRootOfEpsilonOverTheGradientAverage() {
        // E[g²] = 0.05, Δ = −√1e-7 / √(0.05 + 1e-7)
        Tensor w = parameter(1);
        step(new Adadelta(1.0), w, 1);
        assertEquals(0.9985857878f, w.data()[0], 1e-6f);
    }

    @Test
    void adamFirstStepMovesEachWeightByAboutTheLearningRate() {
        Tensor w = parameter(1, -2, 0.5f, 3);
        float[] before = w.toArray();
        step(new Adam(0.01), w, 0.5f, -3, 20, -0.01f);
        float[] signs = {1, -1, 1, -1};
        for (int i = 0; i < before.length; i++) {
            assertEquals(-0.01 * signs[i], w.data()[i] - before[i], 1e-5, "element " + i);
        }
    }

    @Test
    void adamwDecaysBeforeTheAdamStep() {
        // w ← 1 − 1·0.5·0.01 = 0.995, then Adam moves it by ≈ −0.01
        Tensor w = parameter(1);
        step(new AdamW(0.01, 0.5), w, 1);
        assertEquals(0.985f, w.data()[0], 1e-6f);
    }

    @Test
    void scheduleIsReadAtTheIterationCountBeforeTheStep() {
        Tensor w = parameter(0);
        SGD sgd = new SGD().learningRate(new ExponentialDecay(1.0, 1, 0.5));
        assertEquals(1.0, sgd.learningRate());
        step(sgd, w, 1); // η = 1
        step(sgd, w, 1); // η = 0.5
        assertEquals(-1.5f, w.data()[0], 1e-6f);
        assertEquals(0.25, sgd.learningRate(), 1e-12);
    }

    // ---------------------------------------------------------------- clipping

    @Test
    void clipNormScalesEachGradientToTheNormWithoutTouchingIt() {
        Tensor w = parameter(0, 0);
        Tensor v = parameter(0);
        w.setGrad(Tensor.vector(3, 4));
        v.setGrad(Tensor.vector(0.5f));
        new SGD(1.0).clipNorm(1.0).step(List.of(w, v));
        assertArrayEquals(new float[] {-0.6f, -0.8f}, w.data(), 1e-6f);
        assertArrayEquals(new float[] {-0.5f}, v.data(), 1e-6f, "a norm below the threshold is kept");
        assertArrayEquals(new float[] {3, 4}, w.grad().data(), "the gradient must not change");
    }

    @Test
    void globalClipNormScalesAllGradientsTogether() {
        Tensor w = parameter(0);
        Tensor v = parameter(0);
        w.setGrad(Tensor.vector(3));
        v.setGrad(Tensor.vector(4));
        new SGD(1.0).globalClipNorm(1.0).step(List.of(w, v));
        assertEquals(-0.6f, w.data()[0], 1e-6f);
        assertEquals(-0.8f, v.data()[0], 1e-6f);
        assertEquals(3f, w.grad().data()[0]);
        assertEquals(4f, v.grad().data()[0]);
    }

    @Test
    void globalClipNormOfAnInfiniteGradientPoisonsTheStepAsKerasDoes() {
        Tensor w = parameter(1);
        Tensor v = parameter(1);
        w.setGrad(Tensor.vector(Float.POSITIVE_INFINITY));
        v.setGrad(Tensor.vector(1));
        new SGD(1.0).globalClipNorm(1.0).step(List.of(w, v));
        assertTrue(Float.isNaN(v.data()[0]));
    }

    @Test
    void clipValueClampsElementsOfASharedGradientWithoutChangingIt() {
        Tensor shared = Tensor.vector(3, -0.2f, -7);
        Tensor w = parameter(0, 0, 0);
        Tensor v = parameter(1, 1, 1);
        w.setGrad(shared);
        v.setGrad(shared);
        new SGD(1.0).clipValue(0.5).step(List.of(w, v));
        assertArrayEquals(new float[] {-0.5f, 0.2f, 0.5f}, w.data(), 1e-6f);
        assertArrayEquals(new float[] {0.5f, 1.2f, 1.5f}, v.data(), 1e-6f);
        assertArrayEquals(new float[] {3, -0.2f, -7}, shared.data());
    }

    // ---------------------------------------------------------------- missing gradients

    @Test
    void parametersWithoutGradientsAreSkipped() {
        Tensor w = parameter(1);
        Tensor frozen = parameter(5);
        w.setGrad(Tensor.vector(1));
        Adam adam = new Adam();
        adam.step(List.of(w, frozen));
        assertEquals(5f, frozen.data()[0]);
        assertTrue(w.data()[0] < 1f);
        assertEquals(1, adam.iterations());
    }

    @Test
    void noGradientAtAllIsAnError() {
        Tensor w = parameter(1);
        Adam adam = new Adam();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> adam.step(List.of(w)));
        assertTrue(error.getMessage().contains("No gradients"), error.getMessage());
        assertEquals(0, adam.iterations());
        adam.step(List.of());
        assertEquals(0, adam.iterations(), "an empty parameter list is a no-op");
    }

    // ---------------------------------------------------------------- convergence

    static Stream<Arguments> convergingOptimizers() {
        return Stream.of(
                Arguments.of("sgd", (Supplier<Optimizer>) () -> new SGD(0.04)),
                Arguments.of("sgd momentum", (Supplier<Optimizer>) () -> new SGD(0.02, 0.9)),
                Arguments.of("sgd nesterov", (Supplier<Optimizer>) () -> new SGD(0.02, 0.9, true)),
                Arguments.of("adagrad", (Supplier<Optimizer>) () -> new Adagrad(0.5)),
                Arguments.of("rmsprop cosine", (Supplier<Optimizer>) () -> new RMSprop()
                        .learningRate(new CosineDecay(0.05, 1500))),
                Arguments.of("rmsprop centered momentum cosine", (Supplier<Optimizer>) () -> new RMSprop()
                        .centered(true).momentum(0.5).learningRate(new CosineDecay(0.01, 1500))),
                Arguments.of("adadelta", (Supplier<Optimizer>) () -> new Adadelta(1.0).epsilon(1e-4)),
                Arguments.of("adam", (Supplier<Optimizer>) () -> new Adam(0.05)),
                Arguments.of("adam amsgrad", (Supplier<Optimizer>) () -> new Adam(0.05).amsgrad(true)),
                Arguments.of("adamw", (Supplier<Optimizer>) () -> new AdamW(0.05, 1e-4)));
    }

    /** Minimizes Σ cᵢ(wᵢ − tᵢ)², an elongated bowl, with gradients from autograd. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("convergingOptimizers")
    void convergesOnAQuadraticBowl(String name, Supplier<Optimizer> factory) {
        Tensor curvature = Tensor.vector(1, 10, 0.3f);
        Tensor target = Tensor.vector(1, -2, 0.5f);
        Tensor w = parameter(-1, 1, 2);
        Optimizer optimizer = factory.get();
        List<Tensor> parameters = new ArrayList<>(List.of(w));
        double firstLoss = Double.NaN;
        for (int i = 0; i < 1500; i++) {
            w.setGrad(null);
            Tensor loss = w.sub(target).square().mul(curvature).sum();
            firstLoss = i == 0 ? loss.item() : firstLoss;
            loss.backward();
            optimizer.step(parameters);
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(target.data()[i], w.data()[i], 0.02, name + ": element " + i);
        }
        assertTrue(firstLoss > 10, "the start must be far from the minimum");
    }
}
