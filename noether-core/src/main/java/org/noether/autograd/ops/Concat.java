package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.kernel.Layout;
import org.noether.kernel.Scratch;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Joins tensors along one axis; all other dimensions must agree.
 *
 * <p>Shape: the common shape with that axis the sum of the parts' lengths. Gradient: the slice of
 * {@code g} that each part occupied.
 */
public final class Concat extends Function {
    private final int axis;
    private final int[] offsets;

    private Concat(int axis, int[] offsets) {
        this.axis = axis;
        this.offsets = offsets;
    }

    /** The parts joined along {@code axis}. */
    public static Tensor apply(int axis, Tensor... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("concat needs at least one tensor");
        }
        Shape first = parts[0].shape();
        int normalized = first.normalizeAxis(axis);
        int[] offsets = new int[parts.length + 1];
        for (int p = 0; p < parts.length; p++) {
            Shape shape = parts[p].shape();
            if (shape.rank() != first.rank() || !shape.withDim(normalized, 1).equals(first.withDim(normalized, 1))) {
                throw new IllegalArgumentException("concat along axis " + axis + ": part " + p + " has shape " + shape
                        + " but part 0 has shape " + first + " (all axes but " + axis + " must agree)");
            }
            offsets[p + 1] = offsets[p] + shape.dim(normalized);
        }
        Shape outShape = first.withDim(normalized, offsets[parts.length]);
        float[] out = Scratch.floats(outShape.size());
        int outer = first.sizeOf(0, normalized);
        int inner = first.sizeOf(normalized + 1, first.rank());
        for (int p = 0; p < parts.length; p++) {
            int length = parts[p].shape().dim(normalized);
            Layout.copyAlongAxis(parts[p].data(), length, 0, out, offsets[parts.length], offsets[p],
                    outer, length, inner);
        }
        return new Concat(normalized, offsets).record(Tensor.wrap(out, outShape), parts);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        Tensor[] grads = new Tensor[offsets.length - 1];
        for (int p = 0; p < grads.length; p++) {
            grads[p] = needsGrad(p) ? g.slice(axis, offsets[p], offsets[p + 1]) : null;
        }
        return grads;
    }
}
