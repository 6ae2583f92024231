package org.noether.optimizers.schedules;

import java.util.LinkedHashMap;
import java.util.Map;
import org.noether.io.ConfigReader;

/**
 * Exponential decay: {@code η(step) = initialLearningRate · decayRate^(step / decaySteps)}, with
 * {@code step / decaySteps} rounded down when {@code staircase} (the rate then drops every
 * {@code decaySteps} steps). Keras's {@code ExponentialDecay}.
 *
 * <pre>{@code
 * new ExponentialDecay(0.1, 100_000, 0.96, true).rate(250_000) // 0.1 · 0.96²
 * }</pre>
 *
 * @param initialLearningRate η at step 0, {@code >= 0}
 * @param decaySteps          steps per factor of {@code decayRate}, {@code > 0}
 * @param decayRate           the factor per {@code decaySteps}, {@code > 0}
 * @param staircase           whether the exponent is an integer division
 */
public record ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate, boolean staircase)
        implements LearningRateSchedule {

    /** Checks the arguments. */
    public ExponentialDecay {
        Hyperparameters.nonNegative("initialLearningRate", initialLearningRate);
        Hyperparameters.positive("decaySteps", decaySteps);
        Hyperparameters.positive("decayRate", decayRate);
    }

    /** Smooth decay ({@code staircase = false}). */
    public ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate) {
        this(initialLearningRate, decaySteps, decayRate, false);
    }

    @Override
    public double rate(long step) {
        double exponent = (double) step / decaySteps;
        return initialLearningRate * Math.pow(decayRate, staircase ? Math.floor(exponent) : exponent);
    }

    @Override
    public String name() {
        return "ExponentialDecay";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("initial_learning_rate", initialLearningRate);
        config.put("decay_steps", decaySteps);
        config.put("decay_rate", decayRate);
        config.put("staircase", staircase);
        return config;
    }

    static ExponentialDecay fromConfig(ConfigReader config) {
        return new ExponentialDecay(config.getDouble("initial_learning_rate"), config.getLong("decay_steps"),
                config.getDouble("decay_rate"), config.getBoolean("staircase", false));
    }
}
