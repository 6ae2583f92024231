package org.noether.kernel;

/**
 * A layer's bias and activation in one pass over its weighted sums {@code z [rows, channels]}
 * (NHWC activations seen as {@code [n·h·w, c]}, or a dense layer's {@code [n, units]}):
 *
 * <ul>
 * <li>forward: {@code y = f(z + b)}, the bias broadcast along the rows;
 * <li>backward: {@code ∂z = g·f'(y)} and {@code ∂b = Σ_rows ∂z}, with the derivative written in
 *     terms of the output: 1 (identity), {@code [y > 0]} (ReLU), {@code y·(1 − y)} (sigmoid),
 *     {@code 1 − y²} (tanh).
 * </ul>
 *
 * Unfused, the same work is an add, an activation, the activation's gradient and a reduction: four
 * passes over memory and three arrays. The values are those of the unfused operations: the same
 * float expressions per element, and bias sums accumulated in double over fixed blocks of rows
 * added in order, so they do not depend on the thread count.
 *
 * <pre>{@code ChannelBias.forward(z, bias, rows, channels, ChannelBias.Function.RELU, y);}</pre>
 */
public final class ChannelBias {
    /** Rows per block of the bias sums: fixed, so that the sums do not depend on the thread count. */
    private static final int ROWS_PER_BLOCK = 256;
    private static final ChannelRows ROWS = ChannelRows.best();
    /** Per-block bias sums. */
    private static final ThreadBuffer<double[]> PARTIAL_SUMS = ThreadBuffer.doubles();

    /** The activations whose derivative is a function of their output. */
    public enum Function {
        IDENTITY, RELU, SIGMOID, TANH
    }

    private ChannelBias() {
    }

    /**
     * The bias to add, or zeros where there is none: adding a zero bias keeps one loop per function;
     * it changes nothing but the sign of −0.
     */
    static float[] offsets(float[] bias, int channels) {
        return bias != null ? bias : Scratch.zeros(channels);
    }

    /** {@code y[r, c] = f(z[r, c] + bias[c])}; {@code bias} may be null (no bias). */
    public static void forward(float[] z, float[] bias, int rows, int channels, Function function, float[] y) {
        float[] offsets = offsets(bias, channels);
        Parallel.forRange(blocks(rows), (long) rows * channels * (function == Function.TANH ? 20 : 2),
                (from, to) -> {
                    int start = from * ROWS_PER_BLOCK * channels;
                    int end = Math.min(rows, to * ROWS_PER_BLOCK) * channels;
                    apply(function, z, offsets, 0, channels, channels, start, end, y);
                });
    }

    /**
     * {@code y[i + c] = f(y[i + c] + bias[biasOffset + c])} for {@code c < width} and each of
     * {@code rows} rows {@code i = offset + r·rowStride}, in place: the epilogue of a product whose
     * columns are the channels ({@link Gemm}'s, for one block of C).
     */
    public static void block(float[] y, int offset, int rowStride, int rows, float[] bias, int biasOffset, int width,
                             Function function) {
        if (rows > 0) {
            apply(function, y, bias, biasOffset, width, rowStride, offset, offset + (rows - 1) * rowStride + width, y);
        }
    }

    /**
     * The rows starting at {@code start, start + rowStride, … < end}: {@code width} values each,
     * with bias {@code bias[biasOffset ..]}.
     */
    private static void apply(Function function, float[] z, float[] bias, int biasOffset, int width, int rowStride,
                              int start, int end, float[] y) {
        switch (function) {
            case IDENTITY -> ROWS.addBias(z, bias, biasOffset, width, rowStride, start, end, y, false);
            case RELU -> ROWS.addBias(z, bias, biasOffset, width, rowStride, start, end, y, true);
            case SIGMOID -> sigmoid(z, bias, biasOffset, width, rowStride, start, end, y);
            case TANH -> {
                ROWS.addBias(z, bias, biasOffset, width, rowStride, start, end, y, false);
                if (width == rowStride) {
                    Tanh.apply(y, start, y, start, end - start);
                } else {
                    for (int row = start; row < end; row += rowStride) {
                        Tanh.apply(y, row, y, row, width);
                    }
                }
            }
        }
    }

    private static void sigmoid(float[] z, float[] bias, int biasOffset, int width, int rowStride, int start, int end,
                                float[] y) {
        for (int row = start; row < end; row += rowStride) {
            for (int c = 0; c < width; c++) {
                float sum = z[row + c] + bias[biasOffset + c];
                if (sum >= 0) {
                    y[row + c] = (float) (1 / (1 + Math.exp(-sum)));
                } else {
                    double e = Math.exp(sum);
                    y[row + c] = (float) (e / (1 + e));
                }
            }
        }
    }

    /**
     * {@code gz = g·f'(y)} and, when {@code biasGradient} is not null, {@code biasGradient[c] =
     * Σ_r gz[r, c]} (overwritten).
     */
    public static void backward(float[] g, float[] y, int rows, int channels, Function function, float[] gz,
                                float[] biasGradient) {
        int blocks = blocks(rows);
        double[] partial = biasGradient == null ? null : partialSums(blocks * channels);
        Parallel.forRange(blocks, 3L * rows * channels, (from, to) -> {
            for (int block = from; block < to; block++) {
                int start = block * ROWS_PER_BLOCK * channels;
                int end = Math.min(rows, (block + 1) * ROWS_PER_BLOCK) * channels;
                switch (function) {
                    case IDENTITY -> System.arraycopy(g, start, gz, start, end - start);
                    case RELU -> ROWS.keepWherePositive(g, start, y, start, gz, start, end - start);
                    case SIGMOID -> {
                        for (int i = start; i < end; i++) {
                            gz[i] = g[i] * (y[i] * (1f - y[i]));
                        }
                    }
                    case TANH -> {
                        for (int i = start; i < end; i++) {
                            gz[i] = g[i] * (1f - y[i] * y[i]);
                        }
                    }
                }
                if (partial != null) {
                    ROWS.addColumns(gz, start, end, channels, partial, block * channels);
                }
            }
        });
        if (biasGradient != null) {
            for (int c = 0; c < channels; c++) {
                double total = 0;
                for (int block = 0; block < blocks; block++) {
                    total += partial[block * channels + c];
                }
                biasGradient[c] = (float) total;
            }
        }
    }

    /**
     * ReLU's gradient over a row, {@code out[outOffset + i] = y[yOffset + i] > 0 ? g[gOffset + i] : +0}
     * for {@code i < length} ({@code y} may be ReLU's input or its output): the rule of the RELU
     * case of {@link #backward}, for the unfused operation.
     */
    public static void reluGradient(float[] g, int gOffset, float[] y, int yOffset, float[] out, int outOffset,
                                    int length) {
        ROWS.keepWherePositive(g, gOffset, y, yOffset, out, outOffset, length);
    }

    /** The calling thread's sums buffer, cleared, at least {@code length} long. */
    private static double[] partialSums(int length) {
        double[] sums = PARTIAL_SUMS.atLeast(length);
        java.util.Arrays.fill(sums, 0, length, 0.0);
        return sums;
    }

    private static int blocks(int rows) {
        return (rows + ROWS_PER_BLOCK - 1) / ROWS_PER_BLOCK;
    }
}
