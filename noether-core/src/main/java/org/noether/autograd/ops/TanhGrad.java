package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.kernel.Elementwise;
import org.noether.tensor.Tensor;

/**
 * The gradient of tanh in one pass, from its output: {@code g·(1 − y²)} where {@code y = tanh x}.
 * A physics-informed loss differentiates a tanh network two or three times, and as separate ops
 * (square, negate, add one, multiply) each level of that chain was four passes over every
 * activation, and their gradients several more; fused, it is one pass, and its gradient two.
 *
 * <p>Shape: {@code g} and {@code y} alike. Gradient: {@code ∂g = TanhGrad(h, y)},
 * {@code ∂y = −2·h·g·y} ({@link ScaledProduct}).
 *
 * <pre>{@code Tensor dx = TanhGrad.apply(dy, y); // = dy.mul(y.square().neg().add(1))}</pre>
 */
public final class TanhGrad extends Function {
    private static final Elementwise.BinaryRow ROW = (g, gi, y, yi, out, oi, n) -> {
        for (int j = 0; j < n; j++) {
            out[oi + j] = g[gi + j] * (1f - y[yi + j] * y[yi + j]);
        }
    };

    private TanhGrad() {
    }

    /** {@code g·(1 − y²)}. */
    public static Tensor apply(Tensor g, Tensor y) {
        if (!g.shape().equals(y.shape())) {
            throw new IllegalArgumentException("tanhGrad: gradient " + g.shape() + " and output " + y.shape()
                    + " must have the same shape");
        }
        return new TanhGrad().record(Broadcast.compute(g, y, "tanhGrad", ROW), g, y);
    }

    @Override
    protected Tensor[] backward(Tensor h) {
        return new Tensor[] {
            needsGrad(0) ? TanhGrad.apply(h, input(1)) : null,
            needsGrad(1) ? ScaledProduct.apply(-2f, h, input(0), input(1)) : null};
    }
}
