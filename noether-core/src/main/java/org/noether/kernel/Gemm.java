package org.noether.kernel;

/**
 * Single-precision general matrix multiply, row-major: {@code C = op(A)·op(B) + beta·C}, where
 * {@code op(X)} is {@code X} or {@code Xᵀ}.
 *
 * <p>Shapes: {@code op(A)} is {@code [m, k]}, {@code op(B)} is {@code [k, n]}, {@code C} is
 * {@code [m, n]}; {@code lda}, {@code ldb}, {@code ldc} are the row strides of the stored
 * matrices. Backpropagation needs both transposed forms: a dense layer's kernel gradient is
 * {@code xᵀ·g} and its input gradient {@code g·Wᵀ}.
 *
 * <p>Blocked for the caches: a {@code KC×NC} panel of {@code op(B)} is packed into a contiguous
 * buffer (which also turns a transposed {@code B} into the plain layout), then each row of C
 * accumulates {@code a(i,p)·B(p,·)} along contiguous memory, a loop the JIT vectorizes. Rows are
 * split over {@link Parallel}; each element's sum runs in the same order for any thread count.
 *
 * <pre>{@code Gemm.sgemm(false, true, m, n, k, a, 0, k, b, 0, k, 0f, c, 0, n); // C = A·Bᵀ}</pre>
 */
public final class Gemm {
    private static final int KC = 256;
    private static final int NC = 512;

    private static final ThreadLocal<float[]> PACKED_B = ThreadLocal.withInitial(() -> new float[KC * NC]);

    private Gemm() {
    }

    /**
     * Computes {@code C = op(A)·op(B) + beta·C} on the given regions of the arrays.
     *
     * @param beta 0 to overwrite C (its old contents are ignored, even NaN), 1 to accumulate into it
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOffset, int lda,
                             float[] b, int bOffset, int ldb,
                             float beta, float[] c, int cOffset, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        scale(m, n, beta, c, cOffset, ldc);
        if (k == 0) {
            return;
        }
        long work = 2L * m * n * k;
        if (m >= n || m >= Parallel.threads() * 4) {
            Parallel.forRange(m, work, (rowFrom, rowTo) -> multiplyBlock(transA, transB, rowFrom, rowTo, 0, n, k,
                    a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc));
        } else {
            // Few rows and many columns (a batch of a few samples): split the columns instead.
            Parallel.forRange(n, work, (columnFrom, columnTo) -> multiplyBlock(transA, transB, 0, m, columnFrom,
                    columnTo, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc));
        }
    }

    private static void scale(int m, int n, float beta, float[] c, int cOffset, int ldc) {
        if (beta == 1f) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int row = cOffset + i * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, row, row + n, 0f);
            } else {
                for (int j = 0; j < n; j++) {
                    c[row + j] *= beta;
                }
            }
        }
    }

    /** Accumulates rows {@code [rowFrom, rowTo)} and columns {@code [columnFrom, columnTo)} of C. */
    private static void multiplyBlock(boolean transA, boolean transB, int rowFrom, int rowTo,
                                      int columnFrom, int columnTo, int k,
                                      float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                                      float[] c, int cOffset, int ldc) {
        float[] packed = PACKED_B.get();
        for (int j0 = columnFrom; j0 < columnTo; j0 += NC) {
            int width = Math.min(NC, columnTo - j0);
            for (int p0 = 0; p0 < k; p0 += KC) {
                int depth = Math.min(KC, k - p0);
                packB(transB, b, bOffset, ldb, p0, depth, j0, width, packed);
                for (int i = rowFrom; i < rowTo; i++) {
                    int cRow = cOffset + i * ldc + j0;
                    for (int p = 0; p < depth; p++) {
                        float aValue = transA ? a[aOffset + (p0 + p) * lda + i] : a[aOffset + i * lda + p0 + p];
                        if (aValue == 0f) {
                            continue; // ReLU activations and one-hot inputs are often exactly zero
                        }
                        axpy(aValue, packed, p * width, c, cRow, width);
                    }
                }
            }
        }
    }

    /** {@code y[yOffset + j] += alpha · x[xOffset + j]} for {@code j < length}. */
    private static void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int length) {
        for (int j = 0; j < length; j++) {
            y[yOffset + j] += alpha * x[xOffset + j];
        }
    }

    /** Copies {@code op(B)[p0 : p0+depth, j0 : j0+width]} row-major into {@code packed}. */
    private static void packB(boolean transB, float[] b, int bOffset, int ldb,
                              int p0, int depth, int j0, int width, float[] packed) {
        if (!transB) {
            for (int p = 0; p < depth; p++) {
                System.arraycopy(b, bOffset + (p0 + p) * ldb + j0, packed, p * width, width);
            }
        } else {
            for (int j = 0; j < width; j++) {
                int source = bOffset + (j0 + j) * ldb + p0;
                for (int p = 0; p < depth; p++) {
                    packed[p * width + j] = b[source + p];
                }
            }
        }
    }
}
