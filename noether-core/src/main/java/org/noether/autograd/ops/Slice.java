package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.kernel.Layout;
import org.noether.kernel.Scratch;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Elements {@code [start, end)} along one axis (a copy).
 *
 * <p>Shape: the input's with that axis of length {@code end − start}. Gradient: {@code g} padded
 * with zeros back to the input's length ({@link Pad}).
 */
public final class Slice extends Function {
    private final int axis;
    private final int start;
    private final int end;

    private Slice(int axis, int start, int end) {
        this.axis = axis;
        this.start = start;
        this.end = end;
    }

    /** {@code x[..., start:end, ...]} along {@code axis}. */
    public static Tensor apply(Tensor x, int axis, int start, int end) {
        Shape shape = x.shape();
        int normalized = shape.normalizeAxis(axis);
        int length = shape.dim(normalized);
        if (start < 0 || end > length || start > end) {
            throw new IllegalArgumentException("slice: range [" + start + ", " + end + ") is outside axis "
                    + axis + " of length " + length + " (shape " + shape + ")");
        }
        Shape outShape = shape.withDim(normalized, end - start);
        float[] out = Scratch.floats(outShape.size());
        Layout.copyAlongAxis(x.data(), length, start, out, end - start, 0,
                shape.sizeOf(0, normalized), end - start, shape.sizeOf(normalized + 1, shape.rank()));
        return new Slice(normalized, start, end).record(Tensor.wrap(out, outShape), x);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {g.pad(axis, start, input(0).shape().dim(axis) - end)};
    }
}
