package org.noether.train.metrics;

import java.util.Map;
import org.noether.tensor.Tensor;

/**
 * Top-k categorical accuracy, Keras {@code "top_k_categorical_accuracy"}: the fraction of samples
 * whose one-hot target class is among the k highest scores (Keras default k = 5).
 *
 * <p>The target is {@code argmax(yTrue)}; it is in the top k when fewer than k classes score
 * strictly higher, so every class tied with the k-th score counts (as Keras's {@code in_top_k}):
 * with scores {@code [0.3, 0.3, 0.3, 0.1]} and k = 1, each of the first three is a hit.
 *
 * <p>Shape: {@code yTrue} and {@code yPred} {@code [batch, ..., classes]}, equal.
 *
 * <pre>{@code Metric top5 = new TopKCategoricalAccuracy(); top5.update(oneHot, scores);}</pre>
 */
public final class TopKCategoricalAccuracy extends MeanMetric {
    /** Keras's default k. */
    public static final int DEFAULT_K = 5;

    private final int k;

    /** k = 5 (the Keras default). */
    public TopKCategoricalAccuracy() {
        this(DEFAULT_K);
    }

    /** Hits are targets among the {@code k} highest scores. */
    public TopKCategoricalAccuracy(int k) {
        this("top_k_categorical_accuracy", k);
    }

    /** Reported under {@code name}. */
    public TopKCategoricalAccuracy(String name, int k) {
        super(name);
        this.k = requirePositive(name, k);
    }

    /** How many of the highest scores count as a hit. */
    public int k() {
        return k;
    }

    static int requirePositive(String metric, int k) {
        if (k < 1) {
            throw new IllegalArgumentException(metric + ": k must be >= 1. Received: k=" + k);
        }
        return k;
    }

    @Override
    protected double[] scores(Tensor yTrue, Tensor yPred) {
        return ClassScores.oneHotHits(name(), yTrue, yPred,
                (row, offset, classes, target) -> ClassScores.inTopK(row, offset, classes, target, k));
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("k", k);
    }
}
