package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.kernel.Elementwise;
import org.noether.tensor.Tensor;

/**
 * {@code a + b} with broadcasting.
 *
 * <p>Shape: the broadcast of the two shapes. Gradient: {@code g} to each side, summed over the
 * dimensions that side was broadcast along.
 */
public final class Add extends Function {
    /** {@code a + b} along a row: a loop of this op's own, so the JIT inlines the arithmetic. */
    private static final Elementwise.BinaryRow ROW = (a, ai, b, bi, out, oi, n) -> {
        for (int j = 0; j < n; j++) {
            out[oi + j] = a[ai + j] + b[bi + j];
        }
    };

    private Add() {
    }

    /** {@code a + b}. */
    public static Tensor apply(Tensor a, Tensor b) {
        return new Add().record(Broadcast.compute(a, b, "add", ROW), a, b);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {
            needsGrad(0) ? g.sumTo(input(0).shape()) : null,
            needsGrad(1) ? g.sumTo(input(1).shape()) : null};
    }
}
