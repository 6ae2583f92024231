package org.noether.nn.initializers;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Random weights with variance {@code scale / n}, where {@code n} is the fan-in, fan-out or their
 * mean: the family behind Glorot (Xavier), He and LeCun initialization.
 *
 * <p>Uniform: in {@code [−√(3·scale/n), √(3·scale/n)]}. Truncated normal: standard deviation
 * {@code √(scale/n) / 0.8796…}, redrawn beyond two standard deviations, so that the truncated
 * distribution keeps the variance (as Keras does). Shape: any; fans from {@link Initializer#fans}.
 *
 * <pre>{@code new VarianceScaling(2.0, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL) // He normal}</pre>
 */
public final class VarianceScaling implements Initializer {
    /** Which fan divides the scale. */
    public enum Mode {
        FAN_IN, FAN_OUT, FAN_AVG
    }

    /** The distribution the weights are drawn from. */
    public enum Distribution {
        UNIFORM, TRUNCATED_NORMAL, UNTRUNCATED_NORMAL
    }

    /** Standard deviation of a unit normal truncated to [−2, 2]. */
    private static final double TRUNCATED_STDDEV = 0.87962566103423978;

    private final double scale;
    private final Mode mode;
    private final Distribution distribution;
    private final String name;

    /** A variance-scaling initializer named "variance_scaling". */
    public VarianceScaling(double scale, Mode mode, Distribution distribution) {
        this(scale, mode, distribution, "variance_scaling");
    }

    VarianceScaling(double scale, Mode mode, Distribution distribution, String name) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("VarianceScaling scale must be > 0. Received: scale=" + scale);
        }
        this.scale = scale;
        this.mode = mode;
        this.distribution = distribution;
        this.name = name;
    }

    @Override
    public Tensor create(Shape shape, Rng rng) {
        double[] fans = Initializer.fans(shape);
        double n = switch (mode) {
            case FAN_IN -> fans[0];
            case FAN_OUT -> fans[1];
            case FAN_AVG -> (fans[0] + fans[1]) / 2;
        };
        double variance = scale / Math.max(1, n);
        return switch (distribution) {
            case UNIFORM -> {
                double limit = Math.sqrt(3 * variance);
                yield Tensor.uniform(shape, -limit, limit, rng);
            }
            case TRUNCATED_NORMAL -> {
                double stddev = Math.sqrt(variance) / TRUNCATED_STDDEV;
                float[] values = new float[shape.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = rng.truncatedNormal(0, stddev);
                }
                yield Tensor.wrap(values, shape);
            }
            case UNTRUNCATED_NORMAL -> Tensor.normal(shape, 0, Math.sqrt(variance), rng);
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, Object> config() {
        if (!name.equals("variance_scaling")) {
            return Map.of();
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("scale", scale);
        config.put("mode", mode.name().toLowerCase(Locale.ROOT));
        config.put("distribution", distribution.name().toLowerCase(Locale.ROOT));
        return config;
    }
}
