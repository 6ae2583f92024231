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
 * block of the patches, kernel and output; one with a single input and output channel per group
 * (depthwise) is computed directly, a pixel's channels at a time ({@link DepthwiseConvolution}).
 * A padded input is first copied with its border written out ({@link PaddedInput}), so that the
 * products read windows that all lie inside (the kernel gradient always, the forward product for
 * few channels per group); with zeros beyond the border, the input gradient is likewise scattered
 * into a padded input and cropped. The forward product and the kernel gradient
 * ({@code patchesᵀ·dy}) read the patches without storing them ({@link ConvPatches}); the input
 * gradient is {@code dy·kernelᵀ}, a patch matrix that is stored and scattered back (col2im)
 * through the same index map, including periodic and reflected borders, a window inside the image
 * in runs of contiguous taps.
 *
 * <p>The input gradient works in chunks of whole images so that its patch matrix stays in cache,
 * and the scatter of one chunk never races with another's.
 *
 * <pre>{@code Convolution.forward(geometry, x, kernel, y);}</pre>
 */
public final class Convolution {
    /**
     * Floats of patch gradients per chunk of the input gradient (512 KB): written by the product
     * and read back by the scatter while they are still in L2. The whole batch's at once (9 MB for
     * the tutorial CNN's second convolution) went to memory and back.
     */
    private static final int PATCH_BUDGET = 128 << 10;

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
        if (DepthwiseConvolution.applies(g)) {
            DepthwiseConvolution.forward(g, x, kernel, bias, function, y);
            return;
        }
        if (PaddedInput.helpsForward(g)) {
            forward(PaddedInput.geometry(g), PaddedInput.copy(g, x), kernel, bias, function, y);
            return;
        }
        float[] offsets = function == null ? null : ChannelBias.offsets(bias, g.outputChannels());
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
        if (DepthwiseConvolution.applies(g)) {
            DepthwiseConvolution.inputGradient(g, dy, kernel, dx);
            return;
        }
        if (PaddedInput.helpsInputGradient(g)) {
            ConvGeometry padded = PaddedInput.geometry(g);
            float[] paddedDx = Scratch.floats(padded.inputSize());
            inputGradient(padded, dy, kernel, paddedDx);
            PaddedInput.crop(g, paddedDx, dx);
            return;
        }
        int positions = g.outputPositions();
        int patchSize = g.patchSize();
        int filters = g.groupOutputChannels();
        long perImage = (long) positions * patchSize;
        if (perImage > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("One image's patches (" + perImage + " floats) exceed an array");
        }
        int imagesPerChunk = (int) Math.max(1, Math.min(g.batch(), PATCH_BUDGET / perImage));
        int imageSize = g.inputSize() / Math.max(1, g.batch());
        // kernelᵀ stored once, [groups, filters, patchSize], so that each chunk's product packs it by
        // rows, not by a strided gather.
        float[] kernelTransposed = Scratch.floats(g.outputChannels() * patchSize);
        Layout.permute(kernel, new int[] {patchSize, g.groups(), filters}, new int[] {1, 2, 0}, kernelTransposed);
        for (int group = 0; group < g.groups(); group++) {
            int firstChannel = group * filters;
            int groupKernel = group * filters * patchSize;
            boolean first = group == 0;
            ConvPatches target = ConvPatches.of(g, dx, group, false);
            // Each task takes whole images, a few at a time: their patch gradients are computed into
            // a buffer that stays in cache and are scattered back at once. Windows overlap within an
            // image, never across images, so tasks never add to the same pixel. A thread that
            // finishes early takes chunks from the end of the other's images.
            Parallel.forRange(g.batch(), imagesPerChunk, 2L * g.batch() * perImage * filters, (from, to) -> {
                float[] patches = PATCHES.atLeast(imagesPerChunk * (int) perImage);
                for (int image = from; image < to; image += imagesPerChunk) {
                    int count = Math.min(imagesPerChunk, to - image);
                    if (first) {
                        java.util.Arrays.fill(dx, image * imageSize, (image + count) * imageSize, 0f);
                    }
                    Gemm.sgemm(false, false, count * positions, patchSize, filters,
                            dy, image * positions * g.outputChannels() + firstChannel, g.outputChannels(),
                            kernelTransposed, groupKernel, patchSize, 0f, patches, 0, patchSize);
                    target.addBack(patches, image * positions, image * positions, (image + count) * positions);
                }
            });
        }
    }

    /** {@code dkernel = ∂/∂kernel ⟨dy, conv(x, kernel)⟩ = patchesᵀ·dy}; {@code dkernel} is overwritten. */
    public static void kernelGradient(ConvGeometry g, float[] x, float[] dy, float[] dkernel) {
        if (DepthwiseConvolution.applies(g)) {
            DepthwiseConvolution.kernelGradient(g, x, dy, dkernel);
            return;
        }
        if (PaddedInput.pads(g)) {
            kernelGradient(PaddedInput.geometry(g), PaddedInput.copy(g, x), dy, dkernel);
            return;
        }
        int rows = g.batch() * g.outputPositions();
        for (int group = 0; group < g.groups(); group++) {
            int firstChannel = group * g.groupOutputChannels();
            Gemm.multiply(ConvPatches.of(g, x, group, true),
                    new StridedMatrix(dy, firstChannel, g.outputChannels(), false),
                    g.patchSize(), g.groupOutputChannels(), rows, 0f, dkernel, firstChannel, g.outputChannels(), null);
        }
    }
}
