package org.noether.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The direct depthwise convolution against the same convolution as a dense one whose kernel is
 * zero off the channel diagonal (computed by the matrix products): forward with and without bias
 * and activation, both gradients, over strides, dilation, padding modes and every boundary; and
 * the same bits on one, two and three threads.
 */
class DepthwiseConvolutionTest {
    private static final int ORIGINAL_THREADS = Parallel.threads();

    /** {batch, input h, w, channels, kernel h, w, stride, dilation, padding: 0 valid, 1 same, 2 full}. */
    private static final int[][] GEOMETRIES = {
        {2, 7, 8, 3, 3, 3, 1, 1, 1}, {3, 9, 7, 32, 3, 3, 2, 1, 1}, {2, 8, 8, 20, 3, 2, 1, 2, 0},
        {1, 6, 5, 2, 5, 5, 1, 1, 2}, {35, 5, 6, 17, 3, 3, 1, 1, 1}, {2, 10, 9, 48, 7, 7, 2, 1, 1},
    };

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(ORIGINAL_THREADS);
    }

    @ParameterizedTest
    @EnumSource(Boundary.class)
    void matchesTheDenseConvolutionWithADiagonalKernel(Boundary boundary) {
        SplittableRandom random = new SplittableRandom(5);
        for (int[] spec : GEOMETRIES) {
            int channels = spec[3];
            ConvGeometry depthwise = geometry(spec, boundary, channels);
            ConvGeometry dense = geometry(spec, boundary, 1);
            assertTrue(DepthwiseConvolution.applies(depthwise));
            assertFalse(DepthwiseConvolution.applies(dense));
            int taps = spec[4] * spec[5];
            float[] x = uniform(random, depthwise.inputSize());
            float[] kernel = uniform(random, taps * channels);
            float[] bias = uniform(random, channels);
            float[] diagonal = new float[taps * channels * channels];
            for (int tap = 0; tap < taps; tap++) {
                for (int c = 0; c < channels; c++) {
                    diagonal[(tap * channels + c) * channels + c] = kernel[tap * channels + c];
                }
            }
            String what = java.util.Arrays.toString(spec) + " " + boundary;

            float[] y = new float[depthwise.outputSize()];
            float[] expected = new float[dense.outputSize()];
            Convolution.forward(depthwise, x, kernel, y);
            Convolution.forward(dense, x, diagonal, expected);
            assertClose(expected, y, "forward " + what);
            Convolution.forward(depthwise, x, kernel, bias, ChannelBias.Function.TANH, y);
            Convolution.forward(dense, x, diagonal, bias, ChannelBias.Function.TANH, expected);
            assertClose(expected, y, "forward with bias and tanh " + what);

            float[] dy = uniform(random, y.length);
            float[] dx = new float[x.length];
            float[] expectedDx = new float[x.length];
            Convolution.inputGradient(depthwise, dy, kernel, dx);
            Convolution.inputGradient(dense, dy, diagonal, expectedDx);
            assertClose(expectedDx, dx, "input gradient " + what);

            float[] dkernel = new float[kernel.length];
            float[] denseGradient = new float[diagonal.length];
            Convolution.kernelGradient(depthwise, x, dy, dkernel);
            Convolution.kernelGradient(dense, x, dy, denseGradient);
            float[] expectedDkernel = new float[kernel.length];
            for (int tap = 0; tap < taps; tap++) {
                for (int c = 0; c < channels; c++) {
                    expectedDkernel[tap * channels + c] = denseGradient[(tap * channels + c) * channels + c];
                }
            }
            assertClose(expectedDkernel, dkernel, "kernel gradient " + what);
        }
    }

    @Test
    void sameBitsOnOneTwoAndThreeThreads() {
        SplittableRandom random = new SplittableRandom(7);
        // 40 images: the kernel gradient's images fall into chunks of two.
        ConvGeometry g = geometry(new int[] {40, 12, 11, 24, 3, 3, 1, 1, 1}, Boundary.REFLECT, 24);
        float[] x = uniform(random, g.inputSize());
        float[] kernel = uniform(random, 9 * 24);
        float[] dy = uniform(random, g.outputSize());
        float[][] first = null;
        for (int threads = 1; threads <= 3; threads++) {
            Parallel.setThreads(threads);
            float[] y = new float[g.outputSize()];
            float[] dx = new float[g.inputSize()];
            float[] dkernel = new float[kernel.length];
            Convolution.forward(g, x, kernel, null, ChannelBias.Function.RELU, y);
            Convolution.inputGradient(g, dy, kernel, dx);
            Convolution.kernelGradient(g, x, dy, dkernel);
            if (first == null) {
                first = new float[][] {y, dx, dkernel};
            } else {
                assertArrayEquals(first[0], y, "forward on " + threads + " threads");
                assertArrayEquals(first[1], dx, "input gradient on " + threads + " threads");
                assertArrayEquals(first[2], dkernel, "kernel gradient on " + threads + " threads");
            }
        }
    }

    private static ConvGeometry geometry(int[] spec, Boundary boundary, int groups) {
        Padding padding = spec[8] == 0 ? Padding.valid() : spec[8] == 1 ? Padding.same() : Padding.full();
        return ConvGeometry.convolution("test", new int[] {spec[0], spec[1], spec[2], spec[3]},
                new int[] {spec[4], spec[5], spec[3] / groups, spec[3]}, new int[] {spec[6], spec[6]},
                new int[] {spec[7], spec[7]}, padding, boundary, groups);
    }

    private static float[] uniform(SplittableRandom random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextDouble(-1, 1);
        }
        return values;
    }

    /** Equal up to the rounding of sums taken in a different order (the dense sums add exact zeros). */
    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5f * (1 + Math.abs(expected[i])), what + " at " + i);
        }
    }
}
