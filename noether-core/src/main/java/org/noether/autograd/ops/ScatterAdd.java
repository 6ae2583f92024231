package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.kernel.Parallel;
import org.noether.kernel.Scratch;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Adds each element of {@code x} at a flat index of a zero tensor: {@code out[indices[i]] += x[i]}.
 * The gradient of selecting elements ({@link Gather}), e.g. of max pooling's winners.
 *
 * <p>Shape: {@code x} any, {@code indices} one per element of x → {@code shape}. Gradient:
 * {@link Gather} of g at the same indices.
 *
 * <p>With {@code blocks > 1} the caller promises that the indices of the b-th of {@code blocks}
 * equal slices of x lie in the b-th slice of the output (each image's pooling winners lie in that
 * image), so the blocks are summed in parallel without races; each sum keeps its order.
 *
 * <pre>{@code Tensor dx = ScatterAdd.apply(dy, argmax, x.shape(), batch);}</pre>
 */
public final class ScatterAdd extends Function {
    private final int[] indices;
    private final int blocks;

    private ScatterAdd(int[] indices, int blocks) {
        this.indices = indices;
        this.blocks = blocks;
    }

    /** A tensor of {@code shape} holding the sums of the elements of {@code x} sent to each index. */
    public static Tensor apply(Tensor x, int[] indices, Shape shape) {
        return apply(x, indices, shape, 1);
    }

    /** As {@link #apply(Tensor, int[], Shape)}, in {@code blocks} independent slices (see the class comment). */
    public static Tensor apply(Tensor x, int[] indices, Shape shape, int blocks) {
        if (indices.length != x.size()) {
            throw new IllegalArgumentException("scatterAdd needs one index per element: " + indices.length
                    + " indices for shape " + x.shape());
        }
        if (blocks < 1 || x.size() % blocks != 0 || shape.size() % blocks != 0) {
            throw new IllegalArgumentException("scatterAdd cannot split " + x.shape() + " -> " + shape + " into "
                    + blocks + " equal blocks");
        }
        float[] out = Scratch.floats(shape.size());
        float[] values = x.data();
        int perBlock = indices.length / blocks;
        int outPerBlock = shape.size() / blocks;
        // Each task clears its own slices just before adding into them, while they are in cache:
        // clearing the whole output first was a separate pass over it (5.5 MB for the tutorial CNN).
        Parallel.forRange(blocks, indices.length + (long) shape.size(), (from, to) -> {
            java.util.Arrays.fill(out, from * outPerBlock, to * outPerBlock, 0f);
            for (int i = from * perBlock; i < to * perBlock; i++) {
                out[indices[i]] += values[i];
            }
        });
        return new ScatterAdd(indices, blocks).record(Tensor.wrap(out, shape), x);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {Gather.apply(g, indices, input(0).shape(), blocks)};
    }
}
