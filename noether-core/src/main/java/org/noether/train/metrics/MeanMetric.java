package org.noether.train.metrics;

import org.noether.autograd.GradMode;
import org.noether.tensor.Tensor;

/**
 * A metric that scores each sample and reports the mean score over all samples seen (Keras's
 * {@code MeanMetricWrapper}): accuracies, mean absolute error.
 *
 * <p>Subclasses give one score per position of the batch in row-major order, {@code [batch, ...]};
 * as in Keras, a sample's score is the mean of its positions (e.g. of the pixels of a
 * segmentation map), and the result is {@code Σ sample scores / samples}, accumulated in double.
 * A rank-1 {@code yPred} holds one value per sample.
 *
 * <pre>{@code
 * final class ExactMatch extends MeanMetric {
 *     ExactMatch() { super("exact_match"); }
 *     protected double[] scores(Tensor yTrue, Tensor yPred) { ... one 0/1 per element ... }
 * }}</pre>
 */
public abstract class MeanMetric implements Metric {
    private final Mean mean;

    /** A metric reported under {@code name}. */
    protected MeanMetric(String name) {
        this.mean = new Mean(name);
    }

    /** Scores of the batch, {@code batch × (positions per sample)} values in row-major order. */
    protected abstract double[] scores(Tensor yTrue, Tensor yPred);

    @Override
    public final String name() {
        return mean.name();
    }

    @Override
    public final void update(Tensor yTrue, Tensor yPred) {
        try (var _ = GradMode.disabled()) {
            double[] scores = scores(yTrue, yPred);
            int samples = yPred.rank() == 0 ? 1 : yPred.dim(0);
            if (samples == 0) {
                return;
            }
            if (scores.length % samples != 0) {
                throw new IllegalStateException(name() + ": " + scores.length + " scores do not divide into "
                        + samples + " samples");
            }
            int perSample = scores.length / samples;
            double sum = 0;
            for (int s = 0; s < samples; s++) {
                double sampleSum = 0;
                for (int j = s * perSample; j < (s + 1) * perSample; j++) {
                    sampleSum += scores[j];
                }
                sum += sampleSum / perSample;
            }
            mean.update(sum / samples, samples);
        }
    }

    @Override
    public final double result() {
        return mean.result();
    }

    @Override
    public final void reset() {
        mean.reset();
    }
}
