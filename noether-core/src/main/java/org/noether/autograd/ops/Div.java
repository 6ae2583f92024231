package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.kernel.Elementwise;
import org.noether.tensor.Tensor;

/**
 * {@code a / b} elementwise, with broadcasting.
 *
 * <p>Shape: the broadcast of the two shapes. Gradient: {@code ∂/∂a = g / b},
 * {@code ∂/∂b = −g·a / b²}, each summed to its input's shape.
 */
public final class Div extends Function {
    /** {@code a / b} along a row: a loop of this op's own, so the JIT inlines the arithmetic. */
    private static final Elementwise.BinaryRow ROW = (a, ai, b, bi, out, oi, n) -> {
        for (int j = 0; j < n; j++) {
            out[oi + j] = a[ai + j] / b[bi + j];
        }
    };

    private Div() {
    }

    /** {@code a / b}. */
    public static Tensor apply(Tensor a, Tensor b) {
        return new Div().record(Broadcast.compute(a, b, "div", ROW), a, b);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        Tensor a = input(0);
        Tensor b = input(1);
        return new Tensor[] {
            needsGrad(0) ? g.div(b).sumTo(a.shape()) : null,
            needsGrad(1) ? g.mul(a).div(b.square()).neg().sumTo(b.shape()) : null};
    }
}
