package org.noether.losses;

import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Matches the shapes of targets and predictions as Keras does before an elementwise loss or
 * metric ({@code squeeze_or_expand_to_same_rank}): when the ranks differ by one and the longer
 * shape ends in 1, that trailing 1 is dropped, except that a rank-1 tensor is lifted to
 * {@code [n, 1]} instead. After that the shapes must be equal.
 *
 * <p>So {@code yTrue [32]} against {@code yPred [32, 1]} compares as {@code [32, 1]}, while
 * {@code [32, 1]} against {@code [32, 3]} is an error (Keras would broadcast it into a silently
 * wrong loss). Class-index targets ({@link #requireClassIndices}) have one index per row of yPred
 * instead.
 *
 * <pre>{@code TargetShapes.Aligned pair = TargetShapes.align("mean_squared_error", yTrue, yPred);}</pre>
 */
public final class TargetShapes {
    private TargetShapes() {
    }

    /** Targets and predictions of equal shape. */
    public record Aligned(Tensor yTrue, Tensor yPred) {
    }

    /**
     * The two tensors reshaped to a common shape (the data is shared, not copied).
     *
     * @param who the loss or metric name, for the error message
     * @throws IllegalArgumentException naming both shapes and {@code who} when they cannot match
     */
    public static Aligned align(String who, Tensor yTrue, Tensor yPred) {
        Shape trueShape = yTrue.shape();
        Shape predShape = yPred.shape();
        if (predShape.rank() == 0 || trueShape.rank() == 0) {
            throw new IllegalArgumentException(who + ": yTrue and yPred must have at least one axis (the batch)."
                    + " Received: yTrue shape " + trueShape + ", yPred shape " + predShape);
        }
        Tensor targets = yTrue;
        Tensor predictions = yPred;
        if (trueShape.rank() == predShape.rank() + 1 && trueShape.dim(-1) == 1) {
            if (predShape.rank() == 1) {
                predictions = yPred.reshape(predShape.dim(0), 1);
            } else {
                targets = yTrue.reshape(dropLast(trueShape));
            }
        } else if (predShape.rank() == trueShape.rank() + 1 && predShape.dim(-1) == 1) {
            if (trueShape.rank() == 1) {
                targets = yTrue.reshape(trueShape.dim(0), 1);
            } else {
                predictions = yPred.reshape(dropLast(predShape));
            }
        }
        if (!targets.shape().equals(predictions.shape())) {
            throw new IllegalArgumentException(who + ": yTrue and yPred must have the same shape (up to one trailing"
                    + " dimension of size 1). Received: yTrue shape " + trueShape + ", yPred shape " + predShape);
        }
        return new Aligned(targets, predictions);
    }

    /**
     * Checks targets given as class indices against predictions {@code [batch, ..., classes]} (rank at
     * least 1): one index per row of {@code yPred}, so {@code yTrue} is {@code [batch, ...]} or
     * {@code [batch, ..., 1]}.
     *
     * @param who the loss or metric name, for the error message
     * @throws IllegalArgumentException naming both accepted shapes and the two received
     */
    public static void requireClassIndices(String who, Shape trueShape, Shape predShape) {
        Shape rows = dropLast(predShape);
        Shape rowsWithOne = predShape.withDim(-1, 1);
        if (!trueShape.equals(rows) && !trueShape.equals(rowsWithOne)) {
            throw new IllegalArgumentException(who + ": yTrue must hold one class index per row of yPred, shape "
                    + rows + " or " + rowsWithOne + ". Received: yTrue shape " + trueShape + ", yPred shape "
                    + predShape);
        }
    }

    private static Shape dropLast(Shape shape) {
        int[] dims = shape.dims();
        int[] out = new int[dims.length - 1];
        System.arraycopy(dims, 0, out, 0, out.length);
        return Shape.of(out);
    }
}
