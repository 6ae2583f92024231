package org.noether.losses;

import org.noether.tensor.Tensor;

/**
 * Mean absolute error (L1), Keras {@code "mean_absolute_error"}, alias {@code "mae"}: a
 * regression loss less swayed by outliers than {@link MeanSquaredError}.
 *
 * <p>{@code loss = mean_samples( mean_j |yTrue_j − yPred_j| )}; the gradient at a zero error is 0.
 *
 * <p>Shape: {@code yTrue} and {@code yPred} {@code [batch, ..., d]} (matched by
 * {@link TargetShapes}); the per-sample loss is the mean over the last axis; the result is a scalar.
 *
 * <pre>{@code Tensor loss = new MeanAbsoluteError().compute(yTrue, yPred);}</pre>
 */
public record MeanAbsoluteError() implements Loss {
    /** The Keras name. */
    public static final String NAME = "mean_absolute_error";

    @Override
    public Tensor compute(Tensor yTrue, Tensor yPred) {
        TargetShapes.Aligned pair = TargetShapes.align(NAME, yTrue, yPred);
        return Reduction.meanOverLastAxis(pair.yTrue().sub(pair.yPred()).abs());
    }

    @Override
    public String name() {
        return NAME;
    }
}
