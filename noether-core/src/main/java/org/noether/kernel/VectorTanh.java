package org.noether.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Tanh} a vector at a time: floats widened to doubles, {@code sign(x)·t/(t + 2)} with
 * {@code t = expm1(2·min(|x|, 20))} (the JDK's vectorized expm1), narrowed back to floats; the tail
 * goes through the plain loop. Beyond |x| = 20 tanh is ±1 in double already, and the clamp keeps
 * {@code t} finite. NaN stays NaN, and −0 stays −0.
 *
 * <p>Loaded only where {@link VectorSupport#enabled()} says the module is present.
 */
final class VectorTanh implements Tanh.Loop {
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    /** As many floats as DOUBLES has doubles. */
    private static final VectorSpecies<Float> FLOATS =
            FloatVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(DOUBLES.length() * Float.SIZE));

    @Override
    public void apply(float[] x, int xOffset, float[] out, int outOffset, int length) {
        int lanes = DOUBLES.length();
        int j = 0;
        for (; j + lanes <= length; j += lanes) {
            DoubleVector value = (DoubleVector) FloatVector.fromArray(FLOATS, x, xOffset + j)
                    .convertShape(VectorOperators.F2D, DOUBLES, 0);
            DoubleVector t = value.abs().min(20.0).mul(2.0).lanewise(VectorOperators.EXPM1);
            DoubleVector magnitude = t.div(t.add(2.0));
            // The sign bit of x on |tanh x|: keeps −0 and the sign of every other value.
            DoubleVector signed = magnitude.viewAsIntegralLanes()
                    .or(value.viewAsIntegralLanes().and(Long.MIN_VALUE))
                    .viewAsFloatingLanes()
                    .reinterpretAsDoubles();
            signed.convertShape(VectorOperators.D2F, FLOATS, 0).reinterpretAsFloats().intoArray(out, outOffset + j);
        }
        Tanh.plain(x, xOffset + j, out, outOffset + j, length - j);
    }
}
