package org.noether.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The right operand of one product, {@code op(B)[0 : k, columnFrom : columnFrom + width]}, packed
 * into column panels once for all the threads that multiply by it: each panel is packed by the
 * first thread that needs it, and the others find it ready or wait the few microseconds it takes.
 *
 * <p>Each thread used to pack all of B for its own rows, so two threads splitting a square product
 * packed it twice (n = 1024 on two threads: 187 GFLOP/s then, 195 now). Packing on first use
 * needs no barrier, so a thread that starts late (or a range the caller runs itself) costs no
 * waiting, and threads starting at different panels ({@link Gemm}) pack disjoint halves.
 *
 * <p>Layout: the depth is cut into blocks of {@code blockDepth} (the last may be shallower); block
 * {@code d} holds its panels one after the other, panel {@code j} being {@code depth_d × panelWidth}
 * floats, row by row. A panel's state is the product's number once it is packed, minus that number
 * while a thread packs it; any other value means not yet packed (left over from earlier products).
 * A thread's own copy ({@link #ownCopy}) has the same layout and numbering.
 *
 * <pre>{@code PackedB panels = PackedB.begin(b, k, blockDepth, 0, n, 32); ... panels.end();}</pre>
 */
final class PackedB {
    private static final VarHandle STATE = MethodHandles.arrayElementVarHandle(long[].class);
    /** Each calling thread keeps its buffers from product to product, and so does each copy. */
    private static final ThreadLocal<PackedB> OF_CALLER = ThreadLocal.withInitial(PackedB::new);
    private static final ThreadLocal<PackedB> COPIES = ThreadLocal.withInitial(PackedB::new);
    /** Numbers products, so that a panel state or a copy can only belong to the one it says. */
    private static final AtomicLong PRODUCTS = new AtomicLong();

    private float[] packed = new float[0];
    private long[] states = new long[0];
    private long product;
    /** The thread that began the product, while it is in progress. */
    private Thread owner;
    private GemmOperand operand;
    /** For a thread's copy, the product's panels, whose operand it packs. */
    private PackedB source;
    private int depth;
    private int blockDepth;
    private int columnFrom;
    private int width;
    private int panelWidth;
    private int panels;

    private PackedB() {
    }

    /**
     * Starts a product by {@code b} on the calling thread's buffers (fresh ones if a product on
     * this thread is still in progress); {@link #end} releases them.
     */
    static PackedB begin(GemmOperand b, int depth, int blockDepth, int columnFrom, int width, int panelWidth) {
        PackedB panels = OF_CALLER.get();
        if (panels.owner != null) {
            panels = new PackedB();
        }
        panels.owner = Thread.currentThread();
        panels.operand = b;
        panels.shape(depth, blockDepth, columnFrom, width, panelWidth);
        panels.product = PRODUCTS.incrementAndGet();
        return panels;
    }

    private void shape(int depth, int blockDepth, int columnFrom, int width, int panelWidth) {
        this.depth = depth;
        this.blockDepth = blockDepth;
        this.columnFrom = columnFrom;
        this.width = width;
        this.panelWidth = panelWidth;
        this.panels = (width + panelWidth - 1) / panelWidth;
        int depthBlocks = (depth + blockDepth - 1) / blockDepth;
        if (packed.length < depth * panels * panelWidth) {
            packed = new float[depth * panels * panelWidth];
        }
        if (states.length < depthBlocks * panels) {
            // Fresh states are all 0, a number no product has: every panel reads as not packed.
            states = new long[depthBlocks * panels];
        }
    }

    /**
     * The panels the calling thread is to use: these, if begun on this thread; else the thread's
     * own copy, packed as it needs them and kept for the rest of the product. Threads that reuse a
     * small B many times do better with their own copy, in their own cache, than reading panels
     * another core wrote (a 128×784 B used by 64 rows: 10% slower shared).
     */
    PackedB ownCopy() {
        if (Thread.currentThread() == owner) {
            return this;
        }
        PackedB copy = COPIES.get();
        // Product numbers are unique across all threads' panels: equal numbers mean this product.
        if (copy.product != product) {
            copy.source = this;
            copy.shape(depth, blockDepth, columnFrom, width, panelWidth);
            copy.product = product;
        }
        return copy;
    }

    /** Ends the product: the operand is no longer referenced and the buffers may be reused. */
    void end() {
        operand = null;
        owner = null;
    }

    /** The packed panels; a panel's values start at the index {@link #panel} returns. */
    float[] data() {
        return packed;
    }

    /**
     * Where the panel of depths {@code p0 ..< p0 + blockDepth} (at most) and columns from
     * {@code column} of B (a whole number of panels past the first column) starts in
     * {@link #data()}, once packed: by this thread now, or by another one.
     */
    int panel(int p0, int column) {
        int block = p0 / blockDepth;
        int panel = (column - columnFrom) / panelWidth;
        int rows = Math.min(blockDepth, depth - p0);
        int start = p0 * panels * panelWidth + panel * rows * panelWidth;
        int state = block * panels + panel;
        long current = (long) STATE.getAcquire(states, state);
        if (current == product) {
            return start;
        }
        if (current != -product && STATE.compareAndSet(states, state, current, -product)) {
            boolean packedIt = false;
            try {
                int columns = Math.min(panelWidth, columnFrom + width - column);
                (source == null ? operand : source.operand).packColumns(p0, rows, column, columns, panelWidth, packed,
                        start);
                packedIt = true;
            } finally {
                // A failed packing leaves the panel to be packed again, so that no thread waits forever.
                STATE.setRelease(states, state, packedIt ? product : 0L);
            }
            return start;
        }
        for (long seen = current; seen != product; seen = (long) STATE.getAcquire(states, state)) {
            if (seen == 0L) {
                return panel(p0, column);
            }
            Thread.onSpinWait();
        }
        return start;
    }
}
