package org.noether.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Both tanh loops: within one ulp of the double-precision {@link Math#tanh} over the whole range,
 * the special values (NaN, ±∞, −0, tiny and saturated inputs), ragged lengths and in place.
 */
class TanhTest {
    private static final Tanh.Loop[] LOOPS = {Tanh::plain, new VectorTanh()};

    @Test
    void withinOneUlpOfTheExactValueOnEveryLoop() {
        int n = 200_001;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) ((i - n / 2) * (24.0 / n)); // −12 … 12, through 0
        }
        for (Tanh.Loop loop : LOOPS) {
            float[] y = new float[n];
            loop.apply(x, 0, y, 0, n);
            for (int i = 0; i < n; i++) {
                double exact = Math.tanh(x[i]);
                assertTrue(Math.abs(y[i] - exact) <= Math.ulp((float) exact),
                        loop + ": tanh(" + x[i] + ") = " + y[i] + ", exact " + exact);
            }
        }
    }

    @Test
    void specialValuesOnEveryLoop() {
        float[] x = {Float.NaN, -0f, 0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e-30f, -1e-7f, 9.5f,
            -40f, 1f, Float.MIN_VALUE, -Float.MAX_VALUE, 0.5f, -3f, 20f, 21f};
        for (Tanh.Loop loop : LOOPS) {
            float[] y = new float[x.length];
            loop.apply(x, 0, y, 0, x.length);
            assertTrue(Float.isNaN(y[0]));
            assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(y[1]), "-0 stays -0");
            assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(y[2]));
            assertEquals(1f, y[3]);
            assertEquals(-1f, y[4]);
            assertEquals(1e-30f, y[5]);
            assertEquals(-1e-7f, y[6]);
            assertEquals(1f, y[7], "tanh rounds to 1 in float from about 9.01");
            assertEquals(-1f, y[8]);
            assertEquals(0.7615942f, y[9]);
            assertEquals(Float.MIN_VALUE, y[10]);
            assertEquals(-1f, y[11]);
        }
    }

    @Test
    void raggedLengthsOffsetsAndInPlace() {
        SplittableRandom random = new SplittableRandom(5);
        for (int length : new int[] {0, 1, 7, 8, 9, 15, 16, 17, 1000}) {
            float[] x = new float[length + 3];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextDouble(-6, 6);
            }
            float[] expected = new float[length + 1];
            Tanh.plain(x, 3, expected, 1, length);
            float[] vector = new float[length + 1];
            new VectorTanh().apply(x, 3, vector, 1, length);
            float[] inPlace = x.clone();
            Tanh.apply(inPlace, 3, inPlace, 3, length);
            for (int i = 0; i < length; i++) {
                float ulp = Math.ulp(expected[1 + i]);
                assertEquals(expected[1 + i], vector[1 + i], ulp, "tanh(" + x[3 + i] + "), length " + length);
                assertEquals(expected[1 + i], inPlace[3 + i], ulp, "in place, tanh(" + x[3 + i] + ")");
            }
            assertEquals(0f, vector[0], "nothing written before the offset");
        }
    }
}
