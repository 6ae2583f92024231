package org.noether.train.metrics;

import org.noether.losses.TargetShapes;
import org.noether.tensor.Tensor;

/**
 * Mean absolute error as a metric, Keras {@code "mean_absolute_error"} (alias {@code "mae"}):
 * {@code mean_samples( mean_j |yTrue_j − yPred_j| )} over every sample seen, in double.
 *
 * <p>Shape: {@code yTrue} and {@code yPred} {@code [batch, ...]}, matched by {@link TargetShapes}.
 *
 * <pre>{@code Metric mae = new MeanAbsoluteError(); mae.update(targets, predictions);}</pre>
 */
public final class MeanAbsoluteError extends MeanMetric {

    /** Reported as {@code "mean_absolute_error"} (as Keras 3 reports it, also when asked for "mae"). */
    public MeanAbsoluteError() {
        super("mean_absolute_error");
    }

    @Override
    protected double[] scores(Tensor yTrue, Tensor yPred) {
        TargetShapes.Aligned pair = TargetShapes.align(name(), yTrue, yPred);
        float[] targets = pair.yTrue().data();
        float[] predictions = pair.yPred().data();
        double[] scores = new double[predictions.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = Math.abs((double) targets[i] - predictions[i]);
        }
        return scores;
    }
}
