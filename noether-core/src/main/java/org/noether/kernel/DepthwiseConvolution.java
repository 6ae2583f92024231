package org.noether.kernel;

import java.util.Arrays;

/**
 * Depthwise 2-D convolution over NHWC data, every channel filtered by its own kernel (a grouped
 * convolution with one input and one output channel per group):
 * {@code y[n, oy, ox, c] = Σ_{ky, kx} x[n, oy·S + ky·D − P, ox·S + kx·D − P, c] · w[ky, kx, 0, c]}.
 *
 * <p>Shapes: x {@code [n, h, w, C]}, kernel {@code [kh, kw, 1, C]}, y {@code [n, oh, ow, C]}.
 * As products this is one per channel, each one column wide, so a 6×32 tile did 1/32 useful work:
 * a 3×3 over {@code [64, 28, 28, 32]} took 38 ms forward, eight times PyTorch's. Here the work
 * goes a vector of channels (the contiguous axis of NHWC) at a time: an output pixel sums its taps
 * (source pixel times the tap's weights) in registers, and the gradients add each tap's products
 * where they belong, with the windows and borders of the patch index map
 * ({@link ConvPatches#tapSource}). An output sums its taps with fused multiply-adds in tap order
 * from zero, as the product does; the kernel gradient sums fixed chunks of images and adds the
 * chunks in order, so results do not depend on the thread count.
 *
 * <pre>{@code if (DepthwiseConvolution.applies(g)) DepthwiseConvolution.forward(g, x, kernel, bias, function, y);}</pre>
 */
final class DepthwiseConvolution {
    private static final ChannelRows ROWS = ChannelRows.best();
    /** Output pixels per grain of the forward pass: its bias and activation run while they are in cache. */
    private static final int ROWS_PER_GRAIN = 256;
    /** Most chunks of images whose kernel gradients are summed separately (and then added in order). */
    private static final int MAX_CHUNKS = 32;

    private static final ThreadBuffer<float[]> PARTIALS = ThreadBuffer.floats();
    /** Per thread, where each tap of the current window reads. */
    private static final ThreadBuffer<int[]> SOURCES = ThreadBuffer.ints();

    private DepthwiseConvolution() {
    }

    /** Whether the convolution has one input and one output channel per group. */
    static boolean applies(ConvGeometry g) {
        return g.groupInputChannels() == 1 && g.groupOutputChannels() == 1;
    }

    /**
     * {@code y = f(conv(x, kernel) + bias)}, overwriting y; {@code function} null means neither bias
     * nor activation, {@code bias} null no bias.
     */
    static void forward(ConvGeometry g, float[] x, float[] kernel, float[] bias, ChannelBias.Function function,
                        float[] y) {
        int channels = g.outputChannels();
        int taps = g.kernelHeight() * g.kernelWidth();
        int rows = g.batch() * g.outputPositions();
        float[] offsets = function == null ? null : ChannelBias.offsets(bias, channels);
        ConvPatches windows = ConvPatches.of(g, x, 0, false);
        int grains = (rows + ROWS_PER_GRAIN - 1) / ROWS_PER_GRAIN;
        Parallel.forRange(grains, 1, 2L * rows * taps * channels, (from, to) -> {
            int first = from * ROWS_PER_GRAIN;
            int end = Math.min(rows, to * ROWS_PER_GRAIN);
            int[] sources = SOURCES.atLeast(taps);
            for (int row = first; row < end; row++) {
                for (int tap = 0; tap < taps; tap++) {
                    sources[tap] = windows.tapSource(row, tap);
                }
                ROWS.sumTaps(x, sources, taps, kernel, y, row * channels, channels);
            }
            if (function != null) {
                ChannelBias.block(y, first * channels, channels, end - first, offsets, 0, channels, function);
            }
        });
    }

    /** {@code dx = ∂/∂x ⟨dy, conv(x, kernel)⟩}, overwriting dx: each tap's products added back where read. */
    static void inputGradient(ConvGeometry g, float[] dy, float[] kernel, float[] dx) {
        int channels = g.outputChannels();
        int taps = g.kernelHeight() * g.kernelWidth();
        int positions = g.outputPositions();
        int imageSize = g.inputHeight() * g.inputWidth() * g.inputChannels();
        ConvPatches windows = ConvPatches.of(g, dx, 0, false);
        // Windows overlap within an image, never across images: threads taking whole images never
        // add to the same pixel, and each pixel's sums keep one order.
        Parallel.forRange(g.batch(), 1, 2L * g.batch() * positions * taps * channels, (from, to) -> {
            Arrays.fill(dx, from * imageSize, to * imageSize, 0f);
            for (int row = from * positions; row < to * positions; row++) {
                for (int tap = 0; tap < taps; tap++) {
                    int target = windows.tapSource(row, tap);
                    if (target >= 0) {
                        ROWS.multiplyAdd(dy, row * channels, kernel, tap * channels, dx, target, channels);
                    }
                }
            }
        });
    }

    /** {@code dkernel = ∂/∂kernel ⟨dy, conv(x, kernel)⟩}, overwriting dkernel. */
    static void kernelGradient(ConvGeometry g, float[] x, float[] dy, float[] dkernel) {
        int channels = g.outputChannels();
        int taps = g.kernelHeight() * g.kernelWidth();
        int positions = g.outputPositions();
        int size = taps * channels;
        // The chunks depend on the batch alone, so the sums' order does not depend on the threads.
        int imagesPerChunk = Math.max(1, (g.batch() + MAX_CHUNKS - 1) / MAX_CHUNKS);
        int chunks = (g.batch() + imagesPerChunk - 1) / imagesPerChunk;
        float[] partials = PARTIALS.atLeast(chunks * size);
        ConvPatches windows = ConvPatches.of(g, x, 0, false);
        Parallel.forRange(chunks, 1, 2L * g.batch() * positions * size, (from, to) -> {
            for (int chunk = from; chunk < to; chunk++) {
                int partial = chunk * size;
                Arrays.fill(partials, partial, partial + size, 0f);
                int end = Math.min(g.batch(), (chunk + 1) * imagesPerChunk) * positions;
                for (int row = chunk * imagesPerChunk * positions; row < end; row++) {
                    for (int tap = 0; tap < taps; tap++) {
                        int source = windows.tapSource(row, tap);
                        if (source >= 0) {
                            ROWS.multiplyAdd(x, source, dy, row * channels, partials, partial + tap * channels,
                                    channels);
                        }
                    }
                }
            }
        });
        Arrays.fill(dkernel, 0, size, 0f);
        for (int chunk = 0; chunk < chunks; chunk++) {
            ROWS.addRun(partials, chunk * size, dkernel, 0, size);
        }
    }
}
