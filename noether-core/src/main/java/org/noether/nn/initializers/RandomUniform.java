package org.noether.nn.initializers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Weights uniform in {@code [minval, maxval)}; Keras's default range is {@code [−0.05, 0.05)}.
 * The notes' first networks use {@code uniform(low=-1, high=+1)}.
 *
 * <pre>{@code new RandomUniform(-1, 1)}</pre>
 */
public final class RandomUniform implements Initializer {
    private final double minval;
    private final double maxval;

    /** Uniform in {@code [minval, maxval)}. */
    public RandomUniform(double minval, double maxval) {
        if (!(maxval > minval)) {
            throw new IllegalArgumentException("RandomUniform needs minval < maxval. Received: minval=" + minval
                    + ", maxval=" + maxval);
        }
        this.minval = minval;
        this.maxval = maxval;
    }

    @Override
    public Tensor create(Shape shape, Rng rng) {
        return Tensor.uniform(shape, minval, maxval, rng);
    }

    @Override
    public String name() {
        return "random_uniform";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("minval", minval);
        config.put("maxval", maxval);
        return config;
    }
}
