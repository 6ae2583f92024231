package org.noether.optimizers.schedules;

import java.util.LinkedHashMap;
import java.util.Map;
import org.noether.io.ConfigReader;

/**
 * The classic step schedule: {@code η(step) = initialLearningRate · factor^⌊step / stepSize⌋}, a
 * staircase that multiplies the rate by {@code factor} every {@code stepSize} steps (PyTorch's
 * {@code StepLR}; the same as {@code ExponentialDecay(initial, stepSize, factor, true)}).
 *
 * <pre>{@code
 * new StepDecay(0.1, 30, 0.1).rate(65) // 0.1 · 0.1² = 0.001
 * }</pre>
 *
 * @param initialLearningRate η for the first {@code stepSize} steps, {@code >= 0}
 * @param stepSize            steps between drops, {@code > 0}
 * @param factor              the multiplier at each drop, {@code > 0}
 */
public record StepDecay(double initialLearningRate, long stepSize, double factor) implements LearningRateSchedule {

    /** Checks the arguments. */
    public StepDecay {
        Hyperparameters.nonNegative("initialLearningRate", initialLearningRate);
        Hyperparameters.positive("stepSize", stepSize);
        Hyperparameters.positive("factor", factor);
    }

    @Override
    public double rate(long step) {
        return initialLearningRate * Math.pow(factor, Math.floorDiv(step, stepSize));
    }

    @Override
    public String name() {
        return "StepDecay";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("initial_learning_rate", initialLearningRate);
        config.put("step_size", stepSize);
        config.put("factor", factor);
        return config;
    }

    static StepDecay fromConfig(ConfigReader config) {
        return new StepDecay(config.getDouble("initial_learning_rate"), config.getLong("step_size"),
                config.getDouble("factor"));
    }
}
