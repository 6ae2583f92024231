package org.noether.kernel;

/**
 * Elementwise loops: a unary map, and a binary operation with NumPy broadcasting.
 *
 * <p>Broadcasting aligns shapes from the right; a dimension of 1 (or a missing leading one) is
 * repeated. The loop walks the output row-major with an odometer over all axes but the last, and
 * runs the last axis as a plain strided loop: stride 0 for a repeated operand.
 *
 * <pre>{@code Elementwise.binary(a, aDims, b, bDims, out, outDims, Float::sum);}</pre>
 */
public final class Elementwise {
    private Elementwise() {
    }

    /** A function of one float. */
    @FunctionalInterface
    public interface UnaryOp {
        float apply(float x);
    }

    /** A function of two floats. */
    @FunctionalInterface
    public interface BinaryOp {
        float apply(float x, float y);
    }

    /** {@code out[i] = op(x[i])}. */
    public static void map(float[] x, float[] out, int length, UnaryOp op) {
        Parallel.forRange(length, 8L * length, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = op.apply(x[i]);
            }
        });
    }

    /**
     * {@code out = op(a, b)} with broadcasting; {@code outDims} must be the broadcast of the two
     * operand shapes (checked by the caller, which knows the op's name for the error message).
     */
    public static void binary(float[] a, int[] aDims, float[] b, int[] bDims,
                              float[] out, int[] outDims, BinaryOp op) {
        int length = out.length;
        if (a.length == length && b.length == length) {
            Parallel.forRange(length, 4L * length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    out[i] = op.apply(a[i], b[i]);
                }
            });
            return;
        }
        if (b.length == 1 && a.length == length) {
            float scalar = b[0];
            Parallel.forRange(length, 4L * length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    out[i] = op.apply(a[i], scalar);
                }
            });
            return;
        }
        if (a.length == 1 && b.length == length) {
            float scalar = a[0];
            Parallel.forRange(length, 4L * length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    out[i] = op.apply(scalar, b[i]);
                }
            });
            return;
        }
        int rank = outDims.length;
        int[] aStrides = broadcastStrides(aDims, rank);
        int[] bStrides = broadcastStrides(bDims, rank);
        int inner = rank == 0 ? 1 : outDims[rank - 1];
        int rows = inner == 0 ? 0 : length / inner;
        int aInner = rank == 0 ? 0 : aStrides[rank - 1];
        int bInner = rank == 0 ? 0 : bStrides[rank - 1];
        Parallel.forRange(rows, 4L * length, (rowFrom, rowTo) -> {
            int[] index = new int[Math.max(rank - 1, 0)];
            int remainder = rowFrom;
            int aOffset = 0;
            int bOffset = 0;
            for (int axis = rank - 2; axis >= 0; axis--) {
                index[axis] = remainder % outDims[axis];
                remainder /= outDims[axis];
                aOffset += index[axis] * aStrides[axis];
                bOffset += index[axis] * bStrides[axis];
            }
            for (int row = rowFrom; row < rowTo; row++) {
                int outOffset = row * inner;
                for (int j = 0; j < inner; j++) {
                    out[outOffset + j] = op.apply(a[aOffset + j * aInner], b[bOffset + j * bInner]);
                }
                for (int axis = rank - 2; axis >= 0; axis--) {
                    index[axis]++;
                    aOffset += aStrides[axis];
                    bOffset += bStrides[axis];
                    if (index[axis] < outDims[axis]) {
                        break;
                    }
                    aOffset -= index[axis] * aStrides[axis];
                    bOffset -= index[axis] * bStrides[axis];
                    index[axis] = 0;
                }
            }
        });
    }

    /** Row-major strides of {@code dims} right-aligned to {@code rank} axes, 0 where repeated. */
    static int[] broadcastStrides(int[] dims, int rank) {
        int[] strides = new int[rank];
        int stride = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            int axis = rank - dims.length + i;
            strides[axis] = dims[i] == 1 ? 0 : stride;
            stride *= dims[i];
        }
        return strides;
    }

    /**
     * Repeats {@code x} (shape {@code dims}) to the larger shape {@code outDims}: the copy a
     * broadcast makes explicit ({@code expand}).
     */
    public static void broadcastTo(float[] x, int[] dims, float[] out, int[] outDims) {
        binary(x, dims, new float[] {0f}, new int[0], out, outDims, (value, zero) -> value);
    }
}
