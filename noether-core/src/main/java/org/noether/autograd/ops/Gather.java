package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * The elements of {@code x} at flat indices: {@code out[i] = x[indices[i]]}.
 *
 * <p>Shape: {@code shape}, with one index per element. Gradient: {@link ScatterAdd} of g back to
 * the indices.
 */
public final class Gather extends Function {
    private final int[] indices;

    private Gather(int[] indices) {
        this.indices = indices;
    }

    /** {@code x} read at {@code indices}, shaped {@code shape}. */
    public static Tensor apply(Tensor x, int[] indices, Shape shape) {
        if (indices.length != shape.size()) {
            throw new IllegalArgumentException("gather needs one index per output element: " + indices.length
                    + " indices for shape " + shape);
        }
        float[] out = new float[indices.length];
        float[] values = x.data();
        for (int i = 0; i < indices.length; i++) {
            out[i] = values[indices[i]];
        }
        return new Gather(indices).record(Tensor.wrap(out, shape), x);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {ScatterAdd.apply(g, indices, input(0).shape())};
    }
}
