package org.noether.kernel;

/**
 * {@code tanh x} in single precision, as a rational function:
 * {@code tanh x ≈ x·P(x²)/Q(x²)} with P of degree 6 and Q of degree 3 in {@code x²}, on
 * {@code |x| ≤ 7.9053} (further out, its value there), {@code x} itself for {@code |x| < 0.0004}
 * and ±1 from {@code |x| ≥ 9.02}, where tanh rounds to ±1 in float. The coefficients are the
 * minimax fit that Eigen uses for its float tanh.
 *
 * <p>Within 3e-7 relative of the exact value (tested against {@link Math#tanh} in double), with no
 * call into {@code StrictMath}: a tanh network (a physics-informed MLP is dozens of them per step)
 * spent a fifth of its time in {@code Math.tanh}. The plain loop and the Vector API loop
 * ({@link VectorTanh}) evaluate the same expression with the same fused multiply-adds, so both give
 * bit-identical results.
 *
 * <pre>{@code Tanh.apply(x, 0, y, 0, x.length);}</pre>
 */
public final class Tanh {
    static final float CLAMP = 7.90531110763549805f;
    static final float TINY = 0.0004f;
    static final float SATURATION = 9.02f;
    static final float ALPHA_1 = 4.89352455891786e-03f;
    static final float ALPHA_3 = 6.37261928875436e-04f;
    static final float ALPHA_5 = 1.48572235717979e-05f;
    static final float ALPHA_7 = 5.12229709037114e-08f;
    static final float ALPHA_9 = -8.60467152213735e-11f;
    static final float ALPHA_11 = 2.00018790482477e-13f;
    static final float ALPHA_13 = -2.76076847742355e-16f;
    static final float BETA_0 = 4.89352518554385e-03f;
    static final float BETA_2 = 2.26843463243900e-03f;
    static final float BETA_4 = 1.18534705686654e-04f;
    static final float BETA_6 = 1.19825839466702e-06f;

    /** Loops over a row: the Vector API one where available. */
    @FunctionalInterface
    interface Loop {
        void apply(float[] x, int xOffset, float[] out, int outOffset, int length);
    }

    private static final Loop LOOP = VectorSupport.enabled() ? new VectorTanh() : Tanh::plain;

    private Tanh() {
    }

    /** {@code out[outOffset + j] = tanh(x[xOffset + j])} for {@code j < length}; in place is allowed. */
    public static void apply(float[] x, int xOffset, float[] out, int outOffset, int length) {
        LOOP.apply(x, xOffset, out, outOffset, length);
    }

    /** One value. NaN stays NaN; ±∞ gives ±1; −0 stays −0. */
    public static float of(float value) {
        if (Math.abs(value) < TINY) {
            return value;
        }
        if (Math.abs(value) >= SATURATION) {
            return Math.copySign(1f, value);
        }
        float x = Math.max(Math.min(value, CLAMP), -CLAMP);
        if (x != x) {
            return x;
        }
        float x2 = x * x;
        float p = Math.fma(x2, ALPHA_13, ALPHA_11);
        p = Math.fma(x2, p, ALPHA_9);
        p = Math.fma(x2, p, ALPHA_7);
        p = Math.fma(x2, p, ALPHA_5);
        p = Math.fma(x2, p, ALPHA_3);
        p = Math.fma(x2, p, ALPHA_1);
        p = x * p;
        float q = Math.fma(x2, BETA_6, BETA_4);
        q = Math.fma(x2, q, BETA_2);
        q = Math.fma(x2, q, BETA_0);
        return p / q;
    }

    static void plain(float[] x, int xOffset, float[] out, int outOffset, int length) {
        for (int j = 0; j < length; j++) {
            out[outOffset + j] = of(x[xOffset + j]);
        }
    }
}
