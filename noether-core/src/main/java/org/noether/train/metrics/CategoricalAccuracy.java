package org.noether.train.metrics;

import org.noether.tensor.Tensor;

/**
 * Categorical accuracy, Keras {@code "categorical_accuracy"}: the fraction of samples whose
 * highest-scoring class is the one-hot target's class.
 *
 * <p>A row matches when {@code argmax(yTrue) == argmax(yPred)}; ties go to the first index, as
 * NumPy's argmax.
 *
 * <p>Shape: {@code yTrue} and {@code yPred} {@code [batch, ..., classes]}, equal.
 *
 * <pre>{@code Metric accuracy = new CategoricalAccuracy(); accuracy.update(oneHot, softmaxOutput);}</pre>
 */
public final class CategoricalAccuracy extends MeanMetric {

    /** Reported as {@code "categorical_accuracy"}. */
    public CategoricalAccuracy() {
        this("categorical_accuracy");
    }

    /** Reported under {@code name}. */
    public CategoricalAccuracy(String name) {
        super(name);
    }

    @Override
    protected double[] scores(Tensor yTrue, Tensor yPred) {
        return matches(name(), yTrue, yPred);
    }

    static double[] matches(String metric, Tensor yTrue, Tensor yPred) {
        return ClassScores.oneHotHits(metric, yTrue, yPred, ClassScores::isArgmax);
    }
}
