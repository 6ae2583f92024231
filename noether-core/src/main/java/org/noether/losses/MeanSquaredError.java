package org.noether.losses;

import org.noether.tensor.Tensor;

/**
 * Mean squared error (L2), Keras {@code "mean_squared_error"}, alias {@code "mse"}: the default
 * loss for regression, with a linear output layer.
 *
 * <p>{@code loss = mean_samples( mean_j (yTrue_j − yPred_j)² )}
 *
 * <p>Shape: {@code yTrue} and {@code yPred} {@code [batch, ..., d]} (matched by
 * {@link TargetShapes}); the per-sample loss is the mean over the last axis; the result is a scalar.
 *
 * <pre>{@code Tensor loss = new MeanSquaredError().compute(yTrue, yPred);}</pre>
 */
public record MeanSquaredError() implements Loss {
    /** The Keras name. */
    public static final String NAME = "mean_squared_error";

    @Override
    public Tensor compute(Tensor yTrue, Tensor yPred) {
        TargetShapes.Aligned pair = TargetShapes.align(NAME, yTrue, yPred);
        return Reduction.meanOverLastAxis(pair.yTrue().sub(pair.yPred()).square());
    }

    @Override
    public String name() {
        return NAME;
    }
}
