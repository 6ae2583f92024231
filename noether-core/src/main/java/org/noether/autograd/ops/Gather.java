package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.kernel.Parallel;
import org.noether.kernel.Scratch;
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
    /** Passed on to the gradient's {@link ScatterAdd}: its independent slices. */
    private final int blocks;

    private Gather(int[] indices, int blocks) {
        this.indices = indices;
        this.blocks = blocks;
    }

    /** {@code x} read at {@code indices}, shaped {@code shape}. */
    public static Tensor apply(Tensor x, int[] indices, Shape shape) {
        return apply(x, indices, shape, 1);
    }

    /**
     * As {@link #apply(Tensor, int[], Shape)}, where the b-th of {@code blocks} slices of the output
     * reads only the b-th slice of x (see {@link ScatterAdd}).
     */
    public static Tensor apply(Tensor x, int[] indices, Shape shape, int blocks) {
        if (indices.length != shape.size()) {
            throw new IllegalArgumentException("gather needs one index per output element: " + indices.length
                    + " indices for shape " + shape);
        }
        float[] out = Scratch.floats(indices.length);
        float[] values = x.data();
        Parallel.forRange(indices.length, indices.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = values[indices[i]];
            }
        });
        return new Gather(indices, blocks).record(Tensor.wrap(out, shape), x);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {ScatterAdd.apply(g, indices, input(0).shape(), blocks)};
    }
}
