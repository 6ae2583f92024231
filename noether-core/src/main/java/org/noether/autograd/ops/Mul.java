package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.kernel.Elementwise;
import org.noether.tensor.Tensor;

/**
 * {@code a · b} elementwise, with broadcasting.
 *
 * <p>Shape: the broadcast of the two shapes. Gradient: {@code ∂/∂a = g·b}, {@code ∂/∂b = g·a},
 * each summed to its input's shape.
 */
public final class Mul extends Function {
    /** {@code a · b} along a row: a loop of this op's own, so the JIT inlines the arithmetic. */
    private static final Elementwise.BinaryRow ROW = (a, ai, b, bi, out, oi, n) -> {
        for (int j = 0; j < n; j++) {
            out[oi + j] = a[ai + j] * b[bi + j];
        }
    };

    private Mul() {
    }

    /** {@code a · b}. */
    public static Tensor apply(Tensor a, Tensor b) {
        return new Mul().record(Broadcast.compute(a, b, "mul", ROW), a, b);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {
            needsGrad(0) ? g.mul(input(1)).sumTo(input(0).shape()) : null,
            needsGrad(1) ? g.mul(input(0)).sumTo(input(1).shape()) : null};
    }
}
