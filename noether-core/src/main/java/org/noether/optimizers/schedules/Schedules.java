package org.noether.optimizers.schedules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.noether.io.ConfigReader;
import org.noether.io.NamedRegistry;

/**
 * The built-in learning-rate schedules by name, and their (de)serialization: the inverse of
 * {@link LearningRateSchedule#name()} and {@link LearningRateSchedule#config()}.
 *
 * <p>A serialized schedule is Keras's layout, {@code {"class_name": "CosineDecay", "config":
 * {...}}}; the keys {@code name} (inside the config) and {@code module}/{@code registered_name}
 * (outside), which Keras also writes, are accepted and ignored.
 *
 * <pre>{@code
 * LearningRateSchedule s = Schedules.fromConfig("ExponentialDecay",
 *         Map.of("initial_learning_rate", 0.1, "decay_steps", 1000, "decay_rate", 0.9));
 * }</pre>
 */
public final class Schedules {
    private static final NamedRegistry<Function<ConfigReader, LearningRateSchedule>> SCHEDULES =
            new NamedRegistry<>("learning rate schedule", "learning rate schedules");

    static {
        SCHEDULES.add("ExponentialDecay", ExponentialDecay::fromConfig);
        SCHEDULES.add("StepDecay", StepDecay::fromConfig);
        SCHEDULES.add("CosineDecay", CosineDecay::fromConfig);
        SCHEDULES.add("PiecewiseConstantDecay", PiecewiseConstantDecay::fromConfig);
    }

    private Schedules() {
    }

    /** The names of the built-in schedules. */
    public static Set<String> names() {
        return Set.copyOf(SCHEDULES.names());
    }

    /**
     * The schedule called {@code name} (case-insensitive) built from {@code config}.
     *
     * @throws IllegalArgumentException for an unknown name (listing the known ones), an unknown
     *     config key or a value of the wrong type
     */
    public static LearningRateSchedule fromConfig(String name, Map<String, ?> config) {
        var entry = SCHEDULES.entry(name);
        return new ConfigReader(entry.name(), config).ignore("name").read(entry.factory());
    }

    /** {@code {"class_name": schedule.name(), "config": schedule.config()}}. */
    public static Map<String, Object> serialize(LearningRateSchedule schedule) {
        Map<String, Object> serialized = new LinkedHashMap<>();
        serialized.put("class_name", schedule.name());
        serialized.put("config", schedule.config());
        return serialized;
    }

    /** The schedule described by a map written by {@link #serialize}. */
    public static LearningRateSchedule deserialize(Map<String, ?> serialized) {
        ConfigReader reader = new ConfigReader("a serialized learning rate schedule", serialized)
                .ignore("module", "registered_name");
        String className = reader.getString("class_name");
        Map<String, Object> config = reader.getMap("config");
        reader.finish();
        return fromConfig(className, config);
    }
}
