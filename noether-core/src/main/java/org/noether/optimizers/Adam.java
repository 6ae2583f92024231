package org.noether.optimizers;

/**
 * Adam: divides a moving average of the gradients by the root of a moving average of their
 * squares, with corrections for the zero start; Keras's {@code Adam}
 * (<a href="http://arxiv.org/abs/1412.6980">Kingma &amp; Ba, 2014</a>).
 *
 * <p>At step {@code t} (1 on the first update), with slots {@code "m"}, {@code "v"} (and
 * {@code "v_hat"} for AMSGrad) starting at 0:
 * <pre>
 * m ← m + (1 − β₁)·(g − m)
 * v ← v + (1 − β₂)·(g² − v)
 * amsgrad:  v̂ ← max(v̂, v), and v̂ replaces v below
 * α = η·√(1 − β₂^t) / (1 − β₁^t)
 * w ← w − α·m / (√v + ε)
 * </pre>
 * The first step moves each weight by about {@code η} against the sign of its gradient.
 * Defaults: {@code η = 0.001}, {@code β₁ = 0.9}, {@code β₂ = 0.999}, {@code ε = 1e-7}, no AMSGrad.
 *
 * <pre>{@code Optimizer adam = new Adam(1e-3).beta1(0.8).clipNorm(1.0);}</pre>
 */
public final class Adam extends AdamRule<Adam> {

    /** Adam with {@code η = 0.001}. */
    public Adam() {
        this(0.001);
    }

    /** Adam with learning rate {@code learningRate}. */
    public Adam(double learningRate) {
        super("adam", learningRate);
    }

    /** Adam with learning rate {@code η} and moment decays {@code β₁}, {@code β₂ ∈ [0, 1)}. */
    public Adam(double learningRate, double beta1, double beta2) {
        this(learningRate);
        beta1(beta1);
        beta2(beta2);
    }
}
