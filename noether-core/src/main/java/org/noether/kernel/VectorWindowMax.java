package org.noether.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The maxima of a pooling window with the Vector API: a vector of channels at a time, the running
 * maximum and the index of its winner in registers, updated by a compare and two blends per tap —
 * the plain loop's branch per element made lane masks. Same results as {@link Pooling#windowMax}:
 * a larger value wins, ties keep the first, a NaN wins once and stays.
 *
 * <p>Loaded only where {@link VectorSupport#enabled()} says the module is present.
 */
final class VectorWindowMax implements Pooling.WindowMax {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, FLOATS.vectorShape());
    private static final int LANES = FLOATS.length();

    @Override
    public void apply(float[] x, int[] inputOffsets, int taps, int from, int to, float[] y, int[] argmax,
                      int outputOffset) {
        IntVector lanes = IntVector.zero(INTS).addIndex(1);
        int c = from;
        for (; c + LANES <= to; c += LANES) {
            FloatVector best = FloatVector.fromArray(FLOATS, x, inputOffsets[0] + c);
            IntVector bestIndex = lanes.add(inputOffsets[0] + c);
            for (int t = 1; t < taps; t++) {
                FloatVector value = FloatVector.fromArray(FLOATS, x, inputOffsets[t] + c);
                // x != x is NaN: test(IS_NAN) and mask chains built on it are not intrinsics and would allocate.
                VectorMask<Float> wins = value.compare(VectorOperators.GT, best)
                        .or(value.compare(VectorOperators.NE, value).andNot(best.compare(VectorOperators.NE, best)));
                best = best.blend(value, wins);
                bestIndex = bestIndex.blend(lanes.add(inputOffsets[t] + c), wins.cast(INTS));
            }
            best.intoArray(y, outputOffset + c);
            bestIndex.intoArray(argmax, outputOffset + c);
        }
        Pooling.windowMax(x, inputOffsets, taps, c, to, y, argmax, outputOffset);
    }
}
