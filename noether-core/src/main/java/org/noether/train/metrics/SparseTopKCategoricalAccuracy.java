package org.noether.train.metrics;

import java.util.Map;
import org.noether.tensor.Tensor;

/**
 * Sparse top-k categorical accuracy, Keras {@code "sparse_top_k_categorical_accuracy"}: the
 * fraction of samples whose class index is among the k highest scores (Keras default k = 5).
 *
 * <p>Ties at the k-th score count as hits, as in {@link TopKCategoricalAccuracy}; an index that
 * is not an integer in {@code [0, classes)} never matches.
 *
 * <p>Shape: {@code yPred [batch, ..., classes]}; {@code yTrue [batch, ...]} or
 * {@code [batch, ..., 1]}, class indices stored as floats.
 *
 * <pre>{@code Metric top5 = new SparseTopKCategoricalAccuracy(); top5.update(labels, scores);}</pre>
 */
public final class SparseTopKCategoricalAccuracy extends MeanMetric {
    private final int k;

    /** k = 5 (the Keras default). */
    public SparseTopKCategoricalAccuracy() {
        this(TopKCategoricalAccuracy.DEFAULT_K);
    }

    /** Hits are targets among the {@code k} highest scores. */
    public SparseTopKCategoricalAccuracy(int k) {
        this("sparse_top_k_categorical_accuracy", k);
    }

    /** Reported under {@code name}. */
    public SparseTopKCategoricalAccuracy(String name, int k) {
        super(name);
        this.k = TopKCategoricalAccuracy.requirePositive(name, k);
    }

    /** How many of the highest scores count as a hit. */
    public int k() {
        return k;
    }

    @Override
    protected double[] scores(Tensor yTrue, Tensor yPred) {
        return ClassScores.indexHits(name(), yTrue, yPred,
                (row, offset, classes, target) -> ClassScores.inTopK(row, offset, classes, target, k));
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("k", k);
    }
}
