package org.noether.train.metrics;

import java.util.Map;
import org.noether.losses.TargetShapes;
import org.noether.tensor.Tensor;

/**
 * Binary accuracy, Keras {@code "binary_accuracy"}: the fraction of predictions that, thresholded,
 * equal the 0/1 label.
 *
 * <p>A position matches when {@code yTrue == (yPred > threshold ? 1 : 0)}; as in Keras, a label
 * that is neither 0 nor 1 never matches, and a sample with several outputs scores the fraction
 * of its matching outputs.
 *
 * <p>Shape: {@code yTrue} and {@code yPred} {@code [batch, ...]}, matched as for losses by
 * {@link TargetShapes} (labels {@code [batch]} fit outputs {@code [batch, 1]}).
 *
 * <pre>{@code Metric accuracy = new BinaryAccuracy(); accuracy.update(labels, sigmoidOutput);}</pre>
 */
public final class BinaryAccuracy extends MeanMetric {
    /** Keras's default threshold. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    private final double threshold;

    /** Threshold 0.5 (the Keras default). */
    public BinaryAccuracy() {
        this(DEFAULT_THRESHOLD);
    }

    /** A prediction above {@code threshold} counts as 1. */
    public BinaryAccuracy(double threshold) {
        this("binary_accuracy", threshold);
    }

    /** Reported under {@code name}. */
    public BinaryAccuracy(String name, double threshold) {
        super(name);
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException(name + ": threshold must be a number. Received: threshold=NaN");
        }
        this.threshold = threshold;
    }

    /** The threshold above which a prediction counts as 1. */
    public double threshold() {
        return threshold;
    }

    @Override
    protected double[] scores(Tensor yTrue, Tensor yPred) {
        return matches(name(), yTrue, yPred, threshold);
    }

    static double[] matches(String metric, Tensor yTrue, Tensor yPred, double threshold) {
        TargetShapes.Aligned pair = TargetShapes.align(metric, yTrue, yPred);
        float[] labels = pair.yTrue().data();
        float[] predictions = pair.yPred().data();
        double[] scores = new double[predictions.length];
        for (int i = 0; i < scores.length; i++) {
            float predicted = predictions[i] > threshold ? 1f : 0f;
            scores[i] = labels[i] == predicted ? 1 : 0;
        }
        return scores;
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("threshold", threshold);
    }
}
