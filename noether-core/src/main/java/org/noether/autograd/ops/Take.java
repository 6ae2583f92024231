package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * The first-axis entries (samples) at the given indices, in order; indices may repeat. Used to
 * draw shuffled batches.
 *
 * <p>Shape: {@code [indices.length, ...rest]}. Gradient: rows of {@code g} added back at their
 * indices ({@link IndexAdd}).
 */
public final class Take extends Function {
    private final int[] indices;

    private Take(int[] indices) {
        this.indices = indices;
    }

    /** {@code x[indices]} along the first axis. */
    public static Tensor apply(Tensor x, int[] indices) {
        Shape shape = x.shape();
        if (shape.rank() == 0) {
            throw new IllegalArgumentException("take needs at least one axis, got a scalar");
        }
        int rows = shape.dim(0);
        int rowSize = rows == 0 ? 0 : x.size() / rows;
        float[] out = new float[indices.length * rowSize];
        for (int i = 0; i < indices.length; i++) {
            int index = indices[i];
            if (index < 0 || index >= rows) {
                throw new IndexOutOfBoundsException("take: index " + index + " at position " + i
                        + " is outside [0, " + rows + ") for shape " + shape);
            }
            System.arraycopy(x.data(), index * rowSize, out, i * rowSize, rowSize);
        }
        return new Take(indices.clone()).record(Tensor.wrap(out, shape.withDim(0, indices.length)), x);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {IndexAdd.apply(g, indices, input(0).shape().dim(0))};
    }
}
