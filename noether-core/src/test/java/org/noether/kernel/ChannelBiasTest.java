package org.noether.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fused bias, activation and their gradient against element-by-element references, for row
 * widths below, at and past whole vectors (1 to 40 channels) and for blocks whose rows are further
 * apart than their width, as a GEMM epilogue sees them. Runs on both kernel paths.
 */
class ChannelBiasTest {
    private static final int[] WIDTHS = {1, 7, 16, 20, 33, 40};

    @Test
    void forwardAndBlocksMatchTheElementRule() {
        SplittableRandom random = new SplittableRandom(4);
        for (int width : WIDTHS) {
            int rows = 37;
            float[] z = fill(random, rows * width);
            z[0] = Float.NaN;
            z[Math.min(1, z.length - 1)] = -0f;
            float[] bias = fill(random, width);
            for (ChannelBias.Function function : ChannelBias.Function.values()) {
                float[] expected = new float[z.length];
                for (int i = 0; i < z.length; i++) {
                    expected[i] = activate(function, z[i] + bias[i % width]);
                }
                float[] y = new float[z.length];
                ChannelBias.forward(z, bias, rows, width, function, y);
                assertArrayEquals(expected, y, tolerance(function), function + " width " + width);

                // A block of 5 rows, 3 columns in, of a wider matrix (row stride width + 5), in place.
                int stride = width + 5;
                float[] matrix = fill(random, 9 * stride);
                float[] before = matrix.clone();
                int blockWidth = Math.max(1, width - 3);
                int biasStart = Math.min(1, width - blockWidth);
                ChannelBias.block(matrix, 2 * stride + 3, stride, 5, bias, biasStart, blockWidth, function);
                for (int i = 0; i < matrix.length; i++) {
                    int row = i / stride;
                    int column = i % stride;
                    boolean inside = row >= 2 && row < 7 && column >= 3 && column < 3 + blockWidth;
                    float want = inside ? activate(function, before[i] + bias[biasStart + column - 3]) : before[i];
                    assertEquals(want, matrix[i], tolerance(function), function + " block, width " + width + " at " + i);
                }
            }
        }
    }

    @Test
    void gradientsAndBiasSumsMatchTheElementRule() {
        SplittableRandom random = new SplittableRandom(5);
        for (int width : WIDTHS) {
            int rows = 600;
            float[] g = fill(random, rows * width);
            float[] y = fill(random, rows * width);
            y[0] = 0f;
            y[Math.min(2, y.length - 1)] = Float.NaN;
            for (ChannelBias.Function function : ChannelBias.Function.values()) {
                float[] gz = new float[g.length];
                float[] biasGradient = new float[width];
                ChannelBias.backward(g, y, rows, width, function, gz, biasGradient);
                double[] sums = new double[width];
                for (int i = 0; i < g.length; i++) {
                    float expected = switch (function) {
                        case IDENTITY -> g[i];
                        case RELU -> y[i] > 0 ? g[i] : 0f;
                        case SIGMOID -> g[i] * (y[i] * (1f - y[i]));
                        case TANH -> g[i] * (1f - y[i] * y[i]);
                    };
                    assertEquals(expected, gz[i], 0f, function + " width " + width + " at " + i);
                    sums[i % width] += gz[i];
                }
                for (int c = 0; c < width; c++) {
                    String what = function + " bias sum, width " + width + ", channel " + c;
                    if (Double.isNaN(sums[c])) {
                        assertTrue(Float.isNaN(biasGradient[c]), what);
                    } else {
                        assertEquals((float) sums[c], biasGradient[c], 1e-4f * Math.max(1, Math.abs(sums[c])), what);
                    }
                }
            }
        }
    }

    private static float activate(ChannelBias.Function function, float sum) {
        return switch (function) {
            case IDENTITY -> sum;
            case RELU -> Math.max(sum, 0f);
            case SIGMOID -> (float) (1 / (1 + Math.exp(-sum)));
            case TANH -> (float) Math.tanh(sum);
        };
    }

    private static float tolerance(ChannelBias.Function function) {
        return function == ChannelBias.Function.IDENTITY || function == ChannelBias.Function.RELU ? 0f : 1e-6f;
    }

    private static float[] fill(SplittableRandom random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextDouble(-2, 2);
        }
        return values;
    }
}
