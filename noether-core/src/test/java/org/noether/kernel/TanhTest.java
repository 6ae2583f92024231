package org.noether.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The float tanh: its error against the double-precision {@link Math#tanh} over the whole range,
 * its special values, and the vector loop agreeing bit for bit with the plain one, in place too.
 */
class TanhTest {
    @Test
    void withinThreeTenthsOfAMillionthOfTheExactValue() {
        double worst = 0;
        float worstAt = 0;
        for (float x = 1e-8f; x < 12f; x *= 1.0003f) {
            for (float value : new float[] {x, -x}) {
                double exact = Math.tanh(value);
                double error = Math.abs(Tanh.of(value) - exact) / Math.abs(exact);
                if (error > worst) {
                    worst = error;
                    worstAt = value;
                }
            }
        }
        assertTrue(worst < 3e-7, "relative error " + worst + " at " + worstAt);
    }

    @Test
    void specialValues() {
        assertEquals(1f, Tanh.of(Float.POSITIVE_INFINITY));
        assertEquals(-1f, Tanh.of(Float.NEGATIVE_INFINITY));
        assertEquals(1f, Tanh.of(9.5f), "tanh rounds to 1 in float from about 9.01");
        assertEquals(-1f, Tanh.of(-20f));
        assertTrue(Float.isNaN(Tanh.of(Float.NaN)));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(Tanh.of(-0f)), "-0 stays -0");
        assertEquals(0f, Tanh.of(0f));
        assertEquals(1e-5f, Tanh.of(1e-5f), "x itself below 4e-4");
        assertEquals(0.7615942f, Tanh.of(1f), 1e-7f);
    }

    @Test
    void vectorAndPlainLoopsAgreeBitForBitAlsoInPlace() {
        SplittableRandom random = new SplittableRandom(5);
        for (int length : new int[] {0, 1, 15, 16, 17, 1023, 1024, 3000}) {
            float[] x = new float[length + 3];
            for (int i = 0; i < x.length; i++) {
                int kind = random.nextInt(40);
                x[i] = kind == 0 ? Float.NaN : kind == 1 ? Float.POSITIVE_INFINITY : kind == 2 ? -0f
                        : kind == 3 ? (float) random.nextDouble(-1e-3, 1e-3) : (float) random.nextDouble(-12, 12);
            }
            float[] plain = new float[length + 1];
            float[] vector = new float[length + 1];
            Tanh.plain(x, 3, plain, 1, length);
            new VectorTanh().apply(x, 3, vector, 1, length);
            float[] inPlace = x.clone();
            new VectorTanh().apply(inPlace, 3, inPlace, 3, length);
            for (int i = 0; i < length; i++) {
                int expected = Float.floatToRawIntBits(plain[1 + i]);
                assertEquals(expected, Float.floatToRawIntBits(vector[1 + i]), "tanh(" + x[3 + i] + "), length " + length);
                assertEquals(expected, Float.floatToRawIntBits(inPlace[3 + i]), "in place, tanh(" + x[3 + i] + ")");
            }
        }
    }
}
