package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.kernel.Elementwise;
import org.noether.kernel.Scratch;
import org.noether.tensor.Tensor;

/**
 * {@code s·a·b·c} elementwise, for a constant {@code s}, in one pass: the second derivative of
 * tanh ({@code −2·h·g·y}, {@link TanhGrad}). Its gradients are products of the same form, so a
 * chain of derivatives stays one pass per op.
 *
 * <p>Shape: {@code a}, {@code b}, {@code c} alike. Gradient: {@code ∂a = s·h·b·c}, {@code ∂b =
 * s·h·a·c}, {@code ∂c = s·h·a·b}.
 *
 * <pre>{@code Tensor p = ScaledProduct.apply(-2f, h, g, y);}</pre>
 */
public final class ScaledProduct extends Function {
    private final float scale;

    private ScaledProduct(float scale) {
        this.scale = scale;
    }

    /** {@code scale·a·b·c}. */
    public static Tensor apply(float scale, Tensor a, Tensor b, Tensor c) {
        if (!a.shape().equals(b.shape()) || !a.shape().equals(c.shape())) {
            throw new IllegalArgumentException("scaledProduct: operands " + a.shape() + ", " + b.shape() + " and "
                    + c.shape() + " must have the same shape");
        }
        float[] out = Scratch.floats(a.size());
        Elementwise.ternary(a.data(), b.data(), c.data(), out, (x, y, z, result, offset, length) -> {
            for (int j = offset; j < offset + length; j++) {
                result[j] = scale * x[j] * y[j] * z[j];
            }
        });
        return new ScaledProduct(scale).record(Tensor.wrap(out, a.shape()), a, b, c);
    }

    @Override
    protected Tensor[] backward(Tensor h) {
        return new Tensor[] {
            needsGrad(0) ? apply(scale, h, input(1), input(2)) : null,
            needsGrad(1) ? apply(scale, h, input(0), input(2)) : null,
            needsGrad(2) ? apply(scale, h, input(0), input(1)) : null};
    }
}
