package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Adds each element of {@code x} at a flat index of a zero tensor: {@code out[indices[i]] += x[i]}.
 * The gradient of selecting elements ({@link Gather}), e.g. of max pooling's winners.
 *
 * <p>Shape: {@code x} any, {@code indices} one per element of x → {@code shape}. Gradient:
 * {@link Gather} of g at the same indices.
 */
public final class ScatterAdd extends Function {
    private final int[] indices;

    private ScatterAdd(int[] indices) {
        this.indices = indices;
    }

    /** A tensor of {@code shape} holding the sums of the elements of {@code x} sent to each index. */
    public static Tensor apply(Tensor x, int[] indices, Shape shape) {
        if (indices.length != x.size()) {
            throw new IllegalArgumentException("scatterAdd needs one index per element: " + indices.length
                    + " indices for shape " + x.shape());
        }
        float[] out = new float[shape.size()];
        float[] values = x.data();
        for (int i = 0; i < indices.length; i++) {
            out[indices[i]] += values[i];
        }
        return new ScatterAdd(indices).record(Tensor.wrap(out, shape), x);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {Gather.apply(g, indices, input(0).shape())};
    }
}
