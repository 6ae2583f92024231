package org.noether.optimizers;

import java.util.List;
import org.noether.optimizers.schedules.Hyperparameters;
import org.noether.tensor.Tensor;

/**
 * Keras's three kinds of gradient clipping, at most one of them active, with threshold {@code c}:
 * <ul>
 * <li>{@code clipnorm}: each gradient on its own, {@code g ← g · c / max(‖g‖₂, c)};
 * <li>{@code global_clipnorm}: all gradients of a step together, {@code g ← g · c / max(‖G‖₂, c)}
 *     with {@code ‖G‖₂² = Σ_g ‖g‖₂²} over the gradients of the step (all NaN if {@code ‖G‖} is not
 *     finite, as in Keras);
 * <li>{@code clipvalue}: elementwise, {@code g ← clamp(g, −c, c)}.
 * </ul>
 * Gradient tensors may be shared between parameters (autograd hands the same tensor to both inputs
 * of an addition), so the clipped values go to a private buffer, never back into the gradient.
 *
 * <pre>{@code float[] g = clipping.clip(parameter.grad().data()); // after prepare(parameters)}</pre>
 */
final class GradientClipping {

    /** The kinds, with their Keras config key and Java setter name. */
    enum Kind {
        CLIP_NORM("clipnorm", "clipNorm"),
        GLOBAL_CLIP_NORM("global_clipnorm", "globalClipNorm"),
        CLIP_VALUE("clipvalue", "clipValue");

        final String configKey;
        final String argument;

        Kind(String configKey, String argument) {
            this.configKey = configKey;
            this.argument = argument;
        }
    }

    private Kind kind;
    private double threshold;
    private double globalScale = 1;
    private float[] buffer = new float[0];

    /** Switches on clipping of {@code kind} at {@code threshold}; another kind may not be on already. */
    void set(Kind kind, double threshold) {
        Hyperparameters.positive(kind.argument, threshold);
        if (this.kind != null && this.kind != kind) {
            throw new IllegalArgumentException("Only one of clipNorm, clipValue and globalClipNorm can be set. "
                    + "Received: " + kind.argument + "=" + threshold + " while " + this.kind.argument + "="
                    + this.threshold);
        }
        this.kind = kind;
        this.threshold = threshold;
    }

    /** The threshold of {@code kind}, or null when that kind is off. */
    Double threshold(Kind kind) {
        return this.kind == kind ? threshold : null;
    }

    /** Computes what the whole step needs before any gradient is clipped: the global norm. */
    void prepare(List<Tensor> parameters) {
        if (kind != Kind.GLOBAL_CLIP_NORM) {
            return;
        }
        double sumOfSquares = 0;
        for (int p = 0; p < parameters.size(); p++) {
            Tensor grad = parameters.get(p).grad();
            if (grad != null) {
                sumOfSquares += sumOfSquares(grad.data());
            }
        }
        double norm = Math.sqrt(sumOfSquares);
        // Keras adds (norm − norm): a no-op for a finite norm, NaN for an infinite or NaN one, so a
        // diverged step shows up instead of being scaled to nothing.
        globalScale = Double.isFinite(norm) ? threshold / Math.max(norm, threshold) : Double.NaN;
    }

    /** The clipped gradient: {@code gradient} itself when nothing changes, else the private buffer. */
    float[] clip(float[] gradient) {
        if (kind == null) {
            return gradient;
        }
        double scale = switch (kind) {
            case CLIP_NORM -> threshold / Math.max(Math.sqrt(sumOfSquares(gradient)), threshold);
            case GLOBAL_CLIP_NORM -> globalScale;
            case CLIP_VALUE -> 1;
        };
        if (kind != Kind.CLIP_VALUE && scale == 1) {
            return gradient;
        }
        if (buffer.length < gradient.length) {
            buffer = new float[gradient.length];
        }
        float limit = (float) threshold;
        for (int i = 0; i < gradient.length; i++) {
            buffer[i] = kind == Kind.CLIP_VALUE
                    ? Math.clamp(gradient[i], -limit, limit)
                    : (float) (gradient[i] * scale);
        }
        return buffer;
    }

    private static double sumOfSquares(float[] values) {
        double sum = 0;
        for (float value : values) {
            sum += (double) value * value;
        }
        return sum;
    }
}
