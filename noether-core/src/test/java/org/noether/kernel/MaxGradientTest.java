package org.noether.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Max pooling's gradient written pixel by pixel equals the output gradient added at the winners
 * (the scatter it replaces), for disjoint windows that cover the input, leave rows and columns
 * out, leave gaps between them, or reach into zero padding; and overlapping windows or a border
 * rule that wraps are not taken for disjoint.
 */
class MaxGradientTest {
    /** {batch, height, width, channels, pool, stride, padding: 0 valid, 1 same}. */
    private static final int[][] GEOMETRIES = {
        {2, 6, 6, 3, 2, 2, 0}, {1, 5, 7, 17, 2, 2, 0}, {2, 5, 5, 16, 2, 2, 1}, {1, 7, 8, 4, 2, 3, 0},
        {1, 8, 7, 5, 3, 3, 1}, {3, 4, 4, 40, 4, 4, 0}, {2, 7, 7, 6, 3, 3, 1},
    };

    @Test
    void pixelByPixelGradientEqualsTheScatterAtTheWinners() {
        SplittableRandom random = new SplittableRandom(7);
        for (int[] spec : GEOMETRIES) {
            ConvGeometry g = ConvGeometry.pooling("test", new int[] {spec[0], spec[1], spec[2], spec[3]}, spec[4],
                    spec[4], new int[] {spec[5], spec[5]}, spec[6] == 1 ? Padding.same() : Padding.valid(),
                    Boundary.ZEROS);
            String what = Arrays.toString(spec);
            assertTrue(Pooling.windowsAreDisjoint(g), what);
            float[] x = values(random, g.inputSize());
            float[] y = new float[g.outputSize()];
            int[] argmax = new int[g.outputSize()];
            Pooling.max(g, x, y, argmax);
            float[] dy = values(random, g.outputSize());
            float[] expected = new float[g.inputSize()];
            for (int i = 0; i < argmax.length; i++) {
                expected[argmax[i]] += dy[i];
            }
            float[] dx = new float[g.inputSize()];
            Arrays.fill(dx, Float.NaN);
            Pooling.maxGradient(g, dy, argmax, dx);
            assertArrayEquals(expected, dx, what);
        }
    }

    @Test
    void overlappingOrWrappingWindowsAreNotDisjoint() {
        int[] input = {1, 6, 6, 2};
        assertFalse(Pooling.windowsAreDisjoint(ConvGeometry.pooling("overlap", input, 3, 3, new int[] {2, 2},
                Padding.valid(), Boundary.ZEROS)));
        ConvGeometry wrapping = ConvGeometry.pooling("periodic", new int[] {1, 7, 7, 2}, 3, 3, new int[] {3, 3},
                Padding.same(), Boundary.PERIODIC);
        assertTrue(wrapping.padBottom() > 0);
        assertFalse(Pooling.windowsAreDisjoint(wrapping));
        assertTrue(Pooling.windowsAreDisjoint(ConvGeometry.pooling("periodic, no padding", input, 3, 3,
                new int[] {3, 3}, Padding.valid(), Boundary.PERIODIC)));
    }

    private static float[] values(SplittableRandom random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextDouble(-1, 1);
        }
        return values;
    }
}
