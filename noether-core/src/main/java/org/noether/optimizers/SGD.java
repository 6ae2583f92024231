package org.noether.optimizers;

import java.util.List;
import java.util.Map;
import org.noether.io.ConfigReader;
import org.noether.optimizers.schedules.Hyperparameters;

/**
 * Stochastic gradient descent, optionally with (Nesterov) momentum; Keras's {@code SGD}.
 *
 * <p>With learning rate {@code η}, momentum {@code μ} and velocity {@code v} (slot
 * {@code "momentum"}, starting at 0, kept only when {@code μ > 0}):
 * <pre>
 * μ = 0:      w ← w − η·g
 * μ > 0:      v ← μ·v − η·g ;  w ← w + v
 * nesterov:   v ← μ·v − η·g ;  w ← w + μ·v − η·g
 * </pre>
 * Defaults: {@code η = 0.01}, {@code μ = 0}, {@code nesterov = false}.
 *
 * <pre>{@code Optimizer sgd = new SGD(0.1, 0.9, true);}</pre>
 */
public final class SGD extends FluentOptimizer<SGD> {
    private static final List<String> NO_SLOTS = List.of();
    private static final List<String> VELOCITY = List.of("momentum");

    private double momentum;
    private boolean nesterov;

    /** Plain gradient descent with {@code η = 0.01}. */
    public SGD() {
        this(0.01);
    }

    /** Plain gradient descent with learning rate {@code learningRate}. */
    public SGD(double learningRate) {
        this(learningRate, 0.0, false);
    }

    /** Gradient descent with momentum {@code μ ∈ [0, 1]}. */
    public SGD(double learningRate, double momentum) {
        this(learningRate, momentum, false);
    }

    /** Gradient descent with momentum {@code μ ∈ [0, 1]}, Nesterov's variant if {@code nesterov}. */
    public SGD(double learningRate, double momentum, boolean nesterov) {
        super("sgd", learningRate);
        momentum(momentum);
        nesterov(nesterov);
    }

    /** Momentum {@code μ ∈ [0, 1]}; 0 is plain gradient descent. */
    public SGD momentum(double momentum) {
        this.momentum = Hyperparameters.fraction("momentum", momentum, true);
        return this;
    }

    /** Whether to use Nesterov momentum (no effect when momentum is 0). */
    public SGD nesterov(boolean nesterov) {
        this.nesterov = nesterov;
        return this;
    }

    /** The momentum {@code μ}. */
    public double momentum() {
        return momentum;
    }

    /** Whether Nesterov momentum is on. */
    public boolean nesterov() {
        return nesterov;
    }

    @Override
    protected List<String> slotNames() {
        return momentum != 0 ? VELOCITY : NO_SLOTS;
    }

    @Override
    protected void update(float[] parameter, float[] gradient, float[][] slots, double learningRate, int from,
                          int to) {
        if (momentum == 0) {
            for (int i = from; i < to; i++) {
                parameter[i] = (float) (parameter[i] - learningRate * gradient[i]);
            }
            return;
        }
        float[] velocity = slots[0];
        for (int i = from; i < to; i++) {
            double step = learningRate * gradient[i];
            velocity[i] = (float) (momentum * velocity[i] - step);
            parameter[i] = (float) (parameter[i] + (nesterov ? momentum * velocity[i] - step : velocity[i]));
        }
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("momentum", momentum);
        config.put("nesterov", nesterov);
    }

    @Override
    protected void readConfig(ConfigReader config) {
        momentum(config.getDouble("momentum", momentum));
        nesterov(config.getBoolean("nesterov", nesterov));
    }
}
