package org.noether.nn.activations;

import java.util.Map;
import org.noether.tensor.Tensor;

/**
 * A nonlinearity {@code y = f(z)} applied to a layer's weighted sums, written with
 * differentiable tensor ops. Elementwise except softmax, which normalizes along the last axis.
 *
 * <p>Shape: unchanged.
 *
 * <pre>{@code new Dense(128, Activations.RELU); new Dense(10, Activations.get("softmax"));}</pre>
 */
public interface Activation {
    /** {@code f(z)}. */
    Tensor apply(Tensor z);

    /** The Keras name, e.g. "relu". */
    String name();

    /** Arguments beyond the name (e.g. a leaky ReLU's slope), as plain JSON values. */
    default Map<String, Object> config() {
        return Map.of();
    }
}
