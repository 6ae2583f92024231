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
 * <pre>{@code Pooling.max(geometry, x, y, argmax); // the gradient: ScatterAdd of dy at argmax}</pre>
 */
public final class Pooling {
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
        forEachWindow(g, (outputOffset, inputOffsets, taps) ->
                WINDOW_MAX.apply(x, inputOffsets, taps, 0, channels, y, argmax, outputOffset));
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
        forEachWindow(g, (outputOffset, inputOffsets, taps) -> {
            int channels = g.inputChannels();
            float scale = 1f / taps;
            for (int c = 0; c < channels; c++) {
                float total = 0f;
                for (int t = 0; t < taps; t++) {
                    total += x[inputOffsets[t] + c];
                }
                y[outputOffset + c] = total * scale;
            }
        });
    }

    /** {@code dx} = each output gradient spread evenly over its window's counted positions; overwritten. */
    public static void averageGradient(ConvGeometry g, float[] dy, float[] dx) {
        Arrays.fill(dx, 0, g.inputSize(), 0f);
        int perImage = g.outputPositions();
        Parallel.forRange(g.batch(), (long) g.outputSize() * g.kernelHeight() * g.kernelWidth(), (from, to) -> {
            int[] offsets = new int[g.kernelHeight() * g.kernelWidth()];
            for (int image = from; image < to; image++) {
                for (int position = 0; position < perImage; position++) {
                    int taps = windowOffsets(g, image, position, offsets);
                    int outputOffset = (image * perImage + position) * g.outputChannels();
                    float scale = 1f / taps;
                    for (int t = 0; t < taps; t++) {
                        for (int c = 0; c < g.inputChannels(); c++) {
                            dx[offsets[t] + c] += dy[outputOffset + c] * scale;
                        }
                    }
                }
            }
        });
    }

    @FunctionalInterface
    private interface WindowBody {
        void run(int outputOffset, int[] inputOffsets, int taps);
    }

    private static void forEachWindow(ConvGeometry g, WindowBody body) {
        int perImage = g.outputPositions();
        int windows = g.batch() * perImage;
        Parallel.forRange(windows, (long) g.outputSize() * g.kernelHeight() * g.kernelWidth(), (from, to) -> {
            int[] offsets = new int[g.kernelHeight() * g.kernelWidth()];
            for (int window = from; window < to; window++) {
                int taps = windowOffsets(g, window / perImage, window % perImage, offsets);
                body.run(window * g.outputChannels(), offsets, taps);
            }
        });
    }

    /** The input offsets (of channel 0) of the counted positions of one window; returns how many. */
    private static int windowOffsets(ConvGeometry g, int image, int position, int[] offsets) {
        int outputY = position / g.outputWidth();
        int outputX = position % g.outputWidth();
        int taps = 0;
        for (int ky = 0; ky < g.kernelHeight(); ky++) {
            int inputY = g.boundary().map(outputY * g.strideHeight() + ky * g.dilationHeight() - g.padTop(),
                    g.inputHeight());
            if (inputY < 0) {
                continue;
            }
            for (int kx = 0; kx < g.kernelWidth(); kx++) {
                int inputX = g.boundary().map(outputX * g.strideWidth() + kx * g.dilationWidth() - g.padLeft(),
                        g.inputWidth());
                if (inputX >= 0) {
                    offsets[taps++] = ((image * g.inputHeight() + inputY) * g.inputWidth() + inputX)
                            * g.inputChannels();
                }
            }
        }
        return taps;
    }
}
