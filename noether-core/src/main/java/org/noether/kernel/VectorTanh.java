package org.noether.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Tanh}'s rational function a vector of floats at a time: the same operations in the same
 * order as {@link Tanh#of}, so the results are bit-identical; the tail goes through the plain loop.
 *
 * <p>The work is two passes over chunks of a row, numerator then quotient: in one loop the twenty
 * vector operations exceed the JIT's inlining budget, and an operation left out of line falls back
 * to boxed Java code that is slower than {@link Math#tanh}.
 *
 * <p>Loaded only where {@link VectorSupport#enabled()} says the module is present.
 */
final class VectorTanh implements Tanh.Loop {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final int CHUNK = 1024;
    private static final ThreadLocal<float[]> NUMERATORS = ThreadLocal.withInitial(() -> new float[CHUNK]);

    @Override
    public void apply(float[] in, int xOffset, float[] out, int outOffset, int length) {
        int vectorLength = FLOATS.loopBound(length);
        float[] numerators = NUMERATORS.get();
        for (int start = 0; start < vectorLength; start += CHUNK) {
            int count = Math.min(CHUNK, vectorLength - start);
            numerators(in, xOffset + start, numerators, count);
            quotients(in, xOffset + start, numerators, out, outOffset + start, count);
        }
        Tanh.plain(in, xOffset + vectorLength, out, outOffset + vectorLength, length - vectorLength);
    }

    /** {@code p = x·P(x²)} of the clamped values; {@code count} is a multiple of the vector length. */
    private static void numerators(float[] in, int offset, float[] numerators, int count) {
        for (int j = 0; j < count; j += FLOATS.length()) {
            FloatVector x = clamped(in, offset + j);
            FloatVector x2 = x.mul(x);
            FloatVector p = x2.fma(Tanh.ALPHA_13, Tanh.ALPHA_11);
            p = x2.fma(p, FloatVector.broadcast(FLOATS, Tanh.ALPHA_9));
            p = x2.fma(p, FloatVector.broadcast(FLOATS, Tanh.ALPHA_7));
            p = x2.fma(p, FloatVector.broadcast(FLOATS, Tanh.ALPHA_5));
            p = x2.fma(p, FloatVector.broadcast(FLOATS, Tanh.ALPHA_3));
            p = x2.fma(p, FloatVector.broadcast(FLOATS, Tanh.ALPHA_1));
            x.mul(p).intoArray(numerators, j);
        }
    }

    /** {@code p/Q(x²)}, then x itself for tiny and ±1 for saturated inputs. */
    private static void quotients(float[] in, int offset, float[] numerators, float[] out, int outOffset, int count) {
        for (int j = 0; j < count; j += FLOATS.length()) {
            FloatVector value = FloatVector.fromArray(FLOATS, in, offset + j);
            FloatVector x = clamped(in, offset + j);
            FloatVector x2 = x.mul(x);
            FloatVector q = x2.fma(Tanh.BETA_6, Tanh.BETA_4);
            q = x2.fma(q, FloatVector.broadcast(FLOATS, Tanh.BETA_2));
            q = x2.fma(q, FloatVector.broadcast(FLOATS, Tanh.BETA_0));
            FloatVector magnitude = value.abs();
            FloatVector.fromArray(FLOATS, numerators, j).div(q)
                    .blend(x.div(Tanh.CLAMP), magnitude.compare(VectorOperators.GE, Tanh.SATURATION)) // ±CLAMP/CLAMP = ±1
                    .blend(value, magnitude.compare(VectorOperators.LT, Tanh.TINY))
                    .intoArray(out, outOffset + j);
        }
    }

    /** The values at {@code offset}, clamped to ±{@link Tanh#CLAMP} (NaN stays NaN, as in Math.min/max). */
    private static FloatVector clamped(float[] in, int offset) {
        return FloatVector.fromArray(FLOATS, in, offset).min(Tanh.CLAMP).max(-Tanh.CLAMP);
    }
}
