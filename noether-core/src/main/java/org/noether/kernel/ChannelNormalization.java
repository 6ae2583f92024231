package org.noether.kernel;

/**
 * Batch normalization over the rows of a {@code [rows, channels]} matrix — NHWC activations seen
 * as {@code [n·h·w, c]} — in two passes each way instead of the dozen an expression of
 * elementwise operations takes:
 *
 * <ul>
 * <li>forward: per channel {@code μ = mean(x)}, {@code σ² = mean((x − μ)²)} (biased),
 *     {@code y = (x − μ)·γ/√(σ² + ε) + β};
 * <li>backward, with {@code x̂ = (x − μ)/√(σ² + ε)}: {@code ∂β = Σ g}, {@code ∂γ = Σ g·x̂},
 *     {@code ∂x = γ/√(σ² + ε)·(g − (∂β + x̂·∂γ)/rows)}.
 * </ul>
 *
 * <p>Channel sums are split over threads by blocks of channels, each summing its rows in order,
 * and accumulate in double: the results do not depend on the thread count.
 *
 * <pre>{@code ChannelNormalization.statistics(x, rows, channels, mean, inverseStd, 1e-3);}</pre>
 */
public final class ChannelNormalization {
    private ChannelNormalization() {
    }

    /** Per channel: {@code mean} and {@code inverseStd = 1/√(σ² + ε)} (σ² is also written to {@code variance}). */
    public static void statistics(float[] x, int rows, int channels, double epsilon, float[] mean, float[] variance,
                                  float[] inverseStd) {
        forChannelBlocks(channels, (long) rows * channels * 2, (from, to) -> {
            int width = to - from;
            double[] sums = new double[width];
            for (int r = 0; r < rows; r++) {
                int base = r * channels + from;
                for (int c = 0; c < width; c++) {
                    sums[c] += x[base + c];
                }
            }
            double[] means = new double[width];
            for (int c = 0; c < width; c++) {
                means[c] = sums[c] / rows;
                sums[c] = 0;
            }
            for (int r = 0; r < rows; r++) {
                int base = r * channels + from;
                for (int c = 0; c < width; c++) {
                    double deviation = x[base + c] - means[c];
                    sums[c] += deviation * deviation;
                }
            }
            for (int c = 0; c < width; c++) {
                double sigma2 = sums[c] / rows;
                mean[from + c] = (float) means[c];
                variance[from + c] = (float) sigma2;
                inverseStd[from + c] = (float) (1 / Math.sqrt(sigma2 + epsilon));
            }
        });
    }

    /** {@code y = (x − mean)·inverseStd·gamma + beta}; {@code gamma}, {@code beta} may be null (1, 0). */
    public static void normalize(float[] x, int rows, int channels, float[] mean, float[] inverseStd, float[] gamma,
                                 float[] beta, float[] y) {
        float[] scale = new float[channels];
        float[] shift = new float[channels];
        for (int c = 0; c < channels; c++) {
            scale[c] = inverseStd[c] * (gamma == null ? 1f : gamma[c]);
            shift[c] = beta == null ? 0f : beta[c];
        }
        Parallel.forRange(rows, 2L * rows * channels, (from, to) -> {
            for (int r = from; r < to; r++) {
                int base = r * channels;
                for (int c = 0; c < channels; c++) {
                    // Centred first: x·s − μ·s would cancel digits for |x| ≫ σ.
                    y[base + c] = (x[base + c] - mean[c]) * scale[c] + shift[c];
                }
            }
        });
    }

    /**
     * The gradients for output gradient {@code g}: {@code dx} (overwritten) and, if not null,
     * {@code dgamma} and {@code dbeta} (overwritten); {@code gamma} null means 1.
     */
    public static void backward(float[] x, float[] g, int rows, int channels, float[] mean, float[] inverseStd,
                                float[] gamma, float[] dx, float[] dgamma, float[] dbeta) {
        float[] sumG = new float[channels];
        float[] sumGxHat = new float[channels];
        forChannelBlocks(channels, (long) rows * channels * 3, (from, to) -> {
            int width = to - from;
            double[] sumsG = new double[width];
            double[] sumsGxHat = new double[width];
            for (int r = 0; r < rows; r++) {
                int base = r * channels + from;
                for (int c = 0; c < width; c++) {
                    double gradient = g[base + c];
                    sumsG[c] += gradient;
                    sumsGxHat[c] += gradient * (x[base + c] - mean[from + c]) * inverseStd[from + c];
                }
            }
            for (int c = 0; c < width; c++) {
                sumG[from + c] = (float) sumsG[c];
                sumGxHat[from + c] = (float) sumsGxHat[c];
            }
        });
        if (dbeta != null) {
            System.arraycopy(sumG, 0, dbeta, 0, channels);
        }
        if (dgamma != null) {
            System.arraycopy(sumGxHat, 0, dgamma, 0, channels);
        }
        float[] factor = new float[channels];
        float[] meanG = new float[channels];
        float[] meanGxHat = new float[channels];
        for (int c = 0; c < channels; c++) {
            factor[c] = inverseStd[c] * (gamma == null ? 1f : gamma[c]);
            meanG[c] = sumG[c] / rows;
            meanGxHat[c] = sumGxHat[c] / rows;
        }
        Parallel.forRange(rows, 4L * rows * channels, (from, to) -> {
            for (int r = from; r < to; r++) {
                int base = r * channels;
                for (int c = 0; c < channels; c++) {
                    float xHat = (x[base + c] - mean[c]) * inverseStd[c];
                    dx[base + c] = factor[c] * (g[base + c] - meanG[c] - xHat * meanGxHat[c]);
                }
            }
        });
    }

    /** Splits channels into blocks of at least 8, one range per thread at most. */
    private static void forChannelBlocks(int channels, long work, Parallel.RangeBody body) {
        int blocks = Math.max(1, channels / 8);
        Parallel.forRange(blocks, work, (from, to) -> body.run(from * channels / blocks, to * channels / blocks));
    }
}
