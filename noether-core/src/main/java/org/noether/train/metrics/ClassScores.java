package org.noether.train.metrics;

import org.noether.losses.TargetShapes;
import org.noether.tensor.Tensor;

/**
 * Row-wise operations for classification metrics: a prediction {@code [batch, ..., classes]} is a
 * sequence of rows of class scores, stored contiguously. The categorical accuracies score each row
 * by whether its target class is a hit: the argmax (accuracy) or among the top k; the target comes
 * from a one-hot row or a class index.
 *
 * <pre>{@code double[] hits = ClassScores.indexHits("accuracy", labels, yPred, ClassScores::isArgmax);}</pre>
 */
final class ClassScores {
    private ClassScores() {
    }

    /** Whether the target class of a row counts as predicted by the row's scores. */
    @FunctionalInterface
    interface Hit {
        /** Whether class {@code target} is a hit among the scores {@code row[offset, offset + classes)}. */
        boolean test(float[] row, int offset, int classes, int target);
    }

    /**
     * One score per row of {@code yPred}: 1 where the class of the one-hot row of {@code yTrue}
     * (its argmax) is a {@code hit}, else 0.
     */
    static double[] oneHotHits(String metric, Tensor yTrue, Tensor yPred, Hit hit) {
        int classes = classes(metric, yPred);
        requireOneHot(metric, yTrue, yPred);
        float[] targets = yTrue.data();
        float[] predictions = yPred.data();
        double[] scores = new double[predictions.length / classes];
        for (int row = 0; row < scores.length; row++) {
            int offset = row * classes;
            scores[row] = hit.test(predictions, offset, classes, argmax(targets, offset, classes)) ? 1 : 0;
        }
        return scores;
    }

    /**
     * One score per row of {@code yPred}: 1 where the class index in {@code yTrue} is a {@code hit},
     * else 0; as in Keras, an index that is not an integer in {@code [0, classes)} never is.
     */
    static double[] indexHits(String metric, Tensor yTrue, Tensor yPred, Hit hit) {
        int classes = classes(metric, yPred);
        TargetShapes.requireClassIndices(metric, yTrue.shape(), yPred.shape());
        float[] labels = yTrue.data();
        float[] predictions = yPred.data();
        double[] scores = new double[labels.length];
        for (int row = 0; row < scores.length; row++) {
            float label = labels[row];
            boolean valid = label >= 0 && label < classes && label == Math.rint(label);
            scores[row] = valid && hit.test(predictions, row * classes, classes, (int) label) ? 1 : 0;
        }
        return scores;
    }

    /** Whether {@code target} is the row's first largest score: the {@link Hit} of the accuracies. */
    static boolean isArgmax(float[] row, int offset, int classes, int target) {
        return argmax(row, offset, classes) == target;
    }

    /** The index of the first largest score in {@code row[offset, offset + classes)} (NumPy's argmax on ties). */
    private static int argmax(float[] row, int offset, int classes) {
        int best = 0;
        for (int j = 1; j < classes; j++) {
            if (row[offset + j] > row[offset + best]) {
                best = j;
            }
        }
        return best;
    }

    /**
     * Whether class {@code target} is among the {@code k} largest scores of the row: fewer than
     * {@code k} classes score strictly higher. Classes tied with the k-th score all count as in
     * the top k, as in Keras ({@code ops.in_top_k}) and {@code tf.math.in_top_k}.
     */
    static boolean inTopK(float[] row, int offset, int classes, int target, int k) {
        float score = row[offset + target];
        int higher = 0;
        for (int j = 0; j < classes; j++) {
            if (row[offset + j] > score) {
                higher++;
            }
        }
        return higher < k;
    }

    /** The number of classes (last dimension) of a prediction, checking that it has a class axis. */
    private static int classes(String metric, Tensor yPred) {
        if (yPred.rank() < 1 || yPred.dim(-1) == 0) {
            throw new IllegalArgumentException(metric + ": yPred must end in a class axis. Received: yPred shape "
                    + yPred.shape());
        }
        return yPred.dim(-1);
    }

    /** Checks one-hot targets against predictions: equal shapes. */
    private static void requireOneHot(String metric, Tensor yTrue, Tensor yPred) {
        if (!yTrue.shape().equals(yPred.shape())) {
            throw new IllegalArgumentException(metric + ": yTrue (one-hot) and yPred must have the same shape."
                    + " Received: yTrue shape " + yTrue.shape() + ", yPred shape " + yPred.shape());
        }
    }
}
