package org.noether.kernel;

/**
 * Data movement: axis permutation, and copying blocks along one axis (slicing, padding,
 * concatenation all reduce to it).
 *
 * <pre>{@code Layout.permute(x, new int[] {2, 3}, new int[] {1, 0}, out); // 2-D transpose}</pre>
 */
public final class Layout {
    private Layout() {
    }

    /**
     * {@code out} is {@code x} with its axes reordered: output axis {@code i} is input axis
     * {@code perm[i]}.
     */
    public static void permute(float[] x, int[] dims, int[] perm, float[] out) {
        int rank = dims.length;
        int[] inStrides = new int[rank];
        int stride = 1;
        for (int i = rank - 1; i >= 0; i--) {
            inStrides[i] = stride;
            stride *= dims[i];
        }
        int[] outDims = new int[rank];
        int[] strideOfOutAxis = new int[rank];
        for (int i = 0; i < rank; i++) {
            outDims[i] = dims[perm[i]];
            strideOfOutAxis[i] = inStrides[perm[i]];
        }
        int length = out.length;
        if (rank == 0 || length == 0) {
            if (length == 1) {
                out[0] = x[0];
            }
            return;
        }
        int inner = outDims[rank - 1];
        int innerStride = strideOfOutAxis[rank - 1];
        int rows = length / inner;
        Parallel.forRange(rows, length, (rowFrom, rowTo) -> {
            int[] index = new int[rank];
            int remainder = rowFrom;
            int offset = 0;
            for (int axis = rank - 2; axis >= 0; axis--) {
                index[axis] = remainder % outDims[axis];
                remainder /= outDims[axis];
                offset += index[axis] * strideOfOutAxis[axis];
            }
            for (int row = rowFrom; row < rowTo; row++) {
                int outOffset = row * inner;
                for (int j = 0; j < inner; j++) {
                    out[outOffset + j] = x[offset + j * innerStride];
                }
                for (int axis = rank - 2; axis >= 0; axis--) {
                    index[axis]++;
                    offset += strideOfOutAxis[axis];
                    if (index[axis] < outDims[axis]) {
                        break;
                    }
                    offset -= index[axis] * strideOfOutAxis[axis];
                    index[axis] = 0;
                }
            }
        });
    }

    /**
     * Copies a block along one axis: views {@code source} as {@code [outer, sourceLength, inner]}
     * and {@code target} as {@code [outer, targetLength, inner]}, and copies source positions
     * {@code [sourceStart, sourceStart + count)} to target positions starting at
     * {@code targetStart}, for every outer index.
     */
    public static void copyAlongAxis(float[] source, int sourceLength, int sourceStart,
                                     float[] target, int targetLength, int targetStart,
                                     int outer, int count, int inner) {
        int block = count * inner;
        for (int o = 0; o < outer; o++) {
            System.arraycopy(source, (o * sourceLength + sourceStart) * inner,
                    target, (o * targetLength + targetStart) * inner, block);
        }
    }
}
