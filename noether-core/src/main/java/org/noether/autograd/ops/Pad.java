package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.kernel.Layout;
import org.noether.kernel.Scratch;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Zeros added before and after along one axis.
 *
 * <p>Shape: the input's with that axis longer by {@code before + after}. Gradient: the middle
 * slice of {@code g} ({@link Slice}).
 */
public final class Pad extends Function {
    private final int axis;
    private final int before;

    private Pad(int axis, int before) {
        this.axis = axis;
        this.before = before;
    }

    /** {@code x} with {@code before} zeros in front and {@code after} behind along {@code axis}. */
    public static Tensor apply(Tensor x, int axis, int before, int after) {
        Shape shape = x.shape();
        int normalized = shape.normalizeAxis(axis);
        if (before < 0 || after < 0) {
            throw new IllegalArgumentException("pad: amounts must be >= 0, got before=" + before + ", after=" + after);
        }
        int length = shape.dim(normalized);
        Shape outShape = shape.withDim(normalized, length + before + after);
        float[] out = Scratch.zeros(outShape.size());
        Layout.copyAlongAxis(x.data(), length, 0, out, outShape.dim(normalized), before,
                shape.sizeOf(0, normalized), length, shape.sizeOf(normalized + 1, shape.rank()));
        return new Pad(normalized, before).record(Tensor.wrap(out, outShape), x);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {g.slice(axis, before, before + input(0).shape().dim(axis))};
    }
}
