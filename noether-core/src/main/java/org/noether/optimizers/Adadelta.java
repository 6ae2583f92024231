package org.noether.optimizers;

import java.util.List;
import java.util.Map;
import org.noether.io.ConfigReader;
import org.noether.optimizers.schedules.Hyperparameters;

/**
 * Adadelta: like RMSprop, but the step is also multiplied by the root of a moving average of past
 * squared steps, so its units match the parameter's; Keras's {@code Adadelta}
 * (<a href="http://arxiv.org/abs/1212.5701">Zeiler, 2012</a>).
 *
 * <p>With decay {@code ρ}, {@code ε} inside each root, and slots {@code "accumulated_grad"}
 * ({@code E[g²]}) and {@code "accumulated_delta_var"} ({@code E[Δ²]}), both starting at 0:
 * <pre>
 * E[g²] ← ρ·E[g²] + (1 − ρ)·g²
 * Δ     = −√(E[Δ²] + ε) · g / √(E[g²] + ε)
 * E[Δ²] ← ρ·E[Δ²] + (1 − ρ)·Δ²
 * w     ← w + η·Δ
 * </pre>
 * Defaults: {@code η = 0.001} (the paper's form is {@code η = 1}), {@code ρ = 0.95},
 * {@code ε = 1e-7}.
 *
 * <pre>{@code Optimizer adadelta = new Adadelta(1.0);}</pre>
 */
public final class Adadelta extends FluentOptimizer<Adadelta> {
    private static final List<String> SLOTS = List.of("accumulated_grad", "accumulated_delta_var");

    private double rho = 0.95;
    private double epsilon = 1e-7;

    /** Adadelta with {@code η = 0.001}. */
    public Adadelta() {
        this(0.001);
    }

    /** Adadelta with learning rate {@code learningRate}. */
    public Adadelta(double learningRate) {
        super("adadelta", learningRate);
    }

    /** The decay {@code ρ ∈ [0, 1)} of the moving averages. */
    public Adadelta rho(double rho) {
        this.rho = Hyperparameters.fraction("rho", rho, false);
        return this;
    }

    /** {@code ε >= 0}, added under both square roots. */
    public Adadelta epsilon(double epsilon) {
        this.epsilon = Hyperparameters.nonNegative("epsilon", epsilon);
        return this;
    }

    /** {@code ρ}. */
    public double rho() {
        return rho;
    }

    /** {@code ε}. */
    public double epsilon() {
        return epsilon;
    }

    @Override
    protected List<String> slotNames() {
        return SLOTS;
    }

    @Override
    protected void update(float[] parameter, float[] gradient, float[][] slots, double learningRate, int from,
                          int to) {
        float[] squaredGradients = slots[0];
        float[] squaredSteps = slots[1];
        for (int i = from; i < to; i++) {
            double g = gradient[i];
            squaredGradients[i] = (float) (rho * squaredGradients[i] + (1 - rho) * g * g);
            double delta = -Math.sqrt(squaredSteps[i] + epsilon) * g / Math.sqrt(squaredGradients[i] + epsilon);
            squaredSteps[i] = (float) (rho * squaredSteps[i] + (1 - rho) * delta * delta);
            parameter[i] = (float) (parameter[i] + learningRate * delta);
        }
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("rho", rho);
        config.put("epsilon", epsilon);
    }

    @Override
    protected void readConfig(ConfigReader config) {
        rho(config.getDouble("rho", rho));
        epsilon(config.getDouble("epsilon", epsilon));
    }
}
