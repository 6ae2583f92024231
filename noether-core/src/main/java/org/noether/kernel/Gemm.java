package org.noether.kernel;

import java.util.Arrays;

/**
 * Single-precision general matrix multiply, row-major: {@code C = op(A)·op(B) + beta·C}, where
 * {@code op(X)} is {@code X} or {@code Xᵀ}.
 *
 * <p>Shapes: {@code op(A)} is {@code [m, k]}, {@code op(B)} is {@code [k, n]}, {@code C} is
 * {@code [m, n]}; {@code lda}, {@code ldb}, {@code ldc} are the row strides of the stored
 * matrices. Backpropagation needs both transposed forms: a dense layer's kernel gradient is
 * {@code xᵀ·g} and its input gradient {@code g·Wᵀ}.
 *
 * <p>The structure is Goto's (as in BLIS and OpenBLAS): a {@code KC×NC} block of {@code op(B)} is
 * packed into column panels {@code NR} wide, an {@code MC×KC} block of {@code op(A)} into row
 * panels {@code MR} high — packing also absorbs the transposes — and a micro-kernel multiplies one
 * {@code MR×KC} panel by one {@code KC×NR} panel into an {@code MR×NR} tile of C held in registers.
 * Ragged edges are packed with zeros; every tile, full or ragged, is computed into a scratch
 * tile and then added to C, so no slow path handles the edges. An operand that few panels of the
 * other use is read in place where its panels are full (B of a product with few rows per thread):
 * packing would cost as much as the multiply. Work is split over {@link Parallel} by whole tiles;
 * every element of C is summed in the same order (fused multiply-adds along k within a block, then
 * added to C) whatever the thread count, the packing and the micro-kernel, so results are
 * bit-identical across all of them. An {@link Epilogue} (a layer's bias and activation) can
 * transform each tile of C once it is complete, while it is still in cache.
 *
 * <pre>{@code Gemm.sgemm(false, true, m, n, k, a, 0, k, b, 0, k, 0f, c, 0, n); // C = A·Bᵀ}</pre>
 */
public final class Gemm {
    private static final MicroKernel KERNEL = MicroKernel.best();
    /**
     * Greatest depth of a block: an MR×KC panel of A and a KC×NR panel of B stay in L1. The depth of
     * k is cut into equal blocks no deeper than this (k = 288, a 3×3×32 convolution, is one block,
     * not 256 + 32 whose short block costs as much to store as to compute). Fixed for every kernel
     * and thread count, since the k blocking decides the order of the sums.
     */
    private static final int KC = 320;
    /** Row panels of A per block: the packed MC×KC block of A stays in L2. */
    private static final int PANELS_PER_A_BLOCK = 24;
    /** Column panels of B per block: the packed KC×NC block of B stays in L2/L3. */
    private static final int PANELS_PER_B_BLOCK = 64;
    /**
     * Up to this many row panels of A per thread, full panels of B are read unpacked. Unpacked rows
     * of B come from L2 rather than L1 (the micro-kernel ran about a third slower), while packing
     * costs a pass over B: the two break even at about seven uses of a panel.
     */
    private static final int IN_PLACE_MAX_PANELS = 6;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private Gemm() {
    }

    /** The micro-kernel in use, e.g. "vector 6x32 (512-bit)" or "scalar 6x32". */
    public static String kernelName() {
        return KERNEL.name();
    }

    /**
     * What is done to each row segment of C once it is complete, while it is still in cache: a
     * layer's bias and activation ({@link ChannelBias#segment}), saving a pass over C.
     */
    @FunctionalInterface
    public interface Epilogue {
        /** Transforms {@code c[offset ..< offset + width]}, the row's columns {@code column ..< column + width}. */
        void apply(float[] c, int offset, int column, int width);
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
        sgemm(KERNEL, transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc, null);
    }

    /** {@link #sgemm} followed by {@code epilogue} on every row segment of C (null: none). */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOffset, int lda,
                             float[] b, int bOffset, int ldb,
                             float beta, float[] c, int cOffset, int ldc, Epilogue epilogue) {
        sgemm(KERNEL, transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc, epilogue);
    }

    /** {@link #sgemm} with a given micro-kernel (tests compare the kernels). */
    static void sgemm(MicroKernel kernel, boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOffset, int lda,
                      float[] b, int bOffset, int ldb,
                      float beta, float[] c, int cOffset, int ldc, Epilogue epilogue) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            scale(m, n, beta, c, cOffset, ldc);
            if (epilogue != null) {
                for (int i = 0; i < m; i++) {
                    epilogue.apply(c, cOffset + i * ldc, 0, n);
                }
            }
            return;
        }
        // With beta = 0 the first block of k writes C instead of adding to it: no pass to clear C.
        boolean overwrite = beta == 0f;
        if (!overwrite) {
            scale(m, n, beta, c, cOffset, ldc);
        }
        Operand left = new Operand(a, aOffset, lda, transA);
        Operand right = new Operand(b, bOffset, ldb, transB);
        int mr = kernel.rows();
        int nr = kernel.columns();
        int rowTiles = (m + mr - 1) / mr;
        int columnTiles = (n + nr - 1) / nr;
        long work = 2L * m * n * k;
        // Split the dimension with more tiles, so that each thread gets whole tiles of C.
        if (rowTiles >= columnTiles || rowTiles >= 4 * Parallel.threads()) {
            Parallel.forRange(rowTiles, work, (from, to) -> multiply(kernel, left, right, from * mr,
                    Math.min(m, to * mr), 0, n, k, overwrite, c, cOffset, ldc, epilogue));
        } else {
            Parallel.forRange(columnTiles, work, (from, to) -> multiply(kernel, left, right, 0, m, from * nr,
                    Math.min(n, to * nr), k, overwrite, c, cOffset, ldc, epilogue));
        }
    }

    private static void scale(int m, int n, float beta, float[] c, int cOffset, int ldc) {
        if (beta == 1f) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int row = cOffset + i * ldc;
            if (beta == 0f) {
                Arrays.fill(c, row, row + n, 0f);
            } else {
                for (int j = 0; j < n; j++) {
                    c[row + j] *= beta;
                }
            }
        }
    }

    /** A stored matrix and whether it is used transposed: element (i, j) of op(X). */
    private record Operand(float[] data, int offset, int stride, boolean transposed) {
        int index(int row, int column) {
            return transposed ? offset + column * stride + row : offset + row * stride + column;
        }
    }

    /**
     * Accumulates rows {@code [rowFrom, rowTo)} and columns {@code [columnFrom, columnTo)} of C; with
     * {@code overwrite} the first block of k writes them instead (C's old values are ignored).
     */
    private static void multiply(MicroKernel kernel, Operand a, Operand b, int rowFrom, int rowTo, int columnFrom,
                                 int columnTo, int k, boolean overwrite, float[] c, int cOffset, int ldc,
                                 Epilogue epilogue) {
        int mr = kernel.rows();
        int nr = kernel.columns();
        int mc = mr * PANELS_PER_A_BLOCK;
        int nc = nr * PANELS_PER_B_BLOCK;
        Workspace workspace = WORKSPACE.get();
        float[] tile = workspace.tile(mr * nr);
        for (int j0 = columnFrom; j0 < columnTo; j0 += nc) {
            int width = Math.min(nc, columnTo - j0);
            int blockDepth = blockDepth(k);
            for (int p0 = 0; p0 < k; p0 += blockDepth) {
                int depth = Math.min(blockDepth, k - p0);
                // Where few rows of A use B (a dense layer's batch or a convolution's kernel gradient,
                // split over threads) its full panels are read in place. Transposed B is always packed.
                boolean bInPlace = !b.transposed() && rowTo - rowFrom <= IN_PLACE_MAX_PANELS * mr;
                int fullColumns = bInPlace ? width / nr * nr : 0;
                float[] packedB = workspace.packedB(depth * roundUp(width - fullColumns, nr));
                packB(b, p0, depth, j0 + fullColumns, width - fullColumns, nr, packedB);
                for (int i0 = rowFrom; i0 < rowTo; i0 += mc) {
                    int height = Math.min(mc, rowTo - i0);
                    float[] packedA = workspace.packedA(depth * roundUp(height, mr));
                    packA(a, i0, height, p0, depth, mr, packedA);
                    for (int jr = 0; jr < width; jr += nr) {
                        int tileWidth = Math.min(nr, width - jr);
                        for (int ir = 0; ir < height; ir += mr) {
                            int tileHeight = Math.min(mr, height - ir);
                            if (jr < fullColumns) {
                                kernel.multiply(depth, packedA, ir * depth, b.data(), b.index(p0, j0 + jr), b.stride(),
                                        tile);
                            } else {
                                kernel.multiply(depth, packedA, ir * depth, packedB, (jr - fullColumns) * depth, nr,
                                        tile);
                            }
                            storeTile(tile, nr, overwrite && p0 == 0, c, cOffset + (i0 + ir) * ldc + j0 + jr, ldc,
                                    tileHeight, tileWidth);
                            if (epilogue != null && p0 + depth == k) {
                                for (int i = 0; i < tileHeight; i++) {
                                    epilogue.apply(c, cOffset + (i0 + ir + i) * ldc + j0 + jr, j0 + jr, tileWidth);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** Adds (or with {@code overwrite} copies) the valid {@code height × width} part of a tile to C. */
    private static void storeTile(float[] tile, int nr, boolean overwrite, float[] c, int cOffset, int ldc,
                                  int height, int width) {
        for (int i = 0; i < height; i++) {
            int row = cOffset + i * ldc;
            int source = i * nr;
            if (overwrite) {
                System.arraycopy(tile, source, c, row, width);
            } else {
                for (int j = 0; j < width; j++) {
                    c[row + j] += tile[source + j];
                }
            }
        }
    }

    /**
     * Packs {@code op(A)[i0 : i0+height, p0 : p0+depth]} as row panels: panel {@code r} holds rows
     * {@code r·rowsPerPanel ..} and stores, for each p, their values in column p (zero beyond the last row).
     */
    private static void packA(Operand a, int i0, int height, int p0, int depth, int rowsPerPanel, float[] packed) {
        float[] data = a.data();
        for (int panel = 0; panel * rowsPerPanel < height; panel++) {
            int base = panel * rowsPerPanel * depth;
            int rows = Math.min(rowsPerPanel, height - panel * rowsPerPanel);
            int row0 = i0 + panel * rowsPerPanel;
            if (rows == 6 && rowsPerPanel == 6) {
                packSixRows(a, row0, p0, depth, packed, base);
            } else if (a.transposed()) {
                // Stored column-major for this operand: the panel's rows are contiguous for each p.
                for (int p = 0; p < depth; p++) {
                    int source = a.index(row0, p0 + p);
                    int target = base + p * rowsPerPanel;
                    System.arraycopy(data, source, packed, target, rows);
                    for (int r = rows; r < rowsPerPanel; r++) {
                        packed[target + r] = 0f;
                    }
                }
            } else {
                for (int r = 0; r < rowsPerPanel; r++) {
                    if (r >= rows) {
                        for (int p = 0; p < depth; p++) {
                            packed[base + p * rowsPerPanel + r] = 0f;
                        }
                        continue;
                    }
                    int source = a.index(row0 + r, p0);
                    for (int p = 0; p < depth; p++) {
                        packed[base + p * rowsPerPanel + r] = data[source + p];
                    }
                }
            }
        }
    }

    /**
     * A full panel of six rows (the micro-kernels' height), written in order with one statement per
     * row: the general loops above leave a strided store or an array copy of a few floats per value,
     * which made packing cost as much as the multiply for the tall, thin products of convolutions.
     */
    private static void packSixRows(Operand a, int row0, int p0, int depth, float[] packed, int base) {
        float[] data = a.data();
        // Element (row0 + r, p0 + p) is at start + r·rowStep + p·depthStep.
        int start = a.index(row0, p0);
        int rowStep = a.transposed() ? 1 : a.stride();
        int depthStep = a.transposed() ? a.stride() : 1;
        int r1 = start + rowStep;
        int r2 = r1 + rowStep;
        int r3 = r2 + rowStep;
        int r4 = r3 + rowStep;
        int r5 = r4 + rowStep;
        for (int p = 0, offset = 0, target = base; p < depth; p++, offset += depthStep, target += 6) {
            packed[target] = data[start + offset];
            packed[target + 1] = data[r1 + offset];
            packed[target + 2] = data[r2 + offset];
            packed[target + 3] = data[r3 + offset];
            packed[target + 4] = data[r4 + offset];
            packed[target + 5] = data[r5 + offset];
        }
    }

    /**
     * Packs {@code op(B)[p0 : p0+depth, j0 : j0+width]} as column panels: panel {@code q} holds
     * columns {@code q·columnsPerPanel ..} and stores, for each p, their values in row p (zero beyond the last column).
     */
    private static void packB(Operand b, int p0, int depth, int j0, int width, int columnsPerPanel, float[] packed) {
        for (int panel = 0; panel * columnsPerPanel < width; panel++) {
            int base = panel * columnsPerPanel * depth;
            int columns = Math.min(columnsPerPanel, width - panel * columnsPerPanel);
            int column0 = j0 + panel * columnsPerPanel;
            for (int p = 0; p < depth; p++) {
                int target = base + p * columnsPerPanel;
                if (!b.transposed()) {
                    System.arraycopy(b.data(), b.index(p0 + p, column0), packed, target, columns);
                } else {
                    for (int j = 0; j < columns; j++) {
                        packed[target + j] = b.data()[b.index(p0 + p, column0 + j)];
                    }
                }
                if (columns < columnsPerPanel) {
                    Arrays.fill(packed, target + columns, target + columnsPerPanel, 0f);
                }
            }
        }
    }

    /** The depth of each block of k: {@code k} cut into the fewest equal blocks no deeper than KC. */
    static int blockDepth(int k) {
        int blocks = (k + KC - 1) / KC;
        return (k + blocks - 1) / blocks;
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    /** Per-thread packing buffers, grown on demand and reused: a steady state allocates nothing. */
    private static final class Workspace {
        private float[] packedA = new float[0];
        private float[] packedB = new float[0];
        private float[] tile = new float[0];

        float[] packedA(int size) {
            if (packedA.length < size) {
                packedA = new float[size];
            }
            return packedA;
        }

        float[] tile(int size) {
            if (tile.length < size) {
                tile = new float[size];
            }
            return tile;
        }

        float[] packedB(int size) {
            if (packedB.length < size) {
                packedB = new float[size];
            }
            return packedB;
        }
    }
}
