package org.noether.kernel;

/**
 * 2-D convolution over NHWC data as matrix products:
 * {@code y[n, oy, ox, k] = Σ_{ky, kx, c} x[n, oy·S + ky·D − P, ox·S + kx·D − P, c] · w[ky, kx, c, k]}
 * (the notes' {@code a_{y,x,k} = Σ_{m,n,l} a_{y+m, x+n, l} K_{m,n,l,k}}; like Keras and PyTorch,
 * a cross-correlation: the kernel is not flipped).
 *
 * <p>The patches form a matrix {@code [positions, KH·KW·C]} whose columns are in the kernel's own
 * order, so the kernel {@code [KH, KW, C, K]} is already the right-hand matrix and the product
 * lands in NHWC order: no transposes anywhere. Each group of a grouped convolution is a column
 * block of the patches, kernel and output. The forward product and the kernel gradient
 * ({@code patchesᵀ·dy}) read the patches without storing them ({@link ConvPatches}); the input
 * gradient is {@code dy·kernelᵀ}, a patch matrix that is stored and scattered back (col2im) through
 * the same index map, including periodic and reflected borders.
 *
 * <p>The input gradient works in chunks of images so that its patch matrix stays within a few
 * megabytes; a chunk is always whole images, so the scatter of one chunk never races with another.
 *
 * <pre>{@code Convolution.forward(geometry, x, kernel, y);}</pre>
 */
public final class Convolution {
    /** Floats of patches per chunk of the input gradient (16 MB). */
    private static final int PATCH_BUDGET = 4 << 20;

    private static final ThreadBuffer<float[]> PATCHES = ThreadBuffer.floats();

    private Convolution() {
    }

    /** {@code y = conv(x, kernel)}; {@code y} is overwritten. */
    public static void forward(ConvGeometry g, float[] x, float[] kernel, float[] y) {
        forward(g, x, kernel, null, null, y);
    }

    /**
     * {@code y = f(conv(x, kernel) + bias)}, the bias and activation applied to each tile of the
     * product while it is in cache ({@link ChannelBias#block}); {@code function} null means
     * neither, {@code bias} null no bias.
     */
    public static void forward(ConvGeometry g, float[] x, float[] kernel, float[] bias, ChannelBias.Function function,
                               float[] y) {
        float[] offsets = bias != null ? bias : Scratch.zeros(g.outputChannels());
        int rows = g.batch() * g.outputPositions();
        for (int group = 0; group < g.groups(); group++) {
            int firstChannel = group * g.groupOutputChannels();
            Gemm.Epilogue epilogue = function == null ? null : (c, offset, rowStride, blockRows, column, width) ->
                    ChannelBias.block(c, offset, rowStride, blockRows, offsets, firstChannel + column, width, function);
            Gemm.multiply(ConvPatches.of(g, x, group, false),
                    new StridedMatrix(kernel, firstChannel, g.outputChannels(), false),
                    rows, g.groupOutputChannels(), g.patchSize(), 0f, y, firstChannel, g.outputChannels(), epilogue);
        }
    }

    /** {@code dx = ∂/∂x ⟨dy, conv(x, kernel)⟩}: {@code dy·kernelᵀ} scattered back; {@code dx} is overwritten. */
    public static void inputGradient(ConvGeometry g, float[] dy, float[] kernel, float[] dx) {
        java.util.Arrays.fill(dx, 0, g.inputSize(), 0f);
        int positions = g.outputPositions();
        int patchSize = g.patchSize();
        for (int group = 0; group < g.groups(); group++) {
            int firstChannel = group * g.groupOutputChannels();
            ConvPatches target = ConvPatches.of(g, dx, group, false);
            forEachChunk(g, (first, count, patches) -> {
                int rows = count * positions;
                Gemm.sgemm(false, true, rows, patchSize, g.groupOutputChannels(),
                        dy, first * positions * g.outputChannels() + firstChannel, g.outputChannels(),
                        kernel, firstChannel, g.outputChannels(),
                        0f, patches, 0, patchSize);
                int firstRow = first * positions;
                // Whole images per task: windows overlap within an image, never across images.
                Parallel.forRange(count, (long) rows * patchSize, (from, to) ->
                        target.addBack(patches, firstRow, (first + from) * positions, (first + to) * positions));
            });
        }
    }

    /** {@code dkernel = ∂/∂kernel ⟨dy, conv(x, kernel)⟩ = patchesᵀ·dy}; {@code dkernel} is overwritten. */
    public static void kernelGradient(ConvGeometry g, float[] x, float[] dy, float[] dkernel) {
        int rows = g.batch() * g.outputPositions();
        for (int group = 0; group < g.groups(); group++) {
            int firstChannel = group * g.groupOutputChannels();
            Gemm.multiply(ConvPatches.of(g, x, group, true),
                    new StridedMatrix(dy, firstChannel, g.outputChannels(), false),
                    g.patchSize(), g.groupOutputChannels(), rows, 0f, dkernel, firstChannel, g.outputChannels(), null);
        }
    }

    /** Work on images {@code [first, first + count)} with a patch buffer for them. */
    @FunctionalInterface
    private interface ChunkBody {
        void run(int first, int count, float[] patches);
    }

    private static void forEachChunk(ConvGeometry g, ChunkBody body) {
        long perImage = (long) g.outputPositions() * g.patchSize();
        int imagesPerChunk = (int) Math.max(1, Math.min(g.batch(), PATCH_BUDGET / Math.max(1, perImage)));
        long needed = perImage * imagesPerChunk;
        if (needed > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("One image's patches (" + perImage + " floats) exceed an array");
        }
        float[] patches = PATCHES.atLeast((int) needed);
        for (int first = 0; first < g.batch(); first += imagesPerChunk) {
            body.run(first, Math.min(imagesPerChunk, g.batch() - first), patches);
        }
    }
}
