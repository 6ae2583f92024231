package org.noether.nn.initializers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Weights drawn from a normal distribution (Keras default: mean 0, standard deviation 0.05).
 *
 * <pre>{@code new RandomNormal(0, 0.01)}</pre>
 */
public final class RandomNormal implements Initializer {
    private final double mean;
    private final double stddev;

    /** Normal with the given mean and standard deviation. */
    public RandomNormal(double mean, double stddev) {
        if (!(stddev >= 0)) {
            throw new IllegalArgumentException("RandomNormal needs stddev >= 0. Received: stddev=" + stddev);
        }
        this.mean = mean;
        this.stddev = stddev;
    }

    @Override
    public Tensor create(Shape shape, Rng rng) {
        return Tensor.normal(shape, mean, stddev, rng);
    }

    @Override
    public String name() {
        return "random_normal";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("mean", mean);
        config.put("stddev", stddev);
        return config;
    }
}
