package org.noether.optimizers;

/**
 * AdamW: Adam with decoupled weight decay; Keras's {@code AdamW}
 * (<a href="https://arxiv.org/abs/1711.05101">Loshchilov &amp; Hutter, 2019</a>).
 *
 * <p>Before each {@link Adam} update, and independently of the gradient, every weight shrinks:
 * <pre>
 * w ← w − w·λ·η
 * w ← Adam update of w (see {@link Adam})
 * </pre>
 * Defaults: {@code λ = 0.004} (required: AdamW without decay is Adam), the rest as {@link Adam}.
 *
 * <pre>{@code Optimizer adamw = new AdamW(1e-3, 0.01);}</pre>
 */
public final class AdamW extends AdamRule<AdamW> {

    /** AdamW with {@code η = 0.001} and {@code λ = 0.004}. */
    public AdamW() {
        this(0.001);
    }

    /** AdamW with learning rate {@code learningRate} and {@code λ = 0.004}. */
    public AdamW(double learningRate) {
        this(learningRate, 0.004);
    }

    /** AdamW with learning rate {@code learningRate} and weight decay {@code λ >= 0}. */
    public AdamW(double learningRate, double weightDecay) {
        super("adamw", learningRate);
        weightDecay(weightDecay);
    }

    @Override
    protected boolean weightDecayRequired() {
        return true;
    }
}
