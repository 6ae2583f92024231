package org.noether.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.noether.autograd.ops.BiasActivation;
import org.noether.autograd.ops.Conv2D;
import org.noether.kernel.ChannelBias;
import org.noether.kernel.ConvOptions;
import org.noether.kernel.Padding;
import org.noether.kernel.Parallel;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.noether.testing.GradCheck;

/**
 * The fused bias-and-activation op: the same values as an add followed by the activation, and
 * the same gradients (to rounding of the bias sums), for every activation it fuses; gradients and
 * second derivatives match finite differences; the bias sums do not depend on the thread count.
 */
class BiasActivationOpTest {
    private static UnaryOperator<Tensor> unfused(ChannelBias.Function function) {
        return switch (function) {
            case IDENTITY -> z -> z;
            case RELU -> Tensor::relu;
            case SIGMOID -> Tensor::sigmoid;
            case TANH -> Tensor::tanh;
        };
    }

    private static Tensor[] inputs(long seed, int... shape) {
        Rng rng = new Rng(seed);
        return new Tensor[] {
            Tensor.uniform(Shape.of(shape), -2, 2, rng).requiresGrad(true),
            Tensor.uniform(Shape.of(shape[shape.length - 1]), -1, 1, rng).requiresGrad(true)};
    }

    @ParameterizedTest
    @EnumSource(ChannelBias.Function.class)
    void valuesAndGradientsAreThoseOfTheAddAndTheActivation(ChannelBias.Function function) {
        // 700 rows of 5 channels: several blocks of the bias sums, and a ragged last one.
        Tensor[] in = inputs(1, 7, 10, 10, 5);
        Tensor upstream = Tensor.uniform(Shape.of(7, 10, 10, 5), -1, 1, new Rng(2));
        Tensor fused = BiasActivation.apply(in[0], in[1], function);
        Tensor reference = unfused(function).apply(in[0].add(in[1]));
        assertArrayEquals(reference.data(), fused.data(), 0f, function + " values");

        Tensor[] fusedGrads = Autograd.grad(new Tensor[] {fused}, new Tensor[] {upstream}, in, false);
        Tensor[] referenceGrads = Autograd.grad(new Tensor[] {reference}, new Tensor[] {upstream}, in, false);
        assertArrayEquals(referenceGrads[0].data(), fusedGrads[0].data(), 0f, function + " input gradient");
        assertArrayEquals(referenceGrads[1].data(), fusedGrads[1].data(), 1e-5f, function + " bias gradient");
    }

    @ParameterizedTest
    @EnumSource(ChannelBias.Function.class)
    void aConvolutionWithItsEpilogueGivesTheValuesAndGradientsOfTheTwoOps(ChannelBias.Function function) {
        // 120 channels per group of 3×3 taps: k = 1080, two blocks of the product, the epilogue after
        // the last; 168 rows, two blocks of rows; two groups, so the bias of each group's columns is offset.
        Rng rng = new Rng(6);
        Tensor x = Tensor.uniform(Shape.of(4, 7, 6, 240), -1, 1, rng).requiresGrad(true);
        Tensor kernel = Tensor.uniform(Shape.of(3, 3, 120, 10), -0.1, 0.1, rng).requiresGrad(true);
        Tensor bias = Tensor.uniform(Shape.of(10), -1, 1, rng).requiresGrad(true);
        ConvOptions options = ConvOptions.defaults().padding(Padding.same()).groups(2);
        Tensor fused = Conv2D.applyWithBias(x, kernel, options, bias, function);
        Tensor reference = BiasActivation.apply(Conv2D.apply(x, kernel, options), bias, function);
        assertArrayEquals(reference.data(), fused.data(), 0f, function + " values");
        Tensor upstream = Tensor.uniform(fused.shape(), -1, 1, rng);
        Tensor[] weights = {x, kernel, bias};
        Tensor[] fusedGrads = Autograd.grad(new Tensor[] {fused}, new Tensor[] {upstream}, weights, false);
        Tensor[] referenceGrads = Autograd.grad(new Tensor[] {reference}, new Tensor[] {upstream}, weights, false);
        for (int i = 0; i < weights.length; i++) {
            assertArrayEquals(referenceGrads[i].data(), fusedGrads[i].data(), 0f, function + " gradient " + i);
        }
        assertArrayEquals(BiasActivation.apply(Conv2D.apply(x, kernel, options), null, function).data(),
                Conv2D.applyWithBias(x, kernel, options, null, function).data(), 0f, function + " without bias");
    }

    @ParameterizedTest
    @EnumSource(ChannelBias.Function.class)
    void gradientsMatchFiniteDifferences(ChannelBias.Function function) {
        GradCheck.check("bias and " + function, t -> BiasActivation.apply(t[0], t[1], function), inputs(3, 3, 4, 6));
        GradCheck.check("no bias, " + function, t -> BiasActivation.apply(t[0], null, function), inputs(4, 5, 3)[0]);
    }

    @ParameterizedTest
    @EnumSource(value = ChannelBias.Function.class, names = {"IDENTITY", "SIGMOID", "TANH"})
    void secondDerivativesMatchFiniteDifferences(ChannelBias.Function function) {
        GradCheck.checkSecondOrder("bias and " + function,
                t -> BiasActivation.apply(t[0], t[1], function).square(), inputs(5, 4, 3));
    }

    @Test
    void biasSumsDoNotDependOnTheThreadCount() {
        Tensor[] in = inputs(6, 3000, 7);
        Tensor upstream = Tensor.uniform(Shape.of(3000, 7), -1, 1, new Rng(7));
        int threads = Parallel.threads();
        float[][] biasGradients = new float[2][];
        try {
            for (int run = 0; run < 2; run++) {
                Parallel.setThreads(run == 0 ? 1 : 3);
                Tensor y = BiasActivation.apply(in[0], in[1], ChannelBias.Function.RELU);
                biasGradients[run] = Autograd.grad(new Tensor[] {y}, new Tensor[] {upstream}, in, false)[1].data();
            }
        } finally {
            Parallel.setThreads(threads);
        }
        assertArrayEquals(biasGradients[0], biasGradients[1], 0f);
    }

    @Test
    void aBiasOfTheWrongLengthIsNamed() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> BiasActivation.apply(Tensor.zeros(Shape.of(2, 3)), Tensor.zeros(Shape.of(4)),
                        ChannelBias.Function.RELU));
        assertEquals("biasActivation: bias [4] does not match the last axis of [2, 3]; expected [3]",
                error.getMessage());
    }
}
