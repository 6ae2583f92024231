package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.kernel.Elementwise;
import org.noether.kernel.Scratch;
import org.noether.tensor.Tensor;

/**
 * {@code x^p} for a constant exponent {@code p}.
 *
 * <p>Shape: unchanged. Gradient: {@code g·p·x^(p−1)}.
 */
public final class PowScalar extends Function {
    private final double exponent;

    private PowScalar(double exponent) {
        this.exponent = exponent;
    }

    /** {@code x^exponent}. */
    public static Tensor apply(Tensor x, double exponent) {
        float[] out = Scratch.floats(x.size());
        if (exponent == 2) {
            Elementwise.map(x.data(), out, out.length, (v, vo, o, oo, n) -> {
                for (int j = 0; j < n; j++) {
                    o[oo + j] = v[vo + j] * v[vo + j];
                }
            });
        } else {
            Elementwise.map(x.data(), out, out.length, (v, vo, o, oo, n) -> {
                for (int j = 0; j < n; j++) {
                    o[oo + j] = (float) Math.pow(v[vo + j], exponent);
                }
            });
        }
        return new PowScalar(exponent).record(Tensor.wrap(out, x.shape()), x);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        Tensor x = input(0);
        Tensor derivative = exponent == 2 ? x.mul(2) : x.pow(exponent - 1).mul(exponent);
        return new Tensor[] {g.mul(derivative)};
    }
}
