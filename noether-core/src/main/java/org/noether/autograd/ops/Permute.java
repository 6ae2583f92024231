package org.noether.autograd.ops;

import java.util.Arrays;
import org.noether.autograd.Function;
import org.noether.kernel.Layout;
import org.noether.kernel.Scratch;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Reorders the axes: output axis {@code i} is input axis {@code perm[i]}.
 *
 * <p>Shape: {@code out[i] = in[perm[i]]}. Gradient: {@code g} permuted by the inverse permutation.
 */
public final class Permute extends Function {
    private final int[] inverse;

    private Permute(int[] inverse) {
        this.inverse = inverse;
    }

    /** {@code x} with axes reordered by {@code perm}. */
    public static Tensor apply(Tensor x, int[] perm) {
        Shape shape = x.shape();
        int rank = shape.rank();
        if (perm.length != rank) {
            throw new IllegalArgumentException("permute" + Arrays.toString(perm) + ": needs " + rank
                    + " axes for shape " + shape);
        }
        int[] inverse = new int[rank];
        boolean[] seen = new boolean[rank];
        int[] outDims = new int[rank];
        for (int i = 0; i < rank; i++) {
            int axis = shape.normalizeAxis(perm[i]);
            if (seen[axis]) {
                throw new IllegalArgumentException("permute" + Arrays.toString(perm) + ": axis " + axis
                        + " appears twice");
            }
            seen[axis] = true;
            inverse[axis] = i;
            outDims[i] = shape.dim(axis);
        }
        int[] normalized = new int[rank];
        for (int i = 0; i < rank; i++) {
            normalized[inverse[i]] = i;
        }
        float[] out = Scratch.floats(x.size());
        Layout.permute(x.data(), shape.dims(), normalized, out);
        return new Permute(inverse).record(Tensor.wrap(out, Shape.of(outDims)), x);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {g.permute(inverse)};
    }
}
