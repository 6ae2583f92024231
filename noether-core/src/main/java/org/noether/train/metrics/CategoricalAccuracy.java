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
        int classes = ClassScores.classes(metric, yPred);
        ClassScores.requireOneHot(metric, yTrue, yPred);
        float[] targets = yTrue.data();
        float[] predictions = yPred.data();
        double[] scores = new double[predictions.length / classes];
        for (int row = 0; row < scores.length; row++) {
            int offset = row * classes;
            int target = ClassScores.argmax(targets, offset, classes);
            scores[row] = target == ClassScores.argmax(predictions, offset, classes) ? 1 : 0;
        }
        return scores;
    }
}
