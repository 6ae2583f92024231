package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * The same values under another shape of equal size (shares the data: no copy).
 *
 * <p>Shape: {@code newShape}. Gradient: {@code g} reshaped back to the input's shape.
 */
public final class Reshape extends Function {
    private Reshape() {
    }

    /** {@code x} viewed as {@code newShape}; the sizes must agree (checked by the caller). */
    public static Tensor apply(Tensor x, Shape newShape) {
        return new Reshape().record(Tensor.wrap(x.data(), newShape), x);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {g.reshape(input(0).shape())};
    }
}
