package org.noether.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The two loops of a max-pooling window agree bit for bit, including the rules the gradient
 * depends on: ties go to the first tap, a NaN wins once and stays; channel counts that are not a
 * multiple of the vector length end in the plain loop.
 */
class WindowMaxTest {
    @Test
    void vectorAndPlainLoopsAgreeOnTiesNansAndRaggedChannels() {
        SplittableRandom random = new SplittableRandom(3);
        for (int channels : new int[] {1, 7, 16, 37, 64}) {
            int taps = 4;
            float[] x = new float[taps * channels + 5];
            for (int i = 0; i < x.length; i++) {
                // Few distinct values, so that ties are common; now and then a NaN.
                x[i] = random.nextInt(50) == 0 ? Float.NaN : random.nextInt(4);
            }
            int[] offsets = {5, 5 + channels, 5 + 2 * channels, 5 + 3 * channels};
            float[] plainY = new float[channels + 2];
            int[] plainIndex = new int[channels + 2];
            float[] vectorY = new float[channels + 2];
            int[] vectorIndex = new int[channels + 2];
            Pooling.windowMax(x, offsets, taps, 0, channels, plainY, plainIndex, 2);
            new VectorWindowMax().apply(x, offsets, taps, 0, channels, vectorY, vectorIndex, 2);
            assertArrayEquals(plainY, vectorY, "values, " + channels + " channels");
            assertArrayEquals(plainIndex, vectorIndex, "winners, " + channels + " channels");
            for (int c = 0; c < channels; c++) {
                int winner = plainIndex[2 + c];
                float value = x[winner];
                assertTrue(Float.isNaN(plainY[2 + c]) ? Float.isNaN(value) : value == plainY[2 + c]);
                for (int t = 0; t < taps && offsets[t] + c < winner; t++) {
                    float earlier = x[offsets[t] + c];
                    assertTrue(Float.isNaN(value) ? !Float.isNaN(earlier) : earlier < value && !Float.isNaN(earlier),
                            "an earlier tap " + earlier + " would have won over " + value);
                }
            }
        }
    }

    @Test
    void aNanStaysTheWinnerOnceItWins() {
        float[] x = {1, Float.NaN, 5, Float.NaN};
        float[] y = new float[1];
        int[] index = new int[1];
        Pooling.windowMax(x, new int[] {0, 1, 2, 3}, 4, 0, 1, y, index, 0);
        assertTrue(Float.isNaN(y[0]));
        assertEquals(1, index[0]);
    }
}
