package org.noether.train.metrics;

import org.noether.tensor.Tensor;

/**
 * Accuracy as Keras resolves the string {@code "accuracy"} (or {@code "acc"}) in
 * {@code compile}: binary, sparse categorical or categorical accuracy, chosen from the shapes of
 * each batch by {@link Kind#of}.
 *
 * <p>This is not Keras's class {@code keras.metrics.Accuracy} (exact equality of yTrue and yPred),
 * which nobody means when writing {@code metrics=["accuracy"]}.
 *
 * <pre>{@code
 * Metric accuracy = new Accuracy();
 * accuracy.update(Tensor.vector(2, 0), probabilities);   // [2] against [2, 3]: sparse categorical
 * }</pre>
 */
public final class Accuracy extends MeanMetric {

    /** Which accuracy a batch calls for. */
    public enum Kind {
        /** One probability per sample, thresholded at 0.5: {@link BinaryAccuracy}. */
        BINARY,
        /** Class indices against class scores: {@link SparseCategoricalAccuracy}. */
        SPARSE_CATEGORICAL,
        /** One-hot rows against class scores: {@link CategoricalAccuracy}. */
        CATEGORICAL;

        /**
         * Keras's rule: binary when yPred's last dimension is 1; else sparse categorical when yTrue has
         * fewer dimensions than yPred, or yTrue's last dimension is 1 while yPred's is larger; else
         * categorical. A rank-1 yPred (one value per sample, without the trailing 1) is binary here,
         * where Keras would take the batch axis for classes.
         */
        public static Kind of(Tensor yTrue, Tensor yPred) {
            if (yPred.rank() == 0) {
                throw new IllegalArgumentException("accuracy: yPred must have a batch axis. Received: yPred shape "
                        + yPred.shape());
            }
            int predLast = yPred.dim(-1);
            if (predLast == 1 || yPred.rank() == 1) {
                return BINARY;
            }
            boolean fewerAxes = yTrue.rank() < yPred.rank();
            if (fewerAxes || (yTrue.dim(-1) == 1 && predLast > 1)) {
                return SPARSE_CATEGORICAL;
            }
            return CATEGORICAL;
        }
    }

    /** Reported as {@code "accuracy"}. */
    public Accuracy() {
        this("accuracy");
    }

    /** Reported under {@code name} (Keras keeps the spelling asked for, e.g. {@code "acc"}). */
    public Accuracy(String name) {
        super(name);
    }

    @Override
    protected double[] scores(Tensor yTrue, Tensor yPred) {
        return switch (Kind.of(yTrue, yPred)) {
            case BINARY -> BinaryAccuracy.matches(name(), yTrue, yPred, BinaryAccuracy.DEFAULT_THRESHOLD);
            case SPARSE_CATEGORICAL -> SparseCategoricalAccuracy.matches(name(), yTrue, yPred);
            case CATEGORICAL -> CategoricalAccuracy.matches(name(), yTrue, yPred);
        };
    }
}
