package org.noether.losses;

import java.util.Map;
import org.noether.io.ConfigReader;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Sparse categorical cross-entropy, Keras {@code "sparse_categorical_crossentropy"}: the
 * categorical cross-entropy for targets given as class indices instead of one-hot rows (MNIST
 * labels 0–9 as they come).
 *
 * <p>{@code loss = mean_samples(−ln p_{yTrue})}, with p from probabilities (normalised and clipped
 * as in {@link CategoricalCrossentropy}) or from logits via log-softmax ({@code fromLogits}).
 *
 * <p>Shape: {@code yPred [batch, ..., classes]}; {@code yTrue [batch, ...]} or
 * {@code [batch, ..., 1]} holding class indices as floats, each an integer in
 * {@code [0, classes)}; the result is a scalar.
 *
 * <pre>{@code Tensor loss = new SparseCategoricalCrossentropy(true).compute(Tensor.vector(3, 0, 9), logits);}</pre>
 *
 * @param fromLogits whether {@code yPred} holds logits rather than probabilities (Keras default false)
 */
public record SparseCategoricalCrossentropy(boolean fromLogits) implements Loss {
    /** The Keras name. */
    public static final String NAME = "sparse_categorical_crossentropy";

    /** On probabilities (the Keras default). */
    public SparseCategoricalCrossentropy() {
        this(false);
    }

    @Override
    public Tensor compute(Tensor yTrue, Tensor yPred) {
        return CategoricalCrossentropy.crossentropy(oneHot(NAME, yTrue, yPred.shape()), yPred, fromLogits);
    }

    /**
     * One-hot rows of {@code predShape} from the class indices in {@code labels}.
     *
     * @throws IllegalArgumentException naming {@code who} and the shapes when they do not fit, or the
     *     first label that is not an integer in {@code [0, classes)}
     */
    static Tensor oneHot(String who, Tensor labels, Shape predShape) {
        if (predShape.rank() == 0) {
            throw new IllegalArgumentException(who + ": yPred must have a class axis. Received: yPred shape "
                    + predShape);
        }
        int classes = predShape.dim(-1);
        TargetShapes.requireClassIndices(who, labels.shape(), predShape);
        float[] indices = labels.data();
        float[] rows = new float[predShape.size()];
        for (int i = 0; i < indices.length; i++) {
            float label = indices[i];
            if (!(label >= 0 && label < classes && label == Math.rint(label))) {
                throw new IllegalArgumentException(who + ": yTrue must hold class indices, integers in [0, " + classes
                        + ") for yPred shape " + predShape + ". Received: " + label + " at position " + i);
            }
            rows[i * classes + (int) label] = 1;
        }
        return Tensor.wrap(rows, predShape);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> config() {
        return Losses.ordered("from_logits", fromLogits);
    }

    static SparseCategoricalCrossentropy fromConfig(ConfigReader config) {
        boolean fallback = new SparseCategoricalCrossentropy().fromLogits();
        return new SparseCategoricalCrossentropy(config.getBoolean("from_logits", fallback));
    }
}
