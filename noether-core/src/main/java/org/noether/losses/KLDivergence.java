package org.noether.losses;

import org.noether.tensor.Tensor;

/**
 * Kullback–Leibler divergence, Keras {@code "kl_divergence"} (aliases {@code "kld"},
 * {@code "kullback_leibler_divergence"}): how far the predicted distribution P is from the true
 * distribution Q, for probabilistic classification.
 *
 * <p>With both clipped to {@code [ε, 1]} ({@code ε = 1e-7}, as in Keras):
 * {@code loss = mean_samples( Σ_j yTrue_j · ln(yTrue_j / yPred_j) )}.
 *
 * <p>Shape: {@code yTrue} and {@code yPred} {@code [batch, ..., classes]} (matched by
 * {@link TargetShapes}); the per-sample loss sums over the last axis; the result is a scalar.
 *
 * <pre>{@code Tensor loss = new KLDivergence().compute(targetDistribution, softmaxOutput);}</pre>
 */
public record KLDivergence() implements Loss {
    /** The Keras name. */
    public static final String NAME = "kl_divergence";

    @Override
    public Tensor compute(Tensor yTrue, Tensor yPred) {
        TargetShapes.Aligned pair = TargetShapes.align(NAME, yTrue, yPred);
        Tensor target = pair.yTrue().clamp(Losses.EPSILON, 1);
        Tensor predicted = pair.yPred().clamp(Losses.EPSILON, 1);
        return Reduction.sumOverLastAxis(target.mul(target.div(predicted).log()));
    }

    @Override
    public String name() {
        return NAME;
    }
}
