package org.noether.nn.initializers;

import java.util.Map;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Every weight equal to one value: zeros (Keras's bias default), ones (a batch normalization's
 * scale) or any constant.
 *
 * <pre>{@code Initializers.zeros().create(Shape.of(10), rng)}</pre>
 */
public final class Constant implements Initializer {
    private final double value;

    /** All weights equal to {@code value}. */
    public Constant(double value) {
        this.value = value;
    }

    @Override
    public Tensor create(Shape shape, Rng rng) {
        return Tensor.full(shape, value);
    }

    @Override
    public String name() {
        return value == 0 ? "zeros" : value == 1 ? "ones" : "constant";
    }

    @Override
    public Map<String, Object> config() {
        return name().equals("constant") ? Map.of("value", value) : Map.of();
    }
}
