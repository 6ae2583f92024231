package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.kernel.Scratch;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Adds the rows of {@code x} into a zero tensor of {@code rows} rows at the given indices
 * ({@code out[indices[i]] += x[i]}): the gradient of {@link Take}.
 *
 * <p>Shape: {@code [rows, ...rest of x]}. Gradient: {@code g} taken at the indices.
 */
public final class IndexAdd extends Function {
    private final int[] indices;

    private IndexAdd(int[] indices) {
        this.indices = indices;
    }

    /** Scatter-add of the rows of {@code x} into {@code rows} rows. */
    public static Tensor apply(Tensor x, int[] indices, int rows) {
        Shape shape = x.shape();
        int rowSize = indices.length == 0 ? shape.sizeOf(1, shape.rank()) : x.size() / indices.length;
        float[] out = Scratch.zeros(rows * rowSize);
        float[] values = x.data();
        for (int i = 0; i < indices.length; i++) {
            int target = indices[i] * rowSize;
            int source = i * rowSize;
            for (int j = 0; j < rowSize; j++) {
                out[target + j] += values[source + j];
            }
        }
        return new IndexAdd(indices).record(Tensor.wrap(out, shape.withDim(0, rows)), x);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {g.take(indices)};
    }
}
