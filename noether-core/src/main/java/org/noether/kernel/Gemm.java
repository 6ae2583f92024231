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
 * Ragged edges are packed with zeros; a tile is computed into a scratch tile and then added to C
 * (or, whole and overwriting, stored into C directly), so no slow path handles the edges. Operands
 * need not be stored matrices ({@link GemmOperand}: a convolution's patches are gathered as they
 * are packed). An operand whose panels have few uses is read in place (B where its panels are full
 * and each thread has few rows, the rows of a stored A multiplied by a narrow B): packing would
 * cost more than it saves. Work is split over {@link Parallel} by whole tiles, or, for a product
 * with few tiles and a deep k, by whole blocks of k. A large B is packed once for all threads
 * ({@link PackedB}: each panel by the first thread to need it), a small one by each thread for
 * itself, and B beyond 16 MB packed is multiplied a slab of columns at a time. Every element of C
 * is summed in the same order (fused multiply-adds along k within a block, then the blocks added to
 * C in order) whatever the thread count, the split, the packing and the micro-kernel, so results
 * are bit-identical across all of them. An {@link Epilogue} (a layer's bias and activation) can
 * transform each block of C once it is complete, while it is still in cache.
 *
 * <pre>{@code Gemm.sgemm(false, true, m, n, k, a, 0, k, b, 0, k, 0f, c, 0, n); // C = A·Bᵀ}</pre>
 */
public final class Gemm {
    private static final MicroKernel KERNEL = MicroKernel.best();
    /** For products no wider than its tile, a narrower kernel where the machine has one, else null. */
    private static final MicroKernel NARROW_KERNEL = MicroKernel.narrow();
    /**
     * Greatest depth of a block. Each block of k adds every tile of C to C once more, and those
     * passes, not the micro-kernel, bounded large products: C's rows lie a page apart and miss the
     * cache, so with blocks 256 deep one thread reached 73 GFLOP/s of a 112 peak on n = 1024, with
     * 1024 deep 100 (Zen 4). The KC×NR panel of B then comes from L2, which still keeps the FMAs fed
     * (the micro-kernel runs at peak with a 40 KB panel on a 32 KB L1). The depth of k is cut into
     * equal blocks no deeper than this, fixed for every kernel and thread count, since the k
     * blocking decides the order of the sums.
     */
    private static final int KC = 1024;
    /** Row panels of A per block: the packed MC×KC block of A (576 KB at full depth) stays in L2. */
    private static final int PANELS_PER_A_BLOCK = 24;
    /** Column panels of B per block: the packed KC×NC block of B stays in L2/L3. */
    private static final int PANELS_PER_B_BLOCK = 64;
    /**
     * Most floats of B packed at once, shared by the threads (16 MB: n = k = 2048 in one piece);
     * wider products are multiplied a slab of columns at a time.
     */
    private static final int SHARED_B_FLOATS = 1 << 22;
    /**
     * Fewest floats of B that the threads splitting the rows share: a smaller B (it fits in L2)
     * each packs for itself, as a copy in its own cache is read faster than panels another core wrote.
     */
    private static final int SHARED_B_MIN_FLOATS = 1 << 18;
    /**
     * Up to this many row panels of A per thread, full panels of B are read unpacked. Unpacked rows
     * of B come from L2 rather than L1 (the micro-kernel ran about a third slower), while packing
     * costs a pass over B: the two break even at about seven uses of a panel.
     */
    private static final int IN_PLACE_MAX_PANELS = 6;

    /** Most floats of per-block copies of C that a product split along k may use. */
    private static final int MAX_PARTIAL_PRODUCTS = 1 << 20;

    /**
     * Per-thread buffers: packed A, a tile, per-block copies of C, and for panels of A
     * read in place their row terms and which they are.
     */
    private static final ThreadBuffer<float[]> PACKED_A = ThreadBuffer.floats();
    private static final ThreadBuffer<float[]> TILE = ThreadBuffer.floats();
    private static final ThreadBuffer<float[]> PARTIALS = ThreadBuffer.floats();
    private static final ThreadBuffer<int[]> ROW_OFFSETS = ThreadBuffer.ints();
    private static final ThreadBuffer<boolean[]> GATHERED_PANELS = ThreadBuffer.booleans();

    private Gemm() {
    }

    /** The micro-kernels in use: "vector 6x32 (512-bit), up to 16 columns vector 12x16 (512-bit)". */
    public static String kernelName() {
        return NARROW_KERNEL == null ? KERNEL.name()
                : KERNEL.name() + ", up to " + NARROW_KERNEL.columns() + " columns " + NARROW_KERNEL.name();
    }

    /**
     * What is done to each block of C once it is complete, while it is still in cache: a layer's
     * bias and activation ({@link ChannelBias#block}), saving a pass over C. Blocks are a column
     * panel of a block of rows (up to 144 × 32 with the 6×32 kernel): one call per tile row cost as
     * much as the product for the 9-deep first convolution.
     */
    @FunctionalInterface
    public interface Epilogue {
        /**
         * Transforms the {@code rows × width} block of C at {@code c[offset]} whose rows are
         * {@code rowStride} apart: columns {@code column ..< column + width} of C.
         */
        void apply(float[] c, int offset, int rowStride, int rows, int column, int width);
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
        sgemm(kernelFor(n), transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc, null);
    }

    /** {@link #sgemm} followed by {@code epilogue} on every block of C (null: none). */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOffset, int lda,
                             float[] b, int bOffset, int ldb,
                             float beta, float[] c, int cOffset, int ldc, Epilogue epilogue) {
        sgemm(kernelFor(n), transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc,
                epilogue);
    }

    /** {@link #sgemm} with a given micro-kernel (tests compare the kernels). */
    static void sgemm(MicroKernel kernel, boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOffset, int lda,
                      float[] b, int bOffset, int ldb,
                      float beta, float[] c, int cOffset, int ldc, Epilogue epilogue) {
        multiply(kernel, new StridedMatrix(a, aOffset, lda, transA), new StridedMatrix(b, bOffset, ldb, transB),
                m, n, k, beta, c, cOffset, ldc, epilogue);
    }

    /**
     * {@code C = A·B + beta·C} for operands that need not be stored matrices, such as a
     * convolution's patches ({@link ConvPatches}): {@code a} is {@code [m, k]}, {@code b} {@code [k, n]}.
     */
    static void multiply(GemmOperand a, GemmOperand b, int m, int n, int k, float beta, float[] c, int cOffset,
                         int ldc, Epilogue epilogue) {
        multiply(kernelFor(n), a, b, m, n, k, beta, c, cOffset, ldc, epilogue);
    }

    /** The kernel for a product {@code n} columns wide: the narrow one where its tile covers them all. */
    static MicroKernel kernelFor(int n) {
        return isNarrow(n) ? NARROW_KERNEL : KERNEL;
    }

    /** Whether a product {@code n} columns wide is computed by the narrow kernel. */
    static boolean isNarrow(int n) {
        return NARROW_KERNEL != null && n <= NARROW_KERNEL.columns();
    }

    private static void multiply(MicroKernel kernel, GemmOperand left, GemmOperand right, int m, int n, int k,
                                 float beta, float[] c, int cOffset, int ldc, Epilogue epilogue) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            scale(m, n, beta, c, cOffset, ldc);
            if (epilogue != null) {
                epilogue.apply(c, cOffset, ldc, m, 0, n);
            }
            return;
        }
        // With beta = 0 the first block of k writes C instead of adding to it: no pass to clear C.
        boolean overwrite = beta == 0f;
        if (!overwrite) {
            scale(m, n, beta, c, cOffset, ldc);
        }
        int nr = kernel.columns();
        int slabWidth = Math.max(nr, SHARED_B_FLOATS / k / nr * nr);
        for (int j0 = 0; j0 < n; j0 += slabWidth) {
            int width = Math.min(slabWidth, n - j0);
            PackedB packedB = PackedB.begin(right, k, blockDepth(k), j0, width, nr);
            try {
                multiplySlab(kernel, left, right, packedB, m, j0, width, k, overwrite, c, cOffset, ldc, epilogue);
            } finally {
                packedB.end();
            }
        }
    }

    /** The product's columns {@code j0 ..< j0 + width}, whose B is packed once into {@code packedB}. */
    private static void multiplySlab(MicroKernel kernel, GemmOperand left, GemmOperand right, PackedB packedB, int m,
                                     int j0, int width, int k, boolean overwrite, float[] c, int cOffset, int ldc,
                                     Epilogue epilogue) {
        int mr = kernel.rows();
        int nr = kernel.columns();
        int threads = Parallel.threads();
        int rowTiles = (m + mr - 1) / mr;
        int columnTiles = (width + nr - 1) / nr;
        int blockDepth = blockDepth(k);
        int depthBlocks = (k + blockDepth - 1) / blockDepth;
        long work = 2L * m * width * k;
        // Where few row panels of A per thread use each panel of B (a dense layer's batch, a
        // convolution's kernel gradient) B is read in place. Transposed B is always packed.
        StridedMatrix inPlace = right instanceof StridedMatrix stored && !stored.transposed()
                && (rowTiles + threads - 1) / threads <= IN_PLACE_MAX_PANELS ? stored : null;
        Product product = new Product(kernel, left, inPlace, m, blockDepth, overwrite, c, cOffset, ldc,
                epilogue);
        if (rowTiles * columnTiles < 4 * threads && depthBlocks > 1
                && (long) depthBlocks * m * width <= MAX_PARTIAL_PRODUCTS) {
            multiplyByDepthBlocks(product, packedB, m, j0, width, k, depthBlocks);
        } else if (rowTiles >= columnTiles || rowTiles >= 4 * threads) {
            // Split the dimension with more tiles, so that each thread gets whole tiles of C. A large
            // B is packed once for all threads; a small one each thread packs for itself.
            boolean shareB = (long) k * width >= SHARED_B_MIN_FLOATS;
            // A thread that finishes early takes blocks of rows from the end of the other's range.
            Parallel.forRange(rowTiles, PANELS_PER_A_BLOCK, work, (from, to) -> multiplyBlock(product,
                    shareB ? packedB : packedB.ownCopy(), from * mr, Math.min(m, to * mr), j0, j0 + width, 0, k));
        } else {
            Parallel.forRange(columnTiles, work, (from, to) -> multiplyBlock(product, packedB, 0, m, j0 + from * nr,
                    j0 + Math.min(width, to * nr), 0, k));
        }
    }

    /**
     * A product with few tiles of C but several blocks of k (a small layer's kernel gradient over a
     * large batch, {@code 20×20×10000}): the threads take blocks of k instead of tiles, each block's
     * product into its own copy of C, and the copies are then added to C in block order — the same
     * additions in the same order as the tile-by-tile path, so the result does not change.
     */
    private static void multiplyByDepthBlocks(Product product, PackedB packedB, int m, int j0, int width, int k,
                                              int depthBlocks) {
        int blockDepth = product.blockDepth();
        int size = m * width;
        float[] partials = PARTIALS.atLeast(depthBlocks * size);
        Parallel.forRange(depthBlocks, 1, 2L * m * width * k, (from, to) -> {
            for (int block = from; block < to; block++) {
                int depthFrom = block * blockDepth;
                // Offset by -j0: the slab's columns j0.. land at column 0 of each copy.
                multiplyBlock(product.into(partials, block * size - j0, width), packedB, 0, m, j0, j0 + width,
                        depthFrom, Math.min(k, depthFrom + blockDepth));
            }
        });
        for (int block = 0; block < depthBlocks; block++) {
            addBlock(partials, block * size, width, product.overwrite() && block == 0, product.c(),
                    product.cOffset() + j0, product.ldc(), m, width);
        }
        if (product.epilogue() != null) {
            product.epilogue().apply(product.c(), product.cOffset() + j0, product.ldc(), m, j0, width);
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

    /**
     * Adds the product over depths {@code [depthFrom, depthTo)} (blocks of the product's block depth)
     * to rows {@code [rowFrom, rowTo)} and columns {@code [columnFrom, columnTo)} of C; with
     * {@code overwrite} the first block writes them instead (C's old values are ignored). Each block
     * of B is gone through from the panel as far along its columns as {@code rowFrom} is along the
     * rows of C, so that threads splitting the rows, starting together, pack different panels.
     */
    private static void multiplyBlock(Product product, PackedB packedB, int rowFrom, int rowTo, int columnFrom,
                                      int columnTo, int depthFrom, int depthTo) {
        MicroKernel kernel = product.kernel();
        GemmOperand a = product.a();
        StridedMatrix inPlace = product.inPlace();
        float[] c = product.c();
        int cOffset = product.cOffset();
        int ldc = product.ldc();
        int mr = kernel.rows();
        int nr = kernel.columns();
        int mc = mr * PANELS_PER_A_BLOCK;
        int nc = nr * PANELS_PER_B_BLOCK;
        float[] tile = TILE.atLeast(mr * nr);
        GemmOperand.Gathered gathered = a.gathered(depthTo, (columnTo - columnFrom + nr - 1) / nr);
        boolean unitSteps = gathered != null && gathered.columnOffsets() == null;
        for (int j0 = columnFrom; j0 < columnTo; j0 += nc) {
            int width = Math.min(nc, columnTo - j0);
            int panels = (width + nr - 1) / nr;
            int firstPanel = (int) ((long) rowFrom * panels / product.rows());
            for (int p0 = depthFrom; p0 < depthTo; p0 += product.blockDepth()) {
                int depth = Math.min(product.blockDepth(), depthTo - p0);
                int inPlaceColumns = inPlace != null ? inPlace.inPlaceWidth(p0 + depth - 1, j0, width, nr) : 0;
                boolean first = product.overwrite() && p0 == depthFrom;
                for (int i0 = rowFrom; i0 < rowTo; i0 += mc) {
                    int height = Math.min(mc, rowTo - i0);
                    float[] packedA = PACKED_A.atLeast(depth * roundUp(height, mr));
                    int[] rowOffsets = ROW_OFFSETS.atLeast(roundUp(height, mr));
                    boolean[] gatheredPanels = GATHERED_PANELS.atLeast(height / mr + 1);
                    prepareA(a, gathered != null, i0, height, p0, depth, mr, packedA, rowOffsets, gatheredPanels);
                    for (int panel = 0; panel < panels; panel++) {
                        int jr = (firstPanel + panel) % panels * nr;
                        int tileWidth = Math.min(nr, width - jr);
                        boolean bStored = jr < inPlaceColumns;
                        float[] bData = bStored ? inPlace.data() : packedB.data();
                        int bIndex = bStored ? inPlace.index(p0, j0 + jr) : packedB.panel(p0, j0 + jr);
                        int bDepthStep = bStored ? inPlace.stride() : nr;
                        for (int ir = 0; ir < height; ir += mr) {
                            int tileHeight = Math.min(mr, height - ir);
                            // A whole tile that overwrites C is written to C directly; the rest go
                            // through the tile buffer, which is added to C or copied where it fits.
                            boolean direct = first && tileHeight == mr && tileWidth == nr;
                            int cTile = cOffset + (i0 + ir) * ldc + j0 + jr;
                            float[] out = direct ? c : tile;
                            int outOffset = direct ? cTile : 0;
                            int outStride = direct ? ldc : nr;
                            if (gatheredPanels[ir / mr] && unitSteps) {
                                kernel.multiplyRows(depth, gathered.source(), rowOffsets, ir, p0, bData, bIndex,
                                        bDepthStep, out, outOffset, outStride);
                            } else if (gatheredPanels[ir / mr]) {
                                kernel.multiplyGathered(depth, gathered.source(), rowOffsets, ir,
                                        gathered.columnOffsets(), p0, bData, bIndex, bDepthStep, out, outOffset,
                                        outStride);
                            } else {
                                kernel.multiply(depth, packedA, ir * depth, bData, bIndex, bDepthStep, out, outOffset,
                                        outStride);
                            }
                            if (!direct) {
                                addBlock(tile, 0, nr, first, c, cTile, ldc, tileHeight, tileWidth);
                            }
                        }
                        if (product.epilogue() != null && p0 + depth == depthTo) {
                            product.epilogue().apply(c, cOffset + i0 * ldc + j0 + jr, ldc, height, j0 + jr,
                                    tileWidth);
                        }
                    }
                }
            }
        }
    }

    /**
     * What stays the same over one product's blocks: the kernel, A, B where it is read in place, the
     * number of rows of C, C itself and what is done to its blocks.
     */
    private record Product(MicroKernel kernel, GemmOperand a, StridedMatrix inPlace, int rows,
                           int blockDepth, boolean overwrite, float[] c, int cOffset, int ldc, Epilogue epilogue) {
        /** The same product written, without epilogue, into another array (a depth block's own copy of C). */
        Product into(float[] copy, int copyOffset, int copyStride) {
            return new Product(kernel, a, inPlace, rows, blockDepth, true, copy, copyOffset, copyStride, null);
        }
    }

    /**
     * Adds (or with {@code overwrite} copies) a {@code height × width} block, whose rows start
     * {@code blockStride} apart from {@code block[blockOffset]}, to C: a tile's valid part, or a
     * block of k's copy of C.
     */
    private static void addBlock(float[] block, int blockOffset, int blockStride, boolean overwrite, float[] c,
                                 int cOffset, int ldc, int height, int width) {
        for (int i = 0; i < height; i++) {
            int row = cOffset + i * ldc;
            int source = blockOffset + i * blockStride;
            if (overwrite) {
                System.arraycopy(block, source, c, row, width);
            } else {
                for (int j = 0; j < width; j++) {
                    c[row + j] += block[source + j];
                }
            }
        }
    }

    /**
     * Readies the row panels of {@code op(A)[i0 : i0+height, p0 : p0+depth]}, {@code rowsPerPanel}
     * high: each is read in place where the operand allows it ({@code gatheredPanels}, with its row
     * terms in {@code rowOffsets}), else packed.
     */
    private static void prepareA(GemmOperand a, boolean gathers, int i0, int height, int p0, int depth,
                                 int rowsPerPanel, float[] packed, int[] rowOffsets, boolean[] gatheredPanels) {
        for (int row = 0; row < height; row += rowsPerPanel) {
            int rows = Math.min(rowsPerPanel, height - row);
            boolean inPlace = gathers && a.gatherRows(i0 + row, rows, rowsPerPanel, rowOffsets, row);
            gatheredPanels[row / rowsPerPanel] = inPlace;
            if (!inPlace) {
                a.packRows(i0 + row, rows, p0, depth, rowsPerPanel, packed, row * depth);
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
}
