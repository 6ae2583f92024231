package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.kernel.ChannelBias;
import org.noether.kernel.Elementwise;
import org.noether.tensor.Tensor;

/**
 * The gradient of ReLU in one pass: {@code g} where {@code x > 0}, else 0 (instead of building the
 * mask {@code [x > 0]} and multiplying by it).
 *
 * <p>Shape: {@code g} and {@code x} alike. Gradient: linear in g, so {@code ReluGrad(ddx, x)}; the
 * step function's derivative in x is zero almost everywhere.
 */
public final class ReluGrad extends Function {
    private static final Elementwise.BinaryRow ROW = ChannelBias::reluGradient;

    private ReluGrad() {
    }

    /** {@code g·[x > 0]}. */
    public static Tensor apply(Tensor g, Tensor x) {
        if (!g.shape().equals(x.shape())) {
            throw new IllegalArgumentException("reluGrad: gradient " + g.shape() + " and input " + x.shape()
                    + " must have the same shape");
        }
        return new ReluGrad().record(Broadcast.compute(g, x, "reluGrad", ROW), g, x);
    }

    @Override
    protected Tensor[] backward(Tensor ddx) {
        return new Tensor[] {needsGrad(0) ? ReluGrad.apply(ddx, input(1)) : null, null};
    }
}
