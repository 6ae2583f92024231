package org.noether.kernel;

/**
 * The innermost loop of {@link Gemm}: {@code tile = A_panel · B_panel} for one
 * {@code rows() × columns()} tile, where the A panel stores {@code rows()} values per step of k
 * and the B panel {@code columns()} values per step of k.
 *
 * <p>Each element accumulates {@code Σ_p a_p·b_p} with fused multiply-adds in p order, starting
 * from zero, and is then added to C: every implementation gives bit-identical results. A kernel
 * never adds to C itself: with C's loads and stores after the loop, the JIT's code for the Vector
 * API loop ran at a quarter of the speed (65 against 250 GFLOP/s on one core). It writes its tile
 * to a small buffer that {@link Gemm} adds to C (which also makes ragged edge tiles one path), or,
 * for a whole tile that overwrites C, stores it into C directly: for the 9-deep first convolution
 * the detour through the buffer cost a fifth of the product. Narrow tiles take the buffer, not
 * masked stores: with twelve masked stores the kernel was too large for C1's register allocator,
 * so it never reached C2 and ran a hundred times slower.
 */
interface MicroKernel {
    /** Tile height. */
    int rows();

    /** Tile width. */
    int columns();

    /** For reports, e.g. "vector 6x32 (512-bit)". */
    String name();

    /**
     * Writes the product of a packed A panel and a B panel (depth {@code depth}) into a
     * {@code rows() × columns()} block of {@code out} whose rows start {@code outStride} apart from
     * {@code outOffset}: a tile buffer that {@link Gemm} then adds to C, or C itself where the tile
     * is whole and overwrites C. Row p of the B panel is the {@code columns()} values from
     * {@code b[bOffset + p·bDepthStep]}: {@code columns()} apart when packed, {@code ldb} apart when
     * read in place.
     */
    void multiply(int depth, float[] packedA, int aOffset, float[] b, int bOffset, int bDepthStep, float[] out,
                  int outOffset, int outStride);

    /**
     * {@link #multiply} with the A panel read where it lies instead of packed: element
     * {@code (r, p)} is {@code a[rowOffsets[rowAt + r] + columnOffsets[columnAt + p]]}, for an
     * operand whose elements are a row term plus a column term, such as a convolution's patches
     * (a window's origin plus a tap's offset, {@link GemmOperand#gatherRows}). The image is small
     * enough to stay in cache, so the kernel runs near its peak, and the panel is never copied:
     * packing six windows' patches cost the forward convolution a quarter of its time.
     *
     * <p>A second loop rather than one kernel for both: with the table lookup and the six
     * variable offsets, the packed products (every dense layer and stored matrix) ran 6–20%
     * slower.
     */
    void multiplyGathered(int depth, float[] a, int[] rowOffsets, int rowAt, int[] columnOffsets, int columnAt,
                          float[] b, int bOffset, int bDepthStep, float[] out, int outOffset, int outStride);

    /**
     * {@link #multiply} with the A panel read in place from rows of a stored matrix: element
     * {@code (r, p)} is {@code a[rowOffsets[rowAt + r] + column0 + p]}. A unit step along k, unlike
     * the table of {@link #multiplyGathered}, lets the JIT check the rows' bounds once per call
     * rather than per load: the loop runs within about 5% of the packed one, and a product whose
     * panels of A are used a few times saves packing them (a sixth of a 25088×64×576 product). A
     * loop of its own: as a branch on a null table inside the gathered loop (one the JIT could have
     * hoisted), it ran at the gathered loop's speed, 85–89 against 103–109 GFLOP/s.
     */
    void multiplyRows(int depth, float[] a, int[] rowOffsets, int rowAt, int column0, float[] b, int bOffset,
                      int bDepthStep, float[] out, int outOffset, int outStride);

    /**
     * The Vector API kernel where the {@code jdk.incubator.vector} module is present (and not turned
     * off with {@code -Dnoether.vector=false}), else the plain-Java one.
     */
    static MicroKernel best() {
        if (VectorSupport.enabled()) {
            return new VectorMicroKernel();
        }
        return new ScalarMicroKernel(6, 16);
    }

    /**
     * The kernel for products no wider than one vector ({@link VectorNarrowMicroKernel}), or null
     * without the Vector API, whose plain-Java kernel is one vector's width (16) already.
     */
    static MicroKernel narrow() {
        return VectorSupport.enabled() ? new VectorNarrowMicroKernel() : null;
    }
}
