package org.noether.nn.initializers;

import java.util.Map;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Makes the starting value of a weight. Keras's defaults: Glorot uniform for kernels, zeros for
 * biases.
 *
 * <pre>{@code Tensor kernel = Initializers.glorotUniform().create(Shape.of(784, 128), rng);}</pre>
 */
public interface Initializer {
    /** A new tensor of the given shape. */
    Tensor create(Shape shape, Rng rng);

    /** The Keras name, e.g. "glorot_uniform". */
    String name();

    /** Arguments beyond the name, as plain JSON values. */
    default Map<String, Object> config() {
        return Map.of();
    }

    /**
     * Fan-in and fan-out of a weight shape as Keras counts them: a dense kernel {@code [in, out]}
     * has fans {@code in, out}; a convolution kernel {@code [kh, kw, cin, cout]} has
     * {@code cin·kh·kw, cout·kh·kw}.
     */
    static double[] fans(Shape shape) {
        int rank = shape.rank();
        if (rank == 0) {
            return new double[] {1, 1};
        }
        if (rank == 1) {
            return new double[] {shape.dim(0), shape.dim(0)};
        }
        double receptiveField = shape.sizeOf(0, rank - 2);
        return new double[] {shape.dim(-2) * receptiveField, shape.dim(-1) * receptiveField};
    }
}
