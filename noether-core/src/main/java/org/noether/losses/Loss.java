package org.noether.losses;

import java.util.Map;
import org.noether.tensor.Tensor;

/**
 * A loss: the scalar that training minimises, computed from the targets {@code yTrue} and the
 * model's output {@code yPred} with differentiable Tensor operations, so that backpropagation
 * reaches the model's weights through {@code yPred}.
 *
 * <p>Built-in losses follow Keras's default reduction {@code "sum_over_batch_size"}: a per-sample
 * loss (usually the mean over the last axis), then the mean of all per-sample values. Any lambda
 * is a custom loss, for instance a physics-informed residual:
 *
 * <pre>{@code
 * Loss mse = new MeanSquaredError();
 * Loss custom = (yTrue, yPred) -> yPred.sub(yTrue).square().mean().add(residual.square().mean());
 * }</pre>
 *
 * <p>Shape: {@code yTrue} and {@code yPred} are {@code [batch, ...]}; see {@link TargetShapes}
 * for the one trailing size-1 dimension that may differ. The result is a scalar (shape {@code []}).
 */
@FunctionalInterface
public interface Loss {

    /** The mean loss over the batch, a scalar tensor differentiable with respect to {@code yPred}. */
    Tensor compute(Tensor yTrue, Tensor yPred);

    /** The Keras name (e.g. {@code "mean_squared_error"}); {@code "custom"} for a lambda. */
    default String name() {
        return "custom";
    }

    /**
     * The constructor arguments under their Keras keys (e.g. {@code from_logits}), in a fixed
     * order; {@link Losses#fromConfig} inverts {@code name()} and {@code config()}.
     */
    default Map<String, Object> config() {
        return Map.of();
    }
}
