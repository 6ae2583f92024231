package org.noether.train.metrics;

import java.util.Arrays;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Row-wise operations for classification metrics: a prediction {@code [batch, ..., classes]} is a
 * sequence of rows of class scores, stored contiguously.
 */
final class ClassScores {
    private ClassScores() {
    }

    /** The index of the first largest score in {@code row[offset, offset + classes)} (NumPy's argmax on ties). */
    static int argmax(float[] row, int offset, int classes) {
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
    static int classes(String metric, Tensor yPred) {
        if (yPred.rank() < 1 || yPred.dim(-1) == 0) {
            throw new IllegalArgumentException(metric + ": yPred must end in a class axis. Received: yPred shape "
                    + yPred.shape());
        }
        return yPred.dim(-1);
    }

    /** Checks one-hot targets against predictions: equal shapes. */
    static void requireOneHot(String metric, Tensor yTrue, Tensor yPred) {
        if (!yTrue.shape().equals(yPred.shape())) {
            throw new IllegalArgumentException(metric + ": yTrue (one-hot) and yPred must have the same shape."
                    + " Received: yTrue shape " + yTrue.shape() + ", yPred shape " + yPred.shape());
        }
    }

    /** Checks class-index targets: one per row of yPred, shape {@code yPred[:-1]} or {@code yPred[:-1] + [1]}. */
    static void requireIndices(String metric, Tensor yTrue, Tensor yPred) {
        Shape pred = yPred.shape();
        int[] dims = pred.dims();
        Shape rows = Shape.of(Arrays.copyOf(dims, dims.length - 1));
        if (!yTrue.shape().equals(rows) && !yTrue.shape().equals(pred.withDim(-1, 1))) {
            throw new IllegalArgumentException(metric + ": yTrue must hold one class index per row of yPred, shape "
                    + rows + " or " + pred.withDim(-1, 1) + ". Received: yTrue shape " + yTrue.shape()
                    + ", yPred shape " + pred);
        }
    }
}
