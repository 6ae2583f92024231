package org.noether.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Axis permutation against a naive index computation, and block copies along one axis. */
class LayoutTest {
    private static final int ORIGINAL_THREADS = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(ORIGINAL_THREADS);
    }

    @Test
    void transposeOfAMatrix() {
        float[] out = new float[6];
        Layout.permute(new float[] {0, 1, 2, 3, 4, 5}, new int[] {2, 3}, new int[] {1, 0}, out);
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, out);
        float[] scalar = new float[1];
        Layout.permute(new float[] {7}, new int[0], new int[0], scalar);
        assertArrayEquals(new float[] {7}, scalar);
        Layout.permute(new float[0], new int[] {2, 0}, new int[] {1, 0}, new float[0]);
    }

    @Test
    void everyPermutationOfRandomShapesMatchesTheNaiveComputation() {
        SplittableRandom random = new SplittableRandom(11);
        int[][] shapes = {{5}, {3, 4}, {2, 3, 4}, {2, 1, 3, 5}, {3, 2, 2, 3}, {60, 50, 70}};
        for (int threads = 1; threads <= 3; threads += 2) {
            Parallel.setThreads(threads);
            for (int[] dims : shapes) {
                float[] x = new float[size(dims)];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) random.nextDouble();
                }
                for (int[] perm : permutations(dims.length)) {
                    float[] out = new float[x.length];
                    Layout.permute(x, dims, perm, out);
                    assertArrayEquals(naivePermute(x, dims, perm), out,
                            Arrays.toString(dims) + " permuted by " + Arrays.toString(perm));
                }
            }
        }
    }

    @Test
    void copyAlongAxisMovesBlocksForEveryOuterIndex() {
        // source [2, 3, 2] (x[o, k, i] = 100o + 10k + i), target [2, 4, 2]: source positions 1..2 → target 0..1.
        float[] source = {0, 1, 10, 11, 20, 21, 100, 101, 110, 111, 120, 121};
        float[] target = new float[16];
        Arrays.fill(target, -1);
        Layout.copyAlongAxis(source, 3, 1, target, 4, 0, 2, 2, 2);
        assertArrayEquals(new float[] {10, 11, 20, 21, -1, -1, -1, -1, 110, 111, 120, 121, -1, -1, -1, -1}, target);
        Layout.copyAlongAxis(source, 3, 0, target, 4, 3, 2, 1, 2);
        assertArrayEquals(new float[] {10, 11, 20, 21, -1, -1, 0, 1, 110, 111, 120, 121, -1, -1, 100, 101}, target);
        float[] unchanged = target.clone();
        Layout.copyAlongAxis(source, 3, 0, target, 4, 0, 2, 0, 2);
        assertArrayEquals(unchanged, target, "a zero-length block copies nothing");
    }

    private static float[] naivePermute(float[] x, int[] dims, int[] perm) {
        int rank = dims.length;
        int[] outDims = new int[rank];
        for (int i = 0; i < rank; i++) {
            outDims[i] = dims[perm[i]];
        }
        float[] out = new float[x.length];
        int[] outIndex = new int[rank];
        int[] inIndex = new int[rank];
        for (int flat = 0; flat < out.length; flat++) {
            int remainder = flat;
            for (int axis = rank - 1; axis >= 0; axis--) {
                outIndex[axis] = remainder % outDims[axis];
                remainder /= outDims[axis];
            }
            for (int axis = 0; axis < rank; axis++) {
                inIndex[perm[axis]] = outIndex[axis];
            }
            int offset = 0;
            for (int axis = 0; axis < rank; axis++) {
                offset = offset * dims[axis] + inIndex[axis];
            }
            out[flat] = x[offset];
        }
        return out;
    }

    private static int[][] permutations(int n) {
        if (n == 0) {
            return new int[][] {{}};
        }
        int[][] smaller = permutations(n - 1);
        int[][] all = new int[smaller.length * n][];
        int count = 0;
        for (int[] p : smaller) {
            for (int position = 0; position < n; position++) {
                int[] q = new int[n];
                for (int i = 0, j = 0; i < n; i++) {
                    q[i] = i == position ? n - 1 : p[j++];
                }
                all[count++] = q;
            }
        }
        return all;
    }

    private static int size(int[] dims) {
        int size = 1;
        for (int d : dims) {
            size *= d;
        }
        return size;
    }
}
