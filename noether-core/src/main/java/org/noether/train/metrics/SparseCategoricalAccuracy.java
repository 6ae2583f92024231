package org.noether.train.metrics;

import org.noether.tensor.Tensor;

/**
 * Sparse categorical accuracy, Keras {@code "sparse_categorical_accuracy"}: the fraction of
 * samples whose highest-scoring class equals the class index in {@code yTrue}.
 *
 * <p>A row matches when {@code yTrue == argmax(yPred)} (ties to the first index); as in Keras, an
 * index outside the classes simply never matches.
 *
 * <p>Shape: {@code yPred [batch, ..., classes]}; {@code yTrue [batch, ...]} or
 * {@code [batch, ..., 1]}, class indices stored as floats.
 *
 * <pre>{@code Metric accuracy = new SparseCategoricalAccuracy(); accuracy.update(Tensor.vector(3, 0), output);}</pre>
 */
public final class SparseCategoricalAccuracy extends MeanMetric {

    /** Reported as {@code "sparse_categorical_accuracy"}. */
    public SparseCategoricalAccuracy() {
        this("sparse_categorical_accuracy");
    }

    /** Reported under {@code name}. */
    public SparseCategoricalAccuracy(String name) {
        super(name);
    }

    @Override
    protected double[] scores(Tensor yTrue, Tensor yPred) {
        return matches(name(), yTrue, yPred);
    }

    static double[] matches(String metric, Tensor yTrue, Tensor yPred) {
        return ClassScores.indexHits(metric, yTrue, yPred, ClassScores::isArgmax);
    }
}
