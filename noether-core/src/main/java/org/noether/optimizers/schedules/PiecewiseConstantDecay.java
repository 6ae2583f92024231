package org.noether.optimizers.schedules;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.noether.io.ConfigReader;

/**
 * A piecewise constant rate (Keras's {@code PiecewiseConstantDecay}): {@code values[0]} while
 * {@code step <= boundaries[0]}, {@code values[i]} while {@code boundaries[i-1] < step <=
 * boundaries[i]}, and the last value after the last boundary. There is one more value than
 * boundaries, and the boundaries increase strictly.
 *
 * <pre>{@code
 * new PiecewiseConstantDecay(new long[] {100_000, 110_000}, new double[] {1.0, 0.5, 0.1})
 * }</pre>
 */
public final class PiecewiseConstantDecay implements LearningRateSchedule {
    private final long[] boundaries;
    private final double[] values;

    /** Rates {@code values} between {@code boundaries} (both copied). */
    public PiecewiseConstantDecay(long[] boundaries, double[] values) {
        if (boundaries.length != values.length - 1) {
            throw new IllegalArgumentException("The length of boundaries should be 1 less than the length of values. "
                    + "Received: boundaries=" + Arrays.toString(boundaries) + " of length " + boundaries.length
                    + ", and values=" + Arrays.toString(values) + " of length " + values.length + ".");
        }
        for (int i = 1; i < boundaries.length; i++) {
            if (boundaries[i] <= boundaries[i - 1]) {
                throw new IllegalArgumentException("Argument boundaries must increase strictly. Received: boundaries="
                        + Arrays.toString(boundaries));
            }
        }
        for (int i = 0; i < values.length; i++) {
            Hyperparameters.nonNegative("values[" + i + "]", values[i]);
        }
        this.boundaries = boundaries.clone();
        this.values = values.clone();
    }

    @Override
    public double rate(long step) {
        int interval = 0;
        while (interval < boundaries.length && step > boundaries[interval]) {
            interval++;
        }
        return values[interval];
    }

    /** A copy of the boundaries. */
    public long[] boundaries() {
        return boundaries.clone();
    }

    /** A copy of the values. */
    public double[] values() {
        return values.clone();
    }

    @Override
    public String name() {
        return "PiecewiseConstantDecay";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("boundaries", Arrays.stream(boundaries).boxed().toList());
        config.put("values", Arrays.stream(values).boxed().toList());
        return config;
    }

    static PiecewiseConstantDecay fromConfig(ConfigReader config) {
        return new PiecewiseConstantDecay(config.getLongArray("boundaries"), config.getDoubleArray("values"));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PiecewiseConstantDecay that && Arrays.equals(boundaries, that.boundaries)
                && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(boundaries) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "PiecewiseConstantDecay[boundaries=" + Arrays.toString(boundaries) + ", values="
                + Arrays.toString(values) + "]";
    }
}
