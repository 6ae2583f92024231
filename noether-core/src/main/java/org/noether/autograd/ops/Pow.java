package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.kernel.Elementwise;
import org.noether.tensor.Tensor;

/**
 * {@code a^b} elementwise, with broadcasting.
 *
 * <p>Shape: the broadcast of the two shapes. Gradient: {@code ∂/∂a = g·b·a^(b−1)},
 * {@code ∂/∂b = g·a^b·ln a} (defined where {@code a > 0}).
 */
public final class Pow extends Function {
    /** {@code a^b} along a row: a loop of this op's own, so the JIT inlines the arithmetic. */
    private static final Elementwise.BinaryRow ROW = (a, ai, b, bi, out, oi, n) -> {
        for (int j = 0; j < n; j++) {
            out[oi + j] = (float) Math.pow(a[ai + j], b[bi + j]);
        }
    };

    private Tensor output;

    private Pow() {
    }

    /** {@code a^b}. */
    public static Tensor apply(Tensor a, Tensor b) {
        Pow op = new Pow();
        op.output = Broadcast.compute(a, b, "pow", ROW);
        return op.record(op.output, a, b);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        Tensor a = input(0);
        Tensor b = input(1);
        return new Tensor[] {
            needsGrad(0) ? g.mul(b).mul(a.pow(b.sub(1))).sumTo(a.shape()) : null,
            needsGrad(1) ? g.mul(output).mul(a.log()).sumTo(b.shape()) : null};
    }
}
