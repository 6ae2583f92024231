package org.noether.kernel;

import java.util.Arrays;

/**
 * Elementwise loops: a unary map, and a binary operation with NumPy broadcasting.
 *
 * <p>An operation supplies its loop over one <em>row</em> ({@link UnaryRow}, {@link BinaryRow});
 * this class decides the rows and splits them over threads. Each operation's row loop is its own
 * code, so the JIT compiles it with the operation inlined (a per-element callback shared by every
 * operation would be a megamorphic call per element). Broadcasting aligns shapes from the right; a
 * dimension of 1 (or a missing leading one) is repeated: the output is walked row-major with an
 * odometer over all axes but the last, and the last axis is one row, read with stride 0 for a
 * repeated operand.
 *
 * <pre>{@code Elementwise.binary(a, aDims, b, bDims, out, outDims, Elementwise.BinaryRow.of(Float::sum));}</pre>
 */
public final class Elementwise {
    /** Rows of a same-shape operation are chunks of this many elements, so that threads share the work. */
    private static final int CHUNK = 4096;
    /**
     * Chunks per grain that a thread which finished early takes from the other's range: the
     * caller's half of an op is often faster, its operands in the caller's cache (it ran the small
     * ops before), and waiting for the worker cost a PINN step a fifth of its elementwise time.
     */
    private static final int GRAIN = 4;
    /**
     * Per-thread rows holding a repeated operand's value, one per operand (both may repeat); a row
     * loop is plain arithmetic and never reenters {@link #binary}, so a thread uses each once at a time.
     */
    private static final ThreadBuffer<float[]> A_ROW = ThreadBuffer.floats();
    private static final ThreadBuffer<float[]> B_ROW = ThreadBuffer.floats();

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

    /** {@code out[outOffset + j] = f(x[xOffset + j])} for {@code j < length}. */
    @FunctionalInterface
    public interface UnaryRow {
        void apply(float[] x, int xOffset, float[] out, int outOffset, int length);

        /** A row loop calling {@code op} per element: convenient, for code off the hot path. */
        static UnaryRow of(UnaryOp op) {
            return (x, xOffset, out, outOffset, length) -> {
                for (int j = 0; j < length; j++) {
                    out[outOffset + j] = op.apply(x[xOffset + j]);
                }
            };
        }
    }

    /**
     * {@code out[outOffset + j] = f(a[aOffset + j], b[bOffset + j])} for {@code j < length}: both
     * operands contiguous, so that the JIT vectorizes each op's loop ({@link #binary} copies a
     * repeated value into a row first).
     */
    @FunctionalInterface
    public interface BinaryRow {
        void apply(float[] a, int aOffset, float[] b, int bOffset, float[] out, int outOffset, int length);

        /** A row loop calling {@code op} per element: convenient, for code off the hot path. */
        static BinaryRow of(BinaryOp op) {
            return (a, aOffset, b, bOffset, out, outOffset, length) -> {
                for (int j = 0; j < length; j++) {
                    out[outOffset + j] = op.apply(a[aOffset + j], b[bOffset + j]);
                }
            };
        }
    }

    /**
     * {@code out[offset + j] = f(a[offset + j], b[offset + j], c[offset + j])} for {@code j < length}:
     * three operands of one shape, as fused gradient ops combine them.
     */
    @FunctionalInterface
    public interface TernaryRow {
        void apply(float[] a, float[] b, float[] c, float[] out, int offset, int length);
    }

    /** {@code out[i] = f(a[i], b[i], c[i])} for {@code i < out.length}; the operands are as long as out. */
    public static void ternary(float[] a, float[] b, float[] c, float[] out, TernaryRow row) {
        int length = out.length;
        int chunks = (length + CHUNK - 1) / CHUNK;
        Parallel.forRange(chunks, GRAIN, 5L * length, (from, to) -> {
            for (int chunk = from; chunk < to; chunk++) {
                int start = chunk * CHUNK;
                row.apply(a, b, c, out, start, Math.min(CHUNK, length - start));
            }
        });
    }

    /** {@code out[i] = f(x[i])} for {@code i < length}. */
    public static void map(float[] x, float[] out, int length, UnaryRow row) {
        int chunks = (length + CHUNK - 1) / CHUNK;
        Parallel.forRange(chunks, GRAIN, 8L * length, (from, to) -> {
            for (int chunk = from; chunk < to; chunk++) {
                int start = chunk * CHUNK;
                row.apply(x, start, out, start, Math.min(CHUNK, length - start));
            }
        });
    }

    /**
     * {@code out = f(a, b)} with broadcasting; {@code outDims} must be the broadcast of the two
     * operand shapes (checked by the caller, which knows the op's name for the error message).
     * Where an operand is repeated along a row (a scalar, or a broadcast last axis), its value is
     * first copied into a row of a per-task buffer, so that ops only ever see contiguous rows.
     */
    public static void binary(float[] a, int[] aDims, float[] b, int[] bDims, float[] out, int[] outDims,
                              BinaryRow row) {
        int length = out.length;
        boolean aFull = a.length == length;
        boolean bFull = b.length == length;
        if ((aFull || a.length == 1) && (bFull || b.length == 1)) {
            int chunks = (length + CHUNK - 1) / CHUNK;
            Parallel.forRange(chunks, GRAIN, 4L * length, (from, to) -> {
                float[] aRepeated = aFull ? null : repeated(A_ROW, a[0], Math.min(CHUNK, length));
                float[] bRepeated = bFull ? null : repeated(B_ROW, b[0], Math.min(CHUNK, length));
                for (int chunk = from; chunk < to; chunk++) {
                    int start = chunk * CHUNK;
                    row.apply(aFull ? a : aRepeated, aFull ? start : 0, bFull ? b : bRepeated, bFull ? start : 0,
                            out, start, Math.min(CHUNK, length - start));
                }
            });
            return;
        }
        int rank = outDims.length;
        int[] aStrides = broadcastStrides(aDims, rank);
        int[] bStrides = broadcastStrides(bDims, rank);
        int inner = outDims[rank - 1];
        int rows = inner == 0 ? 0 : length / inner;
        boolean aRepeats = aStrides[rank - 1] == 0;
        boolean bRepeats = bStrides[rank - 1] == 0;
        Parallel.forRange(rows, 4L * length, (rowFrom, rowTo) -> {
            float[] aRow = aRepeats ? A_ROW.atLeast(inner) : null;
            float[] bRow = bRepeats ? B_ROW.atLeast(inner) : null;
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
            for (int r = rowFrom; r < rowTo; r++) {
                if (aRepeats) {
                    Arrays.fill(aRow, 0, inner, a[aOffset]);
                }
                if (bRepeats) {
                    Arrays.fill(bRow, 0, inner, b[bOffset]);
                }
                row.apply(aRepeats ? aRow : a, aRepeats ? 0 : aOffset, bRepeats ? bRow : b, bRepeats ? 0 : bOffset,
                        out, r * inner, inner);
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

    private static float[] repeated(ThreadBuffer<float[]> buffer, float value, int length) {
        float[] values = buffer.atLeast(length);
        Arrays.fill(values, 0, length, value);
        return values;
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

    private static final BinaryRow FIRST = (a, aOffset, b, bOffset, out, outOffset, length) ->
            System.arraycopy(a, aOffset, out, outOffset, length);

    /**
     * Repeats {@code x} (shape {@code dims}) to the larger shape {@code outDims}: the copy a
     * broadcast makes explicit ({@code expand}).
     */
    public static void broadcastTo(float[] x, int[] dims, float[] out, int[] outDims) {
        binary(x, dims, new float[] {0f}, new int[0], out, outDims, FIRST);
    }
}
