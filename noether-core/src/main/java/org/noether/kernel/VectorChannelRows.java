package org.noether.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ChannelRows} a vector at a time, the same float and double operations in the
 * same order as the plain loops (bias sums widen each float to double before adding), so results
 * are identical; a row's last values past a whole vector go through the plain loop, except in the
 * pooling windows, which take them in one masked vector (LeNet's pooling windows are 6 and 16
 * channels, all or mostly tail). A masked tail in {@link #addRun} made the scatter of LeNet's
 * input gradient 8% faster, but once in several runs of a residual network C2 compiled that
 * method's vector add as a call that allocates (70 MB per step); it was taken out.
 *
 * <p>Loaded only where {@link VectorSupport#enabled()} says the module is present.
 */
final class VectorChannelRows implements ChannelRows {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, FLOATS.vectorShape());
    private static final ThreadBuffer<float[]> REPEATED_BIAS = ThreadBuffer.floats();
    /** As many floats as DOUBLES has doubles. */
    private static final VectorSpecies<Float> NARROW_FLOATS =
            FloatVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(DOUBLES.length() * Float.SIZE));

    @Override
    public void addBias(float[] z, float[] bias, int biasOffset, int width, int rowStride, int start, int end,
                        float[] y, boolean relu) {
        int whole = FLOATS.loopBound(width);
        if (whole == 0 && rowStride == width) {
            addBiasAcrossRows(z, bias, biasOffset, width, start, end, y, relu);
            return;
        }
        for (int row = start; row < end; row += rowStride) {
            for (int c = 0; c < whole; c += FLOATS.length()) {
                FloatVector sum = FloatVector.fromArray(FLOATS, z, row + c)
                        .add(FloatVector.fromArray(FLOATS, bias, biasOffset + c));
                if (relu) {
                    sum = sum.lanewise(VectorOperators.MAX, 0f);
                }
                sum.intoArray(y, row + c);
            }
            if (whole < width) {
                ChannelRows.PLAIN.addBias(z, bias, biasOffset + whole, width - whole, rowStride, row + whole,
                        row + width, y, relu);
            }
        }
    }

    /**
     * Rows narrower than a vector that follow each other ({@code [start, end)}, a multiple of
     * {@code width}): vectors straddle rows and take the bias from a copy repeated along a vector,
     * where row by row every value went through the plain loop (LeNet's 6 filters: 4% of a step).
     */
    private static void addBiasAcrossRows(float[] z, float[] bias, int biasOffset, int width, int start, int end,
                                          float[] y, boolean relu) {
        int lanes = FLOATS.length();
        float[] repeated = REPEATED_BIAS.atLeast(width + lanes);
        for (int j = 0; j < width + lanes; j++) {
            repeated[j] = bias[biasOffset + j % width];
        }
        int length = end - start;
        int whole = FLOATS.loopBound(length);
        for (int i = 0, phase = 0; i < whole; i += lanes, phase = (phase + lanes) % width) {
            FloatVector sum = FloatVector.fromArray(FLOATS, z, start + i)
                    .add(FloatVector.fromArray(FLOATS, repeated, phase));
            if (relu) {
                sum = sum.lanewise(VectorOperators.MAX, 0f);
            }
            sum.intoArray(y, start + i);
        }
        for (int i = whole; i < length; i++) {
            float sum = z[start + i] + repeated[i % width];
            y[start + i] = relu ? Math.max(sum, 0f) : sum;
        }
    }

    @Override
    public void addColumns(float[] values, int start, int end, int channels, double[] sums, int sumsOffset) {
        int whole = DOUBLES.loopBound(channels);
        for (int row = start; row < end; row += channels) {
            for (int c = 0; c < whole; c += DOUBLES.length()) {
                DoubleVector wide = (DoubleVector) FloatVector.fromArray(NARROW_FLOATS, values, row + c)
                        .convertShape(VectorOperators.F2D, DOUBLES, 0);
                wide.add(DoubleVector.fromArray(DOUBLES, sums, sumsOffset + c)).intoArray(sums, sumsOffset + c);
            }
            for (int c = whole; c < channels; c++) {
                sums[sumsOffset + c] += values[row + c];
            }
        }
    }

    @Override
    public void keepWherePositive(float[] g, int gOffset, float[] y, int yOffset, float[] out, int outOffset,
                                  int length) {
        int whole = FLOATS.loopBound(length);
        FloatVector zero = FloatVector.zero(FLOATS);
        for (int i = 0; i < whole; i += FLOATS.length()) {
            FloatVector values = FloatVector.fromArray(FLOATS, y, yOffset + i);
            zero.blend(FloatVector.fromArray(FLOATS, g, gOffset + i), values.compare(VectorOperators.GT, 0f))
                    .intoArray(out, outOffset + i);
        }
        ChannelRows.PLAIN.keepWherePositive(g, gOffset + whole, y, yOffset + whole, out, outOffset + whole,
                length - whole);
    }

    @Override
    public void keepWhereIndexed(float[] g, int gOffset, int[] indices, int indexOffset, int firstIndex, float[] out,
                                 int outOffset, int length) {
        int whole = FLOATS.loopBound(length);
        FloatVector zero = FloatVector.zero(FLOATS);
        IntVector lanes = IntVector.zero(INTS).addIndex(1);
        for (int i = 0; i < whole; i += FLOATS.length()) {
            VectorMask<Integer> won = IntVector.fromArray(INTS, indices, indexOffset + i)
                    .compare(VectorOperators.EQ, lanes.add(firstIndex + i));
            zero.blend(FloatVector.fromArray(FLOATS, g, gOffset + i), won.cast(FLOATS)).intoArray(out, outOffset + i);
        }
        ChannelRows.PLAIN.keepWhereIndexed(g, gOffset + whole, indices, indexOffset + whole, firstIndex + whole, out,
                outOffset + whole, length - whole);
    }

    @Override
    public void addRun(float[] from, int fromOffset, float[] to, int toOffset, int length) {
        int whole = FLOATS.loopBound(length);
        for (int i = 0; i < whole; i += FLOATS.length()) {
            FloatVector.fromArray(FLOATS, to, toOffset + i).add(FloatVector.fromArray(FLOATS, from, fromOffset + i))
                    .intoArray(to, toOffset + i);
        }
        ChannelRows.PLAIN.addRun(from, fromOffset + whole, to, toOffset + whole, length - whole);
    }

    @Override
    public void meanOfTaps(float[] x, int[] sources, int taps, float[] out, int outOffset, int length) {
        float scale = 1f / taps;
        for (int c = 0; c < length; c += FLOATS.length()) {
            VectorMask<Float> lanes = FLOATS.indexInRange(c, length);
            FloatVector sum = FloatVector.fromArray(FLOATS, x, sources[0] + c, lanes);
            for (int t = 1; t < taps; t++) {
                sum = sum.add(FloatVector.fromArray(FLOATS, x, sources[t] + c, lanes));
            }
            sum.mul(scale).intoArray(out, outOffset + c, lanes);
        }
    }

    @Override
    public void spreadToTaps(float[] dy, int dyOffset, float scale, float[] to, int[] targets, int taps, int length) {
        for (int c = 0; c < length; c += FLOATS.length()) {
            VectorMask<Float> lanes = FLOATS.indexInRange(c, length);
            FloatVector share = FloatVector.fromArray(FLOATS, dy, dyOffset + c, lanes).mul(scale);
            for (int t = 0; t < taps; t++) {
                int target = targets[t] + c;
                FloatVector.fromArray(FLOATS, to, target, lanes).add(share).intoArray(to, target, lanes);
            }
        }
    }

    @Override
    public void multiplyAdd(float[] a, int aOffset, float[] b, int bOffset, float[] to, int toOffset, int length) {
        int whole = FLOATS.loopBound(length);
        for (int i = 0; i < whole; i += FLOATS.length()) {
            FloatVector.fromArray(FLOATS, a, aOffset + i)
                    .fma(FloatVector.fromArray(FLOATS, b, bOffset + i), FloatVector.fromArray(FLOATS, to, toOffset + i))
                    .intoArray(to, toOffset + i);
        }
        ChannelRows.PLAIN.multiplyAdd(a, aOffset + whole, b, bOffset + whole, to, toOffset + whole, length - whole);
    }

    @Override
    public void sumTaps(float[] a, int[] sources, int taps, float[] w, float[] out, int outOffset, int length) {
        int whole = FLOATS.loopBound(length);
        for (int c = 0; c < whole; c += FLOATS.length()) {
            FloatVector sum = FloatVector.zero(FLOATS);
            for (int t = 0; t < taps; t++) {
                int source = sources[t];
                if (source >= 0) {
                    sum = FloatVector.fromArray(FLOATS, a, source + c)
                            .fma(FloatVector.fromArray(FLOATS, w, t * length + c), sum);
                }
            }
            sum.intoArray(out, outOffset + c);
        }
        ChannelRows.sumTapsFrom(whole, a, sources, taps, w, out, outOffset, length);
    }
}
