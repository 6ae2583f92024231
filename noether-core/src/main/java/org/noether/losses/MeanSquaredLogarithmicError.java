package org.noether.losses;

import org.noether.tensor.Tensor;

/**
 * Mean squared logarithmic error, Keras {@code "mean_squared_logarithmic_error"}, alias
 * {@code "msle"}: a regression loss on relative rather than absolute differences, for targets
 * spanning orders of magnitude.
 *
 * <p>{@code loss = mean_samples( mean_j (ln(1 + max(yPred_j, ε)) − ln(1 + max(yTrue_j, ε)))² )},
 * {@code ε = 1e-7}: as in Keras, values at or below zero count as ε.
 *
 * <p>Shape: {@code yTrue} and {@code yPred} {@code [batch, ..., d]} (matched by
 * {@link TargetShapes}); the per-sample loss is the mean over the last axis; the result is a scalar.
 *
 * <pre>{@code Tensor loss = new MeanSquaredLogarithmicError().compute(yTrue, yPred);}</pre>
 */
public record MeanSquaredLogarithmicError() implements Loss {
    /** The Keras name. */
    public static final String NAME = "mean_squared_logarithmic_error";

    @Override
    public Tensor compute(Tensor yTrue, Tensor yPred) {
        TargetShapes.Aligned pair = TargetShapes.align(NAME, yTrue, yPred);
        // log1p rather than Keras's log(x + 1): the same function, more accurate near zero.
        Tensor predicted = pair.yPred().maximum(Losses.EPSILON).log1p();
        Tensor target = pair.yTrue().maximum(Losses.EPSILON).log1p();
        return Reduction.meanOverLastAxis(predicted.sub(target).square());
    }

    @Override
    public String name() {
        return NAME;
    }
}
