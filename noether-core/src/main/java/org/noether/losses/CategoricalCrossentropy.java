package org.noether.losses;

import java.util.Map;
import org.noether.io.ConfigReader;
import org.noether.tensor.Tensor;

/**
 * Categorical cross-entropy, Keras {@code "categorical_crossentropy"}: the loss for multiclass
 * classification with one-hot targets and a softmax output, or raw logits with {@code fromLogits}.
 *
 * <p>On probabilities, as in Keras: each row is first divided by its sum, then clipped to
 * {@code [ε, 1 − ε]} ({@code ε = 1e-7}), and {@code ℓ = −Σ_j y_j ln p_j}. On logits z:
 * {@code ℓ = −Σ_j y_j · logSoftmax(z)_j}, computed with the maximum subtracted, so logits of
 * ±1000 give a finite loss and gradient. Then {@code loss = mean_samples(ℓ)}. Label smoothing
 * {@code s} first replaces y by {@code y·(1 − s) + s/classes}.
 *
 * <p>Shape: {@code yTrue} and {@code yPred} {@code [batch, ..., classes]}, equal; the per-sample
 * loss sums over the last (class) axis; the result is a scalar.
 *
 * <pre>{@code Tensor loss = new CategoricalCrossentropy().compute(oneHot, softmaxOutput);}</pre>
 *
 * @param fromLogits whether {@code yPred} holds logits rather than probabilities (Keras default false)
 * @param labelSmoothing in {@code [0, 1]}; 0 (the Keras default) leaves the targets as they are
 */
public record CategoricalCrossentropy(boolean fromLogits, double labelSmoothing) implements Loss {
    /** The Keras name. */
    public static final String NAME = "categorical_crossentropy";

    /** Checks the label smoothing. */
    public CategoricalCrossentropy {
        requireLabelSmoothing(NAME, labelSmoothing);
    }

    /** On probabilities, without label smoothing (the Keras defaults). */
    public CategoricalCrossentropy() {
        this(false);
    }

    /** On logits or probabilities, without label smoothing. */
    public CategoricalCrossentropy(boolean fromLogits) {
        this(fromLogits, 0.0);
    }

    @Override
    public Tensor compute(Tensor yTrue, Tensor yPred) {
        TargetShapes.Aligned pair = TargetShapes.align(NAME, yTrue, yPred);
        Tensor targets = smoothLabels(pair.yTrue(), labelSmoothing, pair.yPred().dim(-1));
        return crossentropy(targets, pair.yPred(), fromLogits);
    }

    /**
     * Keras's label smoothing over {@code classes} classes (2 for binary labels):
     * {@code y·(1 − s) + s/classes}, or the labels themselves when {@code s = 0}.
     */
    static Tensor smoothLabels(Tensor labels, double labelSmoothing, int classes) {
        return labelSmoothing == 0 ? labels : labels.mul(1 - labelSmoothing).add(labelSmoothing / classes);
    }

    /** {@code mean_samples(−Σ_j targets_j ln p_j)} with p from probabilities or logits as described above. */
    static Tensor crossentropy(Tensor targets, Tensor yPred, boolean fromLogits) {
        Tensor logProbabilities = fromLogits
                ? yPred.logSoftmax(-1)
                : yPred.div(yPred.sum(true, -1)).clamp(Losses.EPSILON, 1 - Losses.EPSILON).log();
        return Reduction.sumOverLastAxis(targets.mul(logProbabilities).neg());
    }

    static void requireLabelSmoothing(String loss, double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException(loss + ": label_smoothing must be in [0, 1]. Received: label_smoothing="
                    + labelSmoothing);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> config() {
        return Losses.ordered("from_logits", fromLogits, "label_smoothing", labelSmoothing);
    }

    static CategoricalCrossentropy fromConfig(ConfigReader config) {
        CategoricalCrossentropy defaults = new CategoricalCrossentropy();
        return new CategoricalCrossentropy(config.getBoolean("from_logits", defaults.fromLogits()),
                config.getDouble("label_smoothing", defaults.labelSmoothing()));
    }
}
