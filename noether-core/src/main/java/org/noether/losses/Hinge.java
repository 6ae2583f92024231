package org.noether.losses;

import org.noether.tensor.Tensor;

/**
 * Hinge loss, Keras {@code "hinge"}: the support-vector-machine loss for binary classification
 * with labels ±1 and a raw (linear or tanh) score.
 *
 * <p>{@code loss = mean_samples( mean_j max(1 − yTrue_j · yPred_j, 0) )}. As in Keras, when every
 * label of the batch is 0 or 1 the labels are first mapped to −1 and 1 ({@code 2y − 1}).
 *
 * <p>Shape: {@code yTrue} and {@code yPred} {@code [batch, ..., d]} (matched by
 * {@link TargetShapes}); the per-sample loss is the mean over the last axis; the result is a scalar.
 *
 * <pre>{@code Tensor loss = new Hinge().compute(labels, scores);}</pre>
 */
public record Hinge() implements Loss {
    /** The Keras name. */
    public static final String NAME = "hinge";

    @Override
    public Tensor compute(Tensor yTrue, Tensor yPred) {
        TargetShapes.Aligned pair = TargetShapes.align(NAME, yTrue, yPred);
        Tensor labels = isBinary(pair.yTrue()) ? pair.yTrue().mul(2).sub(1) : pair.yTrue();
        return Reduction.meanOverLastAxis(labels.mul(pair.yPred()).neg().add(1).maximum(0));
    }

    private static boolean isBinary(Tensor labels) {
        for (float value : labels.data()) {
            if (value != 0 && value != 1) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String name() {
        return NAME;
    }
}
