package org.noether.optimizers.schedules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.noether.io.ConfigReader;

/**
 * Cosine decay with an optional linear warmup (Keras's {@code CosineDecay}; Loshchilov &amp; Hutter,
 * <a href="https://arxiv.org/abs/1608.03983">SGDR</a>; warmup as in Goyal et al.).
 *
 * <p>Without warmup ({@code warmupTarget} null), with {@code s = min(step, decaySteps)}:
 * <pre>
 * η(step) = initialLearningRate · ((1 − α) · ½(1 + cos(π s / decaySteps)) + α)
 * </pre>
 * With warmup, {@code s = min(step, warmupSteps + decaySteps)}; while {@code s < warmupSteps} the
 * rate climbs linearly, {@code η = initialLearningRate + (warmupTarget − initialLearningRate) · s /
 * warmupSteps}, then decays as above from {@code warmupTarget} over {@code s − warmupSteps}. The
 * rate ends at {@code α} times its peak and stays there.
 *
 * <pre>{@code
 * new CosineDecay(0.0, 1000, 0.0, 0.1, 100) // 0 → 0.1 in 100 steps, then down to 0 in 1000
 * }</pre>
 *
 * @param initialLearningRate η at step 0, {@code >= 0}
 * @param decaySteps          length of the cosine, {@code > 0}
 * @param alpha               the final rate as a fraction of the peak, in {@code [0, 1]}
 * @param warmupTarget        the rate reached after warmup, {@code >= 0}; null for no warmup
 * @param warmupSteps         length of the warmup, {@code >= 0}
 */
public record CosineDecay(double initialLearningRate, long decaySteps, double alpha, Double warmupTarget,
                          long warmupSteps) implements LearningRateSchedule {

    /** Checks the arguments. */
    public CosineDecay {
        Hyperparameters.nonNegative("initialLearningRate", initialLearningRate);
        Hyperparameters.positive("decaySteps", decaySteps);
        Hyperparameters.fraction("alpha", alpha, true);
        if (warmupTarget != null) {
            Hyperparameters.nonNegative("warmupTarget", warmupTarget);
        }
        Hyperparameters.nonNegative("warmupSteps", warmupSteps);
    }

    /** Decay to zero without warmup. */
    public CosineDecay(double initialLearningRate, long decaySteps) {
        this(initialLearningRate, decaySteps, 0.0);
    }

    /** Decay to {@code alpha · initialLearningRate} without warmup. */
    public CosineDecay(double initialLearningRate, long decaySteps, double alpha) {
        this(initialLearningRate, decaySteps, alpha, null, 0);
    }

    @Override
    public double rate(long step) {
        if (warmupTarget == null) {
            return decayed(Math.min(step, decaySteps), initialLearningRate);
        }
        double s = Math.min(step, warmupSteps + decaySteps);
        if (s < warmupSteps) {
            return (warmupTarget - initialLearningRate) * (s / warmupSteps) + initialLearningRate;
        }
        return decayed(s - warmupSteps, warmupTarget);
    }

    private double decayed(double step, double from) {
        double cosine = 0.5 * (1 + Math.cos(Math.PI * step / decaySteps));
        return from * ((1 - alpha) * cosine + alpha);
    }

    @Override
    public String name() {
        return "CosineDecay";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("initial_learning_rate", initialLearningRate);
        config.put("decay_steps", decaySteps);
        config.put("alpha", alpha);
        config.put("warmup_target", warmupTarget);
        config.put("warmup_steps", warmupSteps);
        return config;
    }

    static CosineDecay fromConfig(ConfigReader config) {
        OptionalDouble target = config.getOptionalDouble("warmup_target");
        return new CosineDecay(config.getDouble("initial_learning_rate"), config.getLong("decay_steps"),
                config.getDouble("alpha", 0.0), target.isPresent() ? target.getAsDouble() : null,
                config.getLong("warmup_steps", 0));
    }
}
