package org.noether.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.noether.autograd.ops.BatchNorm;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.noether.testing.GradCheck;

/**
 * The fused batch-normalization op: its output equals the formula written with tensor ops, its
 * fused gradient (statistics paths included) matches finite differences, and its second
 * derivatives — taken through the recorded form of the gradient — do too.
 */
class BatchNormOpTest {
    private static final double EPSILON = 1e-3;

    private static Tensor composite(Tensor x, Tensor gamma, Tensor beta) {
        Tensor mean = x.mean(true, 0, 1, 2);
        Tensor centered = x.sub(mean);
        Tensor variance = centered.square().mean(true, 0, 1, 2);
        return centered.mul(variance.add(EPSILON).pow(-0.5)).mul(gamma).add(beta);
    }

    private static Tensor[] inputs(long seed) {
        Rng rng = new Rng(seed);
        return new Tensor[] {
            Tensor.uniform(Shape.of(2, 3, 2, 4), -2, 2, rng),
            Tensor.uniform(Shape.of(4), 0.5, 1.5, rng),
            Tensor.uniform(Shape.of(4), -1, 1, rng)};
    }

    @Test
    void forwardEqualsTheFormula() {
        Tensor[] in = inputs(1);
        assertArrayEquals(composite(in[0], in[1], in[2]).data(), BatchNorm.apply(in[0], in[1], in[2], EPSILON)
                .output().data(), 1e-5f);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        GradCheck.check("batch norm", t -> BatchNorm.apply(t[0], t[1], t[2], EPSILON).output(), inputs(2));
        GradCheck.check("batch norm without scale and offset", t -> BatchNorm.apply(t[0], null, null, EPSILON)
                .output(), inputs(3)[0]);
    }

    @Test
    void secondDerivativesMatchFiniteDifferences() {
        GradCheck.checkSecondOrder("batch norm", t -> BatchNorm.apply(t[0], t[1], t[2], EPSILON).output().square(),
                inputs(4));
    }
}
