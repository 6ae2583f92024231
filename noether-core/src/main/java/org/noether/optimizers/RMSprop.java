package org.noether.optimizers;

import java.util.List;
import java.util.Map;
import org.noether.io.ConfigReader;
import org.noether.optimizers.schedules.Hyperparameters;

/**
 * RMSprop: divides the gradient by the root of a moving average of its square; Keras's
 * {@code RMSprop} (<a href="http://www.cs.toronto.edu/~tijmen/csc321/slides/lecture_slides_lec6.pdf">Hinton,
 * 2012</a>).
 *
 * <p>With decay {@code ρ}, learning rate {@code η}, {@code ε} inside the root, and slots
 * {@code "velocity"} ({@code s}), {@code "momentum"} ({@code b}, only when {@code μ > 0}) and
 * {@code "average_gradient"} ({@code ḡ}, only when centered), all starting at 0:
 * <pre>
 * s ← ρ·s + (1 − ρ)·g²
 * centered:  ḡ ← ρ·ḡ + (1 − ρ)·g ;  Δ = η·g / √(s − ḡ² + ε)
 * otherwise: Δ = η·g / √(s + ε)
 * μ > 0:     b ← μ·b + Δ ;  w ← w − b
 * otherwise: w ← w − Δ
 * </pre>
 * Defaults: {@code η = 0.001}, {@code ρ = 0.9}, {@code μ = 0}, {@code ε = 1e-7}, not centered.
 *
 * <pre>{@code Optimizer rmsprop = new RMSprop(1e-3).rho(0.95).centered(true);}</pre>
 */
public final class RMSprop extends FluentOptimizer<RMSprop> {
    private static final List<String> PLAIN = List.of("velocity");
    private static final List<String> WITH_MOMENTUM = List.of("velocity", "momentum");
    private static final List<String> CENTERED = List.of("velocity", "average_gradient");
    private static final List<String> CENTERED_WITH_MOMENTUM = List.of("velocity", "momentum", "average_gradient");

    private double rho = 0.9;
    private double momentum;
    private double epsilon = 1e-7;
    private boolean centered;

    /** RMSprop with {@code η = 0.001}. */
    public RMSprop() {
        this(0.001);
    }

    /** RMSprop with learning rate {@code learningRate}. */
    public RMSprop(double learningRate) {
        super("rmsprop", learningRate);
    }

    /** The decay {@code ρ ∈ [0, 1)} of the moving averages. */
    public RMSprop rho(double rho) {
        this.rho = Hyperparameters.fraction("rho", rho, false);
        return this;
    }

    /** Momentum {@code μ ∈ [0, 1]} applied to the scaled steps; 0 for none. */
    public RMSprop momentum(double momentum) {
        this.momentum = Hyperparameters.fraction("momentum", momentum, true);
        return this;
    }

    /** {@code ε >= 0}, added under the square root. */
    public RMSprop epsilon(double epsilon) {
        this.epsilon = Hyperparameters.nonNegative("epsilon", epsilon);
        return this;
    }

    /** Whether to divide by the estimated variance {@code s − ḡ²} rather than the second moment {@code s}. */
    public RMSprop centered(boolean centered) {
        this.centered = centered;
        return this;
    }

    /** {@code ρ}. */
    public double rho() {
        return rho;
    }

    /** {@code μ}. */
    public double momentum() {
        return momentum;
    }

    /** {@code ε}. */
    public double epsilon() {
        return epsilon;
    }

    /** Whether the centered variant is on. */
    public boolean centered() {
        return centered;
    }

    @Override
    protected List<String> slotNames() {
        if (centered) {
            return momentum > 0 ? CENTERED_WITH_MOMENTUM : CENTERED;
        }
        return momentum > 0 ? WITH_MOMENTUM : PLAIN;
    }

    @Override
    protected void update(float[] parameter, float[] gradient, float[][] slots, double learningRate, int from,
                          int to) {
        float[] velocity = slots[0];
        float[] accumulatedSteps = momentum > 0 ? slots[1] : null;
        float[] averageGradient = centered ? slots[slots.length - 1] : null;
        for (int i = from; i < to; i++) {
            double g = gradient[i];
            velocity[i] = (float) (rho * velocity[i] + (1 - rho) * g * g);
            double denominator = velocity[i] + epsilon;
            if (averageGradient != null) {
                averageGradient[i] = (float) (rho * averageGradient[i] + (1 - rho) * g);
                denominator -= (double) averageGradient[i] * averageGradient[i];
            }
            double increment = learningRate * g / Math.sqrt(denominator);
            if (accumulatedSteps != null) {
                accumulatedSteps[i] = (float) (momentum * accumulatedSteps[i] + increment);
                increment = accumulatedSteps[i];
            }
            parameter[i] = (float) (parameter[i] - increment);
        }
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("rho", rho);
        config.put("momentum", momentum);
        config.put("epsilon", epsilon);
        config.put("centered", centered);
    }

    @Override
    protected void readConfig(ConfigReader config) {
        rho(config.getDouble("rho", rho));
        momentum(config.getDouble("momentum", momentum));
        epsilon(config.getDouble("epsilon", epsilon));
        centered(config.getBoolean("centered", centered));
    }
}
