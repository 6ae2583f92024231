package org.noether.kernel;

/**
 * Loops over rows of channels (NHWC pixels, a dense layer's units): a layer's bias and activation,
 * per-channel sums, ReLU's gradient, adding a pixel's channels onto another's or times a depthwise
 * kernel's tap, average pooling's windows and max pooling's gradient. A row is a few dozen values,
 * too short for the JIT to vectorize a loop over it (a bias and ReLU pass ran at 0.6 ns per value,
 * scalar), so where the Vector API is present {@link VectorChannelRows} does them a vector at a
 * time, with the same operations in the same order: results are identical.
 *
 * <pre>{@code ChannelRows.best().addRun(patches, source, dx, target, channels);}</pre>
 */
interface ChannelRows {
    /**
     * {@code y[row + c] = z[row + c] + bias[biasOffset + c]} (then {@code max(·, 0)} if
     * {@code relu}) for {@code c < width} and rows {@code start, start + rowStride, … < end}.
     */
    void addBias(float[] z, float[] bias, int biasOffset, int width, int rowStride, int start, int end, float[] y,
                 boolean relu);

    /** {@code sums[sumsOffset + c] += values[row + c]} in double, row by row for rows {@code start, … < end}. */
    void addColumns(float[] values, int start, int end, int channels, double[] sums, int sumsOffset);

    /**
     * {@code out[outOffset + i] = y[yOffset + i] > 0 ? g[gOffset + i] : +0} for {@code i < length}:
     * ReLU's gradient.
     */
    void keepWherePositive(float[] g, int gOffset, float[] y, int yOffset, float[] out, int outOffset, int length);

    /**
     * {@code out[outOffset + i] = indices[indexOffset + i] == firstIndex + i ? g[gOffset + i] : +0} for
     * {@code i < length}: max pooling's gradient at one input pixel, whose channels start at flat
     * index {@code firstIndex}, from its window's gradient and winners.
     */
    void keepWhereIndexed(float[] g, int gOffset, int[] indices, int indexOffset, int firstIndex, float[] out,
                          int outOffset, int length);

    /** {@code to[toOffset + i] += from[fromOffset + i]} for {@code i < length}. */
    void addRun(float[] from, int fromOffset, float[] to, int toOffset, int length);

    /**
     * {@code out[outOffset + c] = (Σ_t x[sources[t] + c]) · (1/taps)} for {@code c < length}, the sum
     * from the first tap on in tap order, kept in registers: a window of average pooling.
     */
    void meanOfTaps(float[] x, int[] sources, int taps, float[] out, int outOffset, int length);

    /**
     * {@code to[targets[t] + c] += dy[dyOffset + c] · scale} (the rounded product) for every tap
     * {@code t < taps} and {@code c < length}: average pooling's gradient for one window.
     */
    void spreadToTaps(float[] dy, int dyOffset, float scale, float[] to, int[] targets, int taps, int length);

    /**
     * {@code to[toOffset + i] = fma(a[aOffset + i], b[bOffset + i], to[toOffset + i])} for
     * {@code i < length}: one tap of a depthwise convolution, a pixel's channels times the tap's.
     */
    void multiplyAdd(float[] a, int aOffset, float[] b, int bOffset, float[] to, int toOffset, int length);

    /**
     * {@code out[outOffset + c] = Σ_t a[sources[t] + c] · w[t·length + c]} for {@code c < length},
     * over the taps {@code t < taps} whose source is not negative, fused multiply-adds in tap order
     * from zero: a depthwise convolution's output pixel, kept in registers across its taps.
     */
    void sumTaps(float[] a, int[] sources, int taps, float[] w, float[] out, int outOffset, int length);

    /** The Vector API loops where the module is present, else {@link #PLAIN}. */
    static ChannelRows best() {
        return VectorSupport.enabled() ? new VectorChannelRows() : PLAIN;
    }

    /** The plain loops; the vector ones finish a row's last values with them. */
    ChannelRows PLAIN = new ChannelRows() {
        @Override
        public void addBias(float[] z, float[] bias, int biasOffset, int width, int rowStride, int start, int end,
                            float[] y, boolean relu) {
            for (int row = start; row < end; row += rowStride) {
                for (int c = 0; c < width; c++) {
                    float sum = z[row + c] + bias[biasOffset + c];
                    // max(NaN, 0) is NaN and max(−0, 0) is 0: the values of Unary.RELU.
                    y[row + c] = relu ? Math.max(sum, 0f) : sum;
                }
            }
        }

        @Override
        public void addColumns(float[] values, int start, int end, int channels, double[] sums, int sumsOffset) {
            for (int row = start; row < end; row += channels) {
                for (int c = 0; c < channels; c++) {
                    sums[sumsOffset + c] += values[row + c];
                }
            }
        }

        @Override
        public void keepWherePositive(float[] g, int gOffset, float[] y, int yOffset, float[] out, int outOffset,
                                      int length) {
            for (int i = 0; i < length; i++) {
                // g or +0 by a bit mask: a float select compiles to a branch that half the elements
                // mispredict; an integer select does not.
                int keep = y[yOffset + i] > 0 ? -1 : 0;
                out[outOffset + i] = Float.intBitsToFloat(Float.floatToRawIntBits(g[gOffset + i]) & keep);
            }
        }

        @Override
        public void keepWhereIndexed(float[] g, int gOffset, int[] indices, int indexOffset, int firstIndex,
                                     float[] out, int outOffset, int length) {
            for (int i = 0; i < length; i++) {
                out[outOffset + i] = indices[indexOffset + i] == firstIndex + i ? g[gOffset + i] : 0f;
            }
        }

        @Override
        public void addRun(float[] from, int fromOffset, float[] to, int toOffset, int length) {
            for (int i = 0; i < length; i++) {
                to[toOffset + i] += from[fromOffset + i];
            }
        }

        @Override
        public void meanOfTaps(float[] x, int[] sources, int taps, float[] out, int outOffset, int length) {
            float scale = 1f / taps;
            for (int c = 0; c < length; c++) {
                float sum = x[sources[0] + c];
                for (int t = 1; t < taps; t++) {
                    sum += x[sources[t] + c];
                }
                out[outOffset + c] = sum * scale;
            }
        }

        @Override
        public void spreadToTaps(float[] dy, int dyOffset, float scale, float[] to, int[] targets, int taps,
                                 int length) {
            for (int t = 0; t < taps; t++) {
                for (int c = 0; c < length; c++) {
                    to[targets[t] + c] += dy[dyOffset + c] * scale;
                }
            }
        }

        @Override
        public void multiplyAdd(float[] a, int aOffset, float[] b, int bOffset, float[] to, int toOffset, int length) {
            for (int i = 0; i < length; i++) {
                to[toOffset + i] = Math.fma(a[aOffset + i], b[bOffset + i], to[toOffset + i]);
            }
        }

        @Override
        public void sumTaps(float[] a, int[] sources, int taps, float[] w, float[] out, int outOffset, int length) {
            sumTapsFrom(0, a, sources, taps, w, out, outOffset, length);
        }
    };

    /** {@link #sumTaps} for channels {@code first ..< length} (the plain loop, and the vector loop's tail). */
    static void sumTapsFrom(int first, float[] a, int[] sources, int taps, float[] w, float[] out, int outOffset,
                            int length) {
        for (int c = first; c < length; c++) {
            float sum = 0f;
            for (int t = 0; t < taps; t++) {
                if (sources[t] >= 0) {
                    sum = Math.fma(a[sources[t] + c], w[t * length + c], sum);
                }
            }
            out[outOffset + c] = sum;
        }
    }
}
