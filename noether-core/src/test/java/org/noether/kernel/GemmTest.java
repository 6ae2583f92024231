package org.noether.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SGEMM against a naive triple loop in double: sizes from 1 to past the cache blocks (KC = 1024
 * along k, NC = 2048 along n), every transpose flag, beta 0 and 1, sub-matrices with offsets and
 * leading dimensions, and bit-identical results for 1, 2 and 3 threads.
 */
class GemmTest {
    private static final int ORIGINAL_THREADS = Parallel.threads();

    /**
     * {m, n, k}: ones, odd sizes, and sizes around the k blocks (at most 1024 deep, cut evenly: 1025
     * is two blocks of 513 and 512), the row block (144 rows for the 6-row kernel) and the column block
     * (2048 columns for 32-wide panels). Products of at most 36 rows per thread read B in place.
     */
    static final int[][] SIZES = {
        {1, 1, 1}, {1, 7, 3}, {5, 1, 9}, {3, 5, 1}, {2, 2, 2}, {17, 13, 11},
        {9, 31, 256}, {6, 11, 257}, {33, 65, 300}, {7, 512, 5}, {7, 513, 19}, {3, 600, 290}, {70, 20, 600},
        {145, 33, 20}, {150, 7, 513}, {5, 2049, 7}, {13, 2100, 40},
        {24, 64, 320}, {12, 96, 1024}, {13, 40, 1025}, {8, 33, 2100}, {20, 20, 3100}, {36, 70, 50}, {37, 64, 9},
    };

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(ORIGINAL_THREADS);
    }

    @Test
    void matchesTheReferenceForAllSizesAndTransposeFlags() {
        SplittableRandom random = new SplittableRandom(1);
        for (int[] size : SIZES) {
            for (boolean transA : new boolean[] {false, true}) {
                for (boolean transB : new boolean[] {false, true}) {
                    for (float beta : new float[] {0f, 1f}) {
                        check(random, size[0], size[1], size[2], transA, transB, beta, 0);
                    }
                }
            }
        }
    }

    @Test
    void subMatricesWithOffsetsAndLeadingDimensionsLeaveTheRestAlone() {
        SplittableRandom random = new SplittableRandom(2);
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                check(random, 5, 6, 7, transA, transB, 0f, 3);
                check(random, 4, 530, 260, transA, transB, 1f, 5);
            }
        }
    }

    @Test
    void betaZeroIgnoresNaNGarbageInC() {
        float[] a = {1, 2, 3, 4};
        float[] b = {5, 6, 7, 8};
        float[] c = {Float.NaN, Float.POSITIVE_INFINITY, Float.NaN, -Float.MAX_VALUE};
        Gemm.sgemm(false, false, 2, 2, 2, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
        assertArrayEquals(new float[] {19, 22, 43, 50}, c);
        float[] empty = {Float.NaN, Float.NaN};
        Gemm.sgemm(false, false, 1, 2, 0, new float[0], 0, 0, new float[0], 0, 2, 0f, empty, 0, 2);
        assertArrayEquals(new float[] {0, 0}, empty, "k = 0 with beta 0 gives zeros");
    }

    @Test
    void aNarrowBReadInPlaceIgnoresWhatLiesPastItsRows() {
        // 12 rows of A (B is read in place) by a 20-wide B stored 25 apart: a panel of B read in
        // place runs past each row into the NaN margin and the next row, in columns never stored.
        int m = 12;
        int n = 20;
        int k = 30;
        int ldb = 25;
        SplittableRandom random = new SplittableRandom(4);
        float[] a = fill(random, m * k);
        float[] b = new float[k * ldb + 40];
        java.util.Arrays.fill(b, Float.NaN);
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                b[p * ldb + j] = (float) random.nextDouble(-1, 1);
            }
        }
        for (float beta : new float[] {0f, 1f}) {
            float[] c = new float[m * n];
            Gemm.sgemm(false, false, m, n, k, a, 0, k, b, 0, ldb, beta, c, 0, n);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double expected = 0;
                    for (int p = 0; p < k; p++) {
                        expected += (double) a[i * k + p] * b[p * ldb + j];
                    }
                    assertEquals(expected, c[i * n + j], 1e-4, "C[" + i + ", " + j + "] with beta " + beta);
                }
            }
        }
    }

    @Test
    void betaOneAccumulatesAndOtherBetasScale() {
        float[] a = {1, 2, 3, 4};
        float[] b = {5, 6, 7, 8};
        float[] c = {1, 1, 1, 1};
        Gemm.sgemm(false, false, 2, 2, 2, a, 0, 2, b, 0, 2, 1f, c, 0, 2);
        assertArrayEquals(new float[] {20, 23, 44, 51}, c);
        Gemm.sgemm(false, false, 2, 2, 2, a, 0, 2, b, 0, 2, 1f, c, 0, 2);
        assertArrayEquals(new float[] {39, 45, 87, 101}, c, "a second call adds again");
        Gemm.sgemm(false, false, 2, 2, 2, a, 0, 2, b, 0, 2, 0.5f, c, 0, 2);
        assertArrayEquals(new float[] {38.5f, 44.5f, 86.5f, 100.5f}, c);
        float[] untouched = {3, 4};
        Gemm.sgemm(false, false, 1, 2, 0, new float[0], 0, 0, new float[0], 0, 2, 1f, untouched, 0, 2);
        assertArrayEquals(new float[] {3, 4}, untouched, "k = 0 with beta 1 leaves C");
    }

    @Test
    void depthIsCutIntoTheFewestEqualBlocks() {
        assertEquals(9, Gemm.blockDepth(9));
        assertEquals(288, Gemm.blockDepth(288), "a 3×3×32 convolution is one block");
        assertEquals(1024, Gemm.blockDepth(1024));
        assertEquals(513, Gemm.blockDepth(1025));
        assertEquals(1024, Gemm.blockDepth(2048));
        assertEquals(683, Gemm.blockDepth(2049));
    }

    @Test
    void resultsAreBitIdenticalForOneTwoAndThreeThreads() {
        SplittableRandom random = new SplittableRandom(3);
        // Tall (rows split over threads) and wide (columns split), both past the blocks; small and
        // deep (blocks of k split over threads, into copies of C added in order: at 20×20, one
        // thread takes the tile path, two and three the block path).
        int[][] shapes = {{37, 530, 270}, {3, 1100, 300}, {64, 64, 64}, {20, 20, 5000}, {9, 32, 3000}};
        for (int[] shape : shapes) {
            for (boolean transA : new boolean[] {false, true}) {
                for (boolean transB : new boolean[] {false, true}) {
                    int m = shape[0];
                    int n = shape[1];
                    int k = shape[2];
                    float[] a = fill(random, m * k);
                    float[] b = fill(random, k * n);
                    float[] start = fill(random, m * n);
                    float[] reference = null;
                    for (int threads = 1; threads <= 3; threads++) {
                        Parallel.setThreads(threads);
                        float[] c = start.clone();
                        Gemm.sgemm(transA, transB, m, n, k, a, 0, transA ? m : k, b, 0, transB ? k : n, 1f, c, 0, n);
                        // and overwriting: C = A·B + 0·C, as a second band of the result
                        float[] overwritten = start.clone();
                        Gemm.sgemm(transA, transB, m, n, k, a, 0, transA ? m : k, b, 0, transB ? k : n, 0f,
                                overwritten, 0, n);
                        c = concat(c, overwritten);
                        if (reference == null) {
                            reference = c;
                        } else if (!Arrays.equals(reference, c)) {
                            fail("sgemm " + m + "×" + n + "×" + k + " transA=" + transA + " transB=" + transB
                                    + " differs between 1 and " + threads + " threads");
                        }
                    }
                }
            }
        }
        assertEquals(3, Parallel.threads());
    }

    @Test
    void largeOperandsAreSharedByTheThreadsAndCutIntoSlabs() {
        // B of 270,400 floats is packed once for the threads splitting 80 rows; B of 4.4 M floats (more than 4 M) is
        // multiplied 1,984 columns at a time, and so is a deep product split by blocks of k (slabs of
        // 32 columns, the second one 8 wide).
        int[][] shapes = {{80, 520, 520}, {7, 2100, 2100}, {20, 40, 110_000}};
        for (int[] shape : shapes) {
            for (boolean transB : new boolean[] {false, true}) {
                float[] reference = null;
                for (int threads = 1; threads <= 3; threads++) {
                    Parallel.setThreads(threads);
                    float[] c = checkedProduct(shape[0], shape[1], shape[2], transB);
                    if (reference == null) {
                        reference = c;
                    } else {
                        assertArrayEquals(reference, c, Arrays.toString(shape) + " transB=" + transB + " on "
                                + threads + " threads");
                    }
                }
            }
        }
    }

    @Test
    void aProductWhosePackingFailsLeavesTheNextOneUnharmed() {
        GemmOperand failing = new GemmOperand() {
            @Override
            public float get(int row, int column) {
                throw new IllegalStateException("unreadable operand");
            }
        };
        float[] a = new float[64 * 600];
        float[] c = new float[64 * 600];
        for (int threads = 1; threads <= 2; threads++) {
            Parallel.setThreads(threads);
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> Gemm.multiply(new StridedMatrix(a, 0, 600, false), failing, 64, 600, 600, 0f, c, 0, 600,
                            null));
            assertEquals("unreadable operand", thrown.getMessage());
            check(new SplittableRandom(5), 64, 600, 600, false, false, 0f, 0);
        }
    }

    /**
     * C = A·op(B) for random operands, every 97th column and the last checked against the reference
     * like {@link #check}; the operands are the same whatever the thread count (seeded by the shape).
     */
    private static float[] checkedProduct(int m, int n, int k, boolean transB) {
        SplittableRandom random = new SplittableRandom(31L * m + 17L * n + k + (transB ? 1 : 0));
        float[] a = fill(random, m * k);
        float[] b = fill(random, k * n);
        float[] c = new float[m * n];
        Gemm.sgemm(false, transB, m, n, k, a, 0, k, b, 0, transB ? k : n, 0f, c, 0, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j = j == n - 1 ? n : Math.min(n - 1, j + 97)) {
                double sum = 0;
                double bound = 0;
                for (int p = 0; p < k; p++) {
                    double product = (double) a[i * k + p] * b[transB ? j * k + p : p * n + j];
                    sum += product;
                    bound += Math.abs(product);
                }
                double tolerance = (k + 1) * 0x1p-23 * bound;
                if (!(Math.abs(c[i * n + j] - sum) <= tolerance)) {
                    fail(m + "×" + n + "×" + k + " transB=" + transB + ": C[" + i + ", " + j + "] = "
                            + c[i * n + j] + ", expected " + sum);
                }
            }
        }
        return c;
    }

    private static float[] concat(float[] first, float[] second) {
        float[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /**
     * Multiplies random operands stored inside larger arrays ({@code margin} extra columns and
     * leading elements) and compares C with the reference; everything outside C's region must keep
     * its sentinel value.
     */
    private static void check(SplittableRandom random, int m, int n, int k, boolean transA, boolean transB,
                              float beta, int margin) {
        int aRows = transA ? k : m;
        int aColumns = transA ? m : k;
        int bRows = transB ? n : k;
        int bColumns = transB ? k : n;
        int lda = aColumns + margin;
        int ldb = bColumns + margin;
        int ldc = n + margin;
        int aOffset = margin * 2;
        int bOffset = margin;
        int cOffset = margin * 3;
        float[] a = fill(random, aOffset + aRows * lda);
        float[] b = fill(random, bOffset + bRows * ldb);
        float[] c = new float[cOffset + m * ldc];
        Arrays.fill(c, -7.25f);
        double[] expected = new double[m * n];
        double[] magnitude = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int cIndex = cOffset + i * ldc + j;
                c[cIndex] = beta == 0 ? Float.NaN : (float) random.nextDouble(-1, 1);
                double sum = beta == 0 ? 0 : c[cIndex];
                double bound = Math.abs(sum);
                for (int p = 0; p < k; p++) {
                    double x = a[aOffset + (transA ? p * lda + i : i * lda + p)];
                    double y = b[bOffset + (transB ? j * ldb + p : p * ldb + j)];
                    sum += x * y;
                    bound += Math.abs(x * y);
                }
                expected[i * n + j] = sum;
                magnitude[i * n + j] = bound;
            }
        }
        float[] aBefore = a.clone();
        float[] bBefore = b.clone();
        Gemm.sgemm(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        String what = "sgemm m=" + m + " n=" + n + " k=" + k + " transA=" + transA + " transB=" + transB
                + " beta=" + beta + " margin=" + margin;
        assertArrayEquals(aBefore, a, what + ": A must not change");
        assertArrayEquals(bBefore, b, what + ": B must not change");
        for (int index = 0; index < c.length; index++) {
            int row = (index - cOffset) / Math.max(ldc, 1);
            int column = (index - cOffset) % Math.max(ldc, 1);
            boolean inside = index >= cOffset && row < m && column < n;
            if (!inside) {
                if (c[index] != -7.25f) {
                    fail(what + ": element " + index + " outside C changed to " + c[index]);
                }
                continue;
            }
            double want = expected[row * n + column];
            // Float accumulation error of a k-term dot product: about k·2⁻²⁴ of the magnitudes.
            double tolerance = (k + 1) * 0x1p-23 * magnitude[row * n + column];
            if (!(Math.abs(c[index] - want) <= tolerance)) {
                fail(what + ": C[" + row + ", " + column + "] = " + c[index] + ", expected " + want);
            }
        }
    }

    private static float[] fill(SplittableRandom random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextDouble(-1, 1);
        }
        return values;
    }
}
