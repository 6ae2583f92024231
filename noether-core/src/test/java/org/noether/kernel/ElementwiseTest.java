package org.noether.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The elementwise kernels: {@code binary} with broadcasting against a naive per-element index
 * computation, on random shape pairs and on arrays large enough to be split over threads.
 */
class ElementwiseTest {
    private static final int ORIGINAL_THREADS = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(ORIGINAL_THREADS);
    }

    @Test
    void handWorkedBroadcasts() {
        float[] out = new float[6];
        Elementwise.binary(new float[] {1, 2, 3}, new int[] {3, 1}, new float[] {10, 20}, new int[] {2},
                out, new int[] {3, 2}, Elementwise.BinaryRow.of(Float::sum));
        assertArrayEquals(new float[] {11, 21, 12, 22, 13, 23}, out);
        Elementwise.binary(new float[] {1, 2, 3, 4, 5, 6}, new int[] {2, 3}, new float[] {2}, new int[0],
                out, new int[] {2, 3}, Elementwise.BinaryRow.of((x, y) -> x * y));
        assertArrayEquals(new float[] {2, 4, 6, 8, 10, 12}, out);
        Elementwise.binary(new float[] {100}, new int[] {1, 1}, new float[] {1, 2, 3, 4, 5, 6}, new int[] {2, 3},
                out, new int[] {2, 3}, Elementwise.BinaryRow.of((x, y) -> x - y));
        assertArrayEquals(new float[] {99, 98, 97, 96, 95, 94}, out);
        float[] scalar = new float[1];
        Elementwise.binary(new float[] {3}, new int[0], new float[] {4}, new int[0], scalar, new int[0],
                Elementwise.BinaryRow.of(Float::sum));
        assertArrayEquals(new float[] {7}, scalar);
    }

    @Test
    void randomShapePairsMatchTheNaiveIndexComputation() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 300; trial++) {
            int rank = random.nextInt(5);
            int[] outDims = new int[rank];
            for (int i = 0; i < rank; i++) {
                outDims[i] = 1 + random.nextInt(4);
            }
            int[] aDims = operandDims(random, outDims);
            int[] bDims = operandDims(random, outDims);
            // The result shape is the broadcast of the two, which may be smaller than outDims.
            int[] resultDims = broadcast(aDims, bDims);
            checkAgainstNaive(random, aDims, bDims, resultDims);
        }
    }

    @Test
    void largeArraysSplitOverThreadsMatchTheNaiveComputation() {
        SplittableRandom random = new SplittableRandom(6);
        int[][][] pairs = {
            {{64, 33, 32}, {33, 1}},
            {{64, 1, 32}, {1, 33, 32}},
            {{70000}, {70000}},
            {{70000}, {}},
            {{}, {3, 30000}},
            {{64, 33, 32}, {64, 33, 32}},
        };
        for (int threads = 1; threads <= 3; threads++) {
            Parallel.setThreads(threads);
            for (int[][] pair : pairs) {
                checkAgainstNaive(random, pair[0], pair[1], broadcast(pair[0], pair[1]));
            }
        }
    }

    @Test
    void mapAndBroadcastTo() {
        float[] x = new float[100_000];
        float[] expected = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i - 50_000;
            expected[i] = x[i] * 2 + 1;
        }
        float[] out = new float[x.length];
        Parallel.setThreads(3);
        Elementwise.map(x, out, x.length, Elementwise.UnaryRow.of(v -> v * 2 + 1));
        assertArrayEquals(expected, out, "map over three threads");
        float[] repeated = new float[12];
        Elementwise.broadcastTo(new float[] {1, 2, 3}, new int[] {3, 1}, repeated, new int[] {2, 3, 2});
        assertArrayEquals(new float[] {1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3}, repeated);
    }

    /** Dimensions that broadcast to {@code outDims}: some axes dropped from the front, some set to 1. */
    private static int[] operandDims(SplittableRandom random, int[] outDims) {
        int drop = random.nextInt(outDims.length + 1);
        int[] dims = Arrays.copyOfRange(outDims, drop, outDims.length);
        for (int i = 0; i < dims.length; i++) {
            if (random.nextInt(3) == 0) {
                dims[i] = 1;
            }
        }
        return dims;
    }

    private static int[] broadcast(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            out[i] = Math.max(da, db);
        }
        return out;
    }

    private static void checkAgainstNaive(SplittableRandom random, int[] aDims, int[] bDims, int[] outDims) {
        float[] a = fill(random, size(aDims));
        float[] b = fill(random, size(bDims));
        float[] out = new float[size(outDims)];
        Elementwise.BinaryOp op = (x, y) -> x * 3 - y;
        Elementwise.binary(a, aDims, b, bDims, out, outDims, Elementwise.BinaryRow.of(op));
        float[] expected = new float[out.length];
        int[] index = new int[outDims.length];
        for (int flat = 0; flat < expected.length; flat++) {
            int remainder = flat;
            for (int axis = outDims.length - 1; axis >= 0; axis--) {
                index[axis] = remainder % outDims[axis];
                remainder /= outDims[axis];
            }
            expected[flat] = op.apply(a[offset(aDims, index)], b[offset(bDims, index)]);
        }
        assertArrayEquals(expected, out, Arrays.toString(aDims) + " with " + Arrays.toString(bDims)
                + " threads " + Parallel.threads());
    }

    /** Row-major offset in an operand of the output index, right-aligned, size-1 axes pinned to 0. */
    private static int offset(int[] dims, int[] outIndex) {
        int offset = 0;
        int shift = outIndex.length - dims.length;
        for (int axis = 0; axis < dims.length; axis++) {
            offset = offset * dims[axis] + (dims[axis] == 1 ? 0 : outIndex[axis + shift]);
        }
        return offset;
    }

    private static int size(int[] dims) {
        int size = 1;
        for (int d : dims) {
            size *= d;
        }
        return size;
    }

    private static float[] fill(SplittableRandom random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextDouble(-4, 4);
        }
        return values;
    }
}
