package org.noether.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The padded copy of an input against the boundary's rule, pixel by pixel, and convolutions that
 * pad (forward and kernel gradient, which read the padded copy) against sums over the patch
 * matrix, and their input gradient (scattered into a padded copy) as the forward map's adjoint, whose elements {@link ConvPatchesTest} checks against the definition: every boundary,
 * 'same', 'full' and uneven explicit padding, strides, dilation, one to twenty channels, groups.
 */
class PaddedInputTest {
    /** {batch, h, w, channels, kernel h, w, filters, stride, dilation, groups, padding: 1 same, 2 full, 3 explicit}. */
    private static final int[][] GEOMETRIES = {
        {2, 7, 6, 1, 5, 5, 4, 1, 1, 1, 1}, {2, 9, 8, 3, 3, 3, 5, 2, 1, 1, 1}, {1, 6, 7, 2, 3, 2, 3, 1, 2, 1, 2},
        {3, 5, 5, 20, 3, 3, 6, 1, 1, 2, 1}, {2, 6, 5, 4, 2, 3, 3, 1, 1, 1, 3},
        // 16 channels per group: the input gradient scatters over the border instead of padding.
        {2, 5, 6, 16, 3, 3, 4, 1, 1, 1, 1},
    };

    @ParameterizedTest
    @EnumSource(Boundary.class)
    void paddedCopyAndConvolutionsFollowTheDefinition(Boundary boundary) {
        SplittableRandom random = new SplittableRandom(11);
        for (int[] spec : GEOMETRIES) {
            Padding padding = switch (spec[10]) {
                case 1 -> Padding.same();
                case 2 -> Padding.full();
                default -> Padding.explicit(2, 0, 1, 3);
            };
            int channels = spec[3];
            int groups = spec[9];
            ConvGeometry g = ConvGeometry.convolution("test", new int[] {spec[0], spec[1], spec[2], channels},
                    new int[] {spec[4], spec[5], channels / groups, spec[6]}, new int[] {spec[7], spec[7]},
                    new int[] {spec[8], spec[8]}, padding, boundary, groups);
            String what = Arrays.toString(spec) + " " + boundary;
            assertTrue(PaddedInput.pads(g), what);
            float[] x = uniform(random, g.inputSize());

            ConvGeometry inside = PaddedInput.geometry(g);
            assertEquals(g.outputSize(), inside.outputSize(), what);
            float[] padded = new float[inside.inputSize()];
            Arrays.fill(padded, Float.NaN);
            PaddedInput.pad(g, x, padded);
            for (int image = 0; image < g.batch(); image++) {
                for (int y = 0; y < inside.inputHeight(); y++) {
                    for (int xx = 0; xx < inside.inputWidth(); xx++) {
                        int sourceY = boundary.map(y - g.padTop(), g.inputHeight());
                        int sourceX = boundary.map(xx - g.padLeft(), g.inputWidth());
                        for (int c = 0; c < channels; c++) {
                            float expected = sourceY < 0 || sourceX < 0 ? 0f
                                    : x[((image * g.inputHeight() + sourceY) * g.inputWidth() + sourceX) * channels + c];
                            assertEquals(expected, padded[((image * inside.inputHeight() + y) * inside.inputWidth() + xx)
                                    * channels + c], 0f, what + " padded pixel " + image + "," + y + "," + xx);
                        }
                    }
                }
            }

            int filters = g.groupOutputChannels();
            float[] kernel = uniform(random, g.patchSize() * g.outputChannels());
            float[] y = new float[g.outputSize()];
            Convolution.forward(g, x, kernel, y);
            float[] dy = uniform(random, y.length);
            float[] dkernel = new float[kernel.length];
            Convolution.kernelGradient(g, x, dy, dkernel);
            int rows = g.batch() * g.outputPositions();
            double[] expectedDkernel = new double[kernel.length];
            for (int group = 0; group < groups; group++) {
                ConvPatches patches = ConvPatches.of(g, x, group, false);
                for (int row = 0; row < rows; row++) {
                    for (int f = 0; f < filters; f++) {
                        int channel = group * filters + f;
                        double sum = 0;
                        for (int q = 0; q < g.patchSize(); q++) {
                            sum += (double) patches.get(row, q) * kernel[q * g.outputChannels() + channel];
                            expectedDkernel[q * g.outputChannels() + channel] +=
                                    (double) patches.get(row, q) * dy[row * g.outputChannels() + channel];
                        }
                        assertEquals(sum, y[row * g.outputChannels() + channel], 1e-5 * (1 + Math.abs(sum)),
                                what + " forward at row " + row + ", channel " + channel);
                    }
                }
            }
            for (int i = 0; i < kernel.length; i++) {
                assertEquals(expectedDkernel[i], dkernel[i], 1e-4 * (1 + Math.abs(expectedDkernel[i])),
                        what + " kernel gradient at " + i);
            }
            // The input gradient is the forward map's adjoint: <dy, conv(x)> = <inputGradient(dy), x>.
            float[] dx = new float[x.length];
            Arrays.fill(dx, Float.NaN);
            Convolution.inputGradient(g, dy, kernel, dx);
            double forwardSide = dot(dy, y);
            assertEquals(forwardSide, dot(dx, x), 1e-4 * (1 + Math.abs(forwardSide)), what + " input gradient");
        }
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static float[] uniform(SplittableRandom random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextDouble(-1, 1);
        }
        return values;
    }
}
