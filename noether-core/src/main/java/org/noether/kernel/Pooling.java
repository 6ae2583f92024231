package org.noether.kernel;

import java.util.Arrays;

/**
 * Max and average pooling over NHWC data, each channel separately (the notes' coarse-graining,
 * "very similar to the decimation step in the Renormalization Group"), and their gradients.
 *
 * <p>Max: {@code y = max} over the window, remembering the input index that won (the first on
 * ties) so that the gradient goes to it alone. Average: the mean over the window's positions that
 * lie inside the input — with zero padding the padded positions are not counted, as in Keras;
 * with a periodic or reflecting border every position is a real value and counts. Windows walk
 * the output row by row; channels are the innermost, contiguous loop.
 *
 * <pre>{@code Pooling.max(geometry, x, y, argmax); Pooling.maxGradient(geometry, dy, argmax, dx);}</pre>
 */
public final class Pooling {
    private static final ChannelRows ROWS = ChannelRows.best();

    private Pooling() {
    }

    /**
     * The maxima of one window over channels {@code [from, to)}: {@code y[outputOffset + c]} and the
     * winning input index {@code argmax[outputOffset + c]}, over the taps at {@code inputOffsets}.
     */
    @FunctionalInterface
    interface WindowMax {
        void apply(float[] x, int[] inputOffsets, int taps, int from, int to, float[] y, int[] argmax,
                   int outputOffset);
    }

    /** The Vector API loop where the module is present, else the plain one; the same results. */
    private static final WindowMax WINDOW_MAX = VectorSupport.enabled() ? new VectorWindowMax()
            : Pooling::windowMax;

    /** {@code y} = window maxima; {@code argmax} (one per output element) = the winning input index. */
    public static void max(ConvGeometry g, float[] x, float[] y, int[] argmax) {
        int channels = g.inputChannels();
        forEachWindow(g, false, (outputOffset, inputOffsets, taps) ->
                WINDOW_MAX.apply(x, inputOffsets, taps, 0, channels, y, argmax, outputOffset));
    }

    /**
     * Whether no input position lies in two windows, so that max pooling's gradient can be written
     * input pixel by input pixel ({@link #maxGradient}): strides at least the window, and no border
     * rule that maps a padded position back onto the input.
     */
    public static boolean windowsAreDisjoint(ConvGeometry g) {
        return g.dilationHeight() == 1 && g.dilationWidth() == 1 && g.strideHeight() >= g.kernelHeight()
                && g.strideWidth() >= g.kernelWidth() && (!PaddedInput.pads(g) || g.boundary() == Boundary.ZEROS);
    }

    /**
     * Max pooling's gradient for {@link #windowsAreDisjoint disjoint} windows: {@code dx} at each
     * input position is its window's gradient where it won, else 0; overwritten. Every element of dx
     * is written once, in order, where adding at the winners needed a cleared dx and a scattered
     * pass.
     */
    public static void maxGradient(ConvGeometry g, float[] dy, int[] argmax, float[] dx) {
        if (!windowsAreDisjoint(g)) {
            throw new IllegalArgumentException("maxGradient needs disjoint windows; received " + g);
        }
        int height = g.inputHeight();
        int width = g.inputWidth();
        int channels = g.inputChannels();
        Parallel.forRange(g.batch() * height, (long) g.inputSize(), (from, to) -> {
            for (int row = from; row < to; row++) {
                int image = row / height;
                int paddedY = row - image * height + g.padTop();
                int outputY = paddedY / g.strideHeight();
                int rowStart = row * width * channels;
                if (outputY >= g.outputHeight() || paddedY - outputY * g.strideHeight() >= g.kernelHeight()) {
                    Arrays.fill(dx, rowStart, rowStart + width * channels, 0f);
                    continue;
                }
                int outputRow = (image * g.outputHeight() + outputY) * g.outputWidth();
                int outputX = g.padLeft() / g.strideWidth();
                int phase = g.padLeft() - outputX * g.strideWidth();
                for (int x = 0, pixel = rowStart; x < width; x++, pixel += channels) {
                    if (outputX < g.outputWidth() && phase < g.kernelWidth()) {
                        int window = (outputRow + outputX) * channels;
                        ROWS.keepWhereIndexed(dy, window, argmax, window, pixel, dx, pixel, channels);
                    } else {
                        Arrays.fill(dx, pixel, pixel + channels, 0f);
                    }
                    if (++phase == g.strideWidth()) {
                        phase = 0;
                        outputX++;
                    }
                }
            }
        });
    }

    /** {@link WindowMax} in plain Java: each channel's taps in registers, the first maximum winning. */
    static void windowMax(float[] x, int[] inputOffsets, int taps, int from, int to, float[] y, int[] argmax,
                          int outputOffset) {
        for (int c = from; c < to; c++) {
            int bestIndex = inputOffsets[0] + c;
            float best = x[bestIndex];
            for (int t = 1; t < taps; t++) {
                int index = inputOffsets[t] + c;
                float value = x[index];
                // A NaN wins once and then stays, so a broken activation is not hidden.
                if (value > best || (value != value && best == best)) {
                    best = value;
                    bestIndex = index;
                }
            }
            y[outputOffset + c] = best;
            argmax[outputOffset + c] = bestIndex;
        }
    }

    /** {@code y} = window means over the positions that count (see the class comment). */
    public static void average(ConvGeometry g, float[] x, float[] y) {
        int channels = g.inputChannels();
        forEachWindow(g, false, (outputOffset, inputOffsets, taps) -> {
            if (taps == 0) {
                Arrays.fill(y, outputOffset, outputOffset + channels, 0f);
            } else {
                ROWS.meanOfTaps(x, inputOffsets, taps, y, outputOffset, channels);
            }
        });
    }

    /** {@code dx} = each output gradient spread evenly over its window's counted positions; overwritten. */
    public static void averageGradient(ConvGeometry g, float[] dy, float[] dx) {
        Arrays.fill(dx, 0, g.inputSize(), 0f);
        int channels = g.inputChannels();
        // Windows of one image may overlap, so each task takes whole images.
        forEachWindow(g, true, (outputOffset, inputOffsets, taps) ->
                ROWS.spreadToTaps(dy, outputOffset, 1f / taps, dx, inputOffsets, taps, channels));
    }

    @FunctionalInterface
    private interface WindowBody {
        void run(int outputOffset, int[] inputOffsets, int taps);
    }

    /** Runs {@code body} on every window, row by row of the output, split in whole images or in rows. */
    private static void forEachWindow(ConvGeometry g, boolean wholeImages, WindowBody body) {
        int[] deltas = tapDeltas(g);
        int rowsPerUnit = wholeImages ? g.outputHeight() : 1;
        int units = g.batch() * g.outputHeight() / rowsPerUnit;
        Parallel.forRange(units, (long) g.outputSize() * g.kernelHeight() * g.kernelWidth(), (from, to) -> {
            int[] offsets = new int[deltas.length];
            for (int row = from * rowsPerUnit; row < to * rowsPerUnit; row++) {
                int image = row / g.outputHeight();
                int outputY = row - image * g.outputHeight();
                for (int outputX = 0, window = row * g.outputWidth(); outputX < g.outputWidth(); outputX++, window++) {
                    int taps = windowOffsets(g, deltas, image, outputY, outputX, offsets);
                    body.run(window * g.outputChannels(), offsets, taps);
                }
            }
        });
    }

    /** The offsets of a window's taps from its first, for a window that lies inside the input. */
    private static int[] tapDeltas(ConvGeometry g) {
        int[] deltas = new int[g.kernelHeight() * g.kernelWidth()];
        for (int ky = 0, tap = 0; ky < g.kernelHeight(); ky++) {
            for (int kx = 0; kx < g.kernelWidth(); kx++, tap++) {
                deltas[tap] = (ky * g.dilationHeight() * g.inputWidth() + kx * g.dilationWidth()) * g.inputChannels();
            }
        }
        return deltas;
    }

    /**
     * The input offsets (of channel 0) of the counted positions of one window; returns how many.
     * A window inside the input is its first tap plus {@code deltas}: with a few channels per
     * pixel, mapping every tap through the boundary took longer than the pooling itself (LeNet's
     * average pooling of 6 and 16 channels: 16% of a training step).
     */
    private static int windowOffsets(ConvGeometry g, int[] deltas, int image, int outputY, int outputX,
                                     int[] offsets) {
        int top = outputY * g.strideHeight() - g.padTop();
        int left = outputX * g.strideWidth() - g.padLeft();
        if (top >= 0 && left >= 0 && top + (g.kernelHeight() - 1) * g.dilationHeight() < g.inputHeight()
                && left + (g.kernelWidth() - 1) * g.dilationWidth() < g.inputWidth()) {
            int origin = ((image * g.inputHeight() + top) * g.inputWidth() + left) * g.inputChannels();
            for (int tap = 0; tap < deltas.length; tap++) {
                offsets[tap] = origin + deltas[tap];
            }
            return deltas.length;
        }
        int taps = 0;
        for (int ky = 0; ky < g.kernelHeight(); ky++) {
            int inputY = g.boundary().map(top + ky * g.dilationHeight(), g.inputHeight());
            if (inputY < 0) {
                continue;
            }
            for (int kx = 0; kx < g.kernelWidth(); kx++) {
                int inputX = g.boundary().map(left + kx * g.dilationWidth(), g.inputWidth());
                if (inputX >= 0) {
                    offsets[taps++] = ((image * g.inputHeight() + inputY) * g.inputWidth() + inputX)
                            * g.inputChannels();
                }
            }
        }
        return taps;
    }
}
