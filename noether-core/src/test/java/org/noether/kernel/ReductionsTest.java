package org.noether.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sum and max along the middle axis of {@code [outer, n, inner]}: against naive double loops,
 * NaN propagation, ties, and bit-identical sums for 1, 2 and 3 threads.
 */
class ReductionsTest {
    private static final int ORIGINAL_THREADS = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(ORIGINAL_THREADS);
    }

    @Test
    void handWorkedSumAndMax() {
        // [2, 3, 2]: x[o, k, i]
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        float[] sums = new float[4];
        Reductions.sum(x, 2, 3, 2, sums);
        assertArrayEquals(new float[] {9, 12, 27, 30}, sums);
        float[] rowSums = new float[2];
        Reductions.sum(x, 2, 6, 1, rowSums);
        assertArrayEquals(new float[] {21, 57}, rowSums);
        float[] maxima = new float[4];
        int[] argmax = new int[4];
        Reductions.max(new float[] {1, 9, 8, 2, 8, 9, 3, 0, 4, 4, 4, 4}, 2, 3, 2, maxima, argmax);
        assertArrayEquals(new float[] {8, 9, 4, 4}, maxima);
        assertArrayEquals(new int[] {1, 0, 1, 1}, argmax, "first of ties");
        float[] empty = {5, 5};
        Reductions.sum(new float[0], 2, 0, 1, empty);
        assertArrayEquals(new float[] {0, 0}, empty, "a sum over an empty axis is 0");
    }

    @Test
    void nanPropagatesThroughSumAndMax() {
        float nan = Float.NaN;
        float[] x = {1, nan, 3, 4, 5, 6, nan, 2, nan, 8, 9, nan};
        float[] sums = new float[4];
        Reductions.sum(x, 1, 3, 4, sums);
        assertArrayEquals(new float[] {nan, nan, nan, nan}, sums);
        float[] maxima = new float[4];
        int[] argmax = new int[4];
        Reductions.max(x, 1, 3, 4, maxima, argmax);
        assertArrayEquals(new float[] {nan, nan, nan, nan}, maxima);
        assertArrayEquals(new int[] {2, 0, 1, 2}, argmax, "the position of the first NaN");
        float[] one = new float[1];
        Reductions.sum(new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}, 1, 2, 1, one);
        assertEquals(nan, one[0]);
        Reductions.max(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY}, 1, 2, 1, one, null);
        assertEquals(Float.NEGATIVE_INFINITY, one[0]);
    }

    @Test
    void randomLayoutsMatchNaiveLoopsForEveryThreadCount() {
        SplittableRandom random = new SplittableRandom(8);
        int[][] layouts = {{1, 1, 1}, {3, 5, 1}, {1, 7, 4}, {4, 3, 5}, {2, 800, 130}, {1000, 200, 1}, {3, 300, 300}};
        for (int[] layout : layouts) {
            int outer = layout[0];
            int n = layout[1];
            int inner = layout[2];
            float[] x = new float[outer * n * inner];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextDouble(-1, 1);
            }
            float[] expectedSum = new float[outer * inner];
            float[] expectedMax = new float[outer * inner];
            int[] expectedArgmax = new int[outer * inner];
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    double total = 0;
                    float best = Float.NEGATIVE_INFINITY;
                    for (int k = 0; k < n; k++) {
                        float value = x[(o * n + k) * inner + i];
                        total += value;
                        if (value > best) {
                            best = value;
                            expectedArgmax[o * inner + i] = k;
                        }
                    }
                    expectedSum[o * inner + i] = (float) total;
                    expectedMax[o * inner + i] = best;
                }
            }
            for (int threads = 1; threads <= 3; threads++) {
                Parallel.setThreads(threads);
                String what = "[" + outer + ", " + n + ", " + inner + "] with " + threads + " threads";
                float[] sums = new float[outer * inner];
                Reductions.sum(x, outer, n, inner, sums);
                // Summed in double in index order: exactly the naive double sum, for any split.
                assertArrayEquals(expectedSum, sums, "sum " + what);
                float[] maxima = new float[outer * inner];
                int[] argmax = new int[outer * inner];
                Reductions.max(x, outer, n, inner, maxima, argmax);
                assertArrayEquals(expectedMax, maxima, "max " + what);
                assertArrayEquals(expectedArgmax, argmax, "argmax " + what);
            }
        }
    }
}
