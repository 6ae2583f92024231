package org.noether.losses;

import java.util.Map;
import org.noether.io.ConfigReader;
import org.noether.tensor.Tensor;

/**
 * Binary cross-entropy, Keras {@code "binary_crossentropy"} (alias {@code "bce"}): the loss for
 * binary (and multi-label) classification with a sigmoid output, or raw logits with
 * {@code fromLogits}.
 *
 * <p>On probabilities p, clipped to {@code [ε, 1 − ε]} ({@code ε = 1e-7}) as in Keras:
 * {@code ℓ = −(y·ln p + (1 − y)·ln(1 − p))}. On logits z, in the stable form of TensorFlow's
 * {@code sigmoid_cross_entropy_with_logits}: {@code ℓ = max(z, 0) − z·y + ln(1 + e^{−|z|})}, which
 * equals the formula on {@code p = σ(z)} without ever overflowing or clipping. Then
 * {@code loss = mean_samples( mean_j ℓ_j )}. Label smoothing {@code s} first replaces y by
 * {@code y·(1 − s) + s/2}.
 *
 * <p>Shape: {@code yTrue} and {@code yPred} {@code [batch, ..., d]} (matched by
 * {@link TargetShapes}, so labels {@code [batch]} fit outputs {@code [batch, 1]}); the per-sample
 * loss is the mean over the last axis; the result is a scalar.
 *
 * <pre>{@code Tensor loss = new BinaryCrossentropy(true).compute(labels, logits);}</pre>
 *
 * @param fromLogits whether {@code yPred} holds logits rather than probabilities (Keras default false)
 * @param labelSmoothing in {@code [0, 1]}; 0 (the Keras default) leaves the labels as they are
 */
public record BinaryCrossentropy(boolean fromLogits, double labelSmoothing) implements Loss {
    /** The Keras name. */
    public static final String NAME = "binary_crossentropy";

    /** Checks the label smoothing. */
    public BinaryCrossentropy {
        CategoricalCrossentropy.requireLabelSmoothing(NAME, labelSmoothing);
    }

    /** On probabilities, without label smoothing (the Keras defaults). */
    public BinaryCrossentropy() {
        this(false);
    }

    /** On logits or probabilities, without label smoothing. */
    public BinaryCrossentropy(boolean fromLogits) {
        this(fromLogits, 0.0);
    }

    @Override
    public Tensor compute(Tensor yTrue, Tensor yPred) {
        TargetShapes.Aligned pair = TargetShapes.align(NAME, yTrue, yPred);
        Tensor labels = CategoricalCrossentropy.smoothLabels(pair.yTrue(), labelSmoothing, 2);
        Tensor predicted = pair.yPred();
        Tensor elementwise;
        if (fromLogits) {
            elementwise = predicted.softplus().sub(predicted.mul(labels));
        } else {
            Tensor p = predicted.clamp(Losses.EPSILON, 1 - Losses.EPSILON);
            Tensor positive = labels.mul(p.log());
            Tensor negative = labels.neg().add(1).mul(p.neg().add(1).log());
            elementwise = positive.add(negative).neg();
        }
        return Reduction.meanOverLastAxis(elementwise);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> config() {
        return Losses.ordered("from_logits", fromLogits, "label_smoothing", labelSmoothing);
    }

    static BinaryCrossentropy fromConfig(ConfigReader config) {
        BinaryCrossentropy defaults = new BinaryCrossentropy();
        return new BinaryCrossentropy(config.getBoolean("from_logits", defaults.fromLogits()),
                config.getDouble("label_smoothing", defaults.labelSmoothing()));
    }
}
