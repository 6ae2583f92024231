package org.noether.optimizers;

import java.util.List;
import java.util.Map;
import org.noether.io.ConfigReader;
import org.noether.optimizers.schedules.Hyperparameters;

/**
 * Adagrad: divides by the root of the sum of all past squared gradients, so parameters that have
 * had large gradients take smaller steps; Keras's {@code Adagrad}
 * (<a href="http://www.jmlr.org/papers/volume12/duchi11a/duchi11a.pdf">Duchi et al., 2011</a>).
 *
 * <p>With accumulator {@code a} (slot {@code "accumulator"}, starting at
 * {@code initialAccumulatorValue}), learning rate {@code η} and {@code ε} inside the root:
 * <pre>
 * a ← a + g²
 * w ← w − η·g / √(a + ε)
 * </pre>
 * Defaults: {@code η = 0.001}, {@code initialAccumulatorValue = 0.1}, {@code ε = 1e-7}.
 *
 * <pre>{@code Optimizer adagrad = new Adagrad(0.01);}</pre>
 */
public final class Adagrad extends FluentOptimizer<Adagrad> {
    private static final List<String> SLOTS = List.of("accumulator");

    private double initialAccumulatorValue = 0.1;
    private double epsilon = 1e-7;

    /** Adagrad with {@code η = 0.001}. */
    public Adagrad() {
        this(0.001);
    }

    /** Adagrad with learning rate {@code learningRate}. */
    public Adagrad(double learningRate) {
        super("adagrad", learningRate);
    }

    /** The starting value {@code >= 0} of the accumulators (takes effect for parameters without state yet). */
    public Adagrad initialAccumulatorValue(double initialAccumulatorValue) {
        this.initialAccumulatorValue = Hyperparameters.nonNegative("initialAccumulatorValue",
                initialAccumulatorValue);
        return this;
    }

    /** {@code ε >= 0}, added under the square root. */
    public Adagrad epsilon(double epsilon) {
        this.epsilon = Hyperparameters.nonNegative("epsilon", epsilon);
        return this;
    }

    /** The accumulators' starting value. */
    public double initialAccumulatorValue() {
        return initialAccumulatorValue;
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
    protected float initialSlotValue(String slot) {
        return (float) initialAccumulatorValue;
    }

    @Override
    protected void update(float[] parameter, float[] gradient, float[][] slots, double learningRate, int from,
                          int to) {
        float[] accumulator = slots[0];
        for (int i = from; i < to; i++) {
            double g = gradient[i];
            accumulator[i] = (float) (accumulator[i] + g * g);
            parameter[i] = (float) (parameter[i] - learningRate * g / Math.sqrt(accumulator[i] + epsilon));
        }
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("initial_accumulator_value", initialAccumulatorValue);
        config.put("epsilon", epsilon);
    }

    @Override
    protected void readConfig(ConfigReader config) {
        initialAccumulatorValue(config.getDouble("initial_accumulator_value", initialAccumulatorValue));
        epsilon(config.getDouble("epsilon", epsilon));
    }
}
