package org.noether.optimizers.schedules;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a config map (as written by an optimizer's or a schedule's {@code config()}, or parsed from
 * JSON) with typed accessors, and rejects keys nobody asked for, so a misspelt key fails loudly.
 *
 * <p>Numbers may arrive as any {@link Number} (a JSON parser may give Integer, Long, Double or
 * BigDecimal); integers must have an integral value. Lists may be {@link List}s or Java arrays.
 *
 * <pre>{@code
 * ConfigReader config = new ConfigReader("ExponentialDecay", map);
 * double rate = config.number("decay_rate");
 * config.finish(); // throws if map holds a key that was never read
 * }</pre>
 */
public final class ConfigReader {
    private final String owner;
    private final Map<String, ?> config;
    private final Set<String> asked = new LinkedHashSet<>();

    /** A reader over {@code config}; {@code owner} names what is being configured in messages. */
    public ConfigReader(String owner, Map<String, ?> config) {
        if (config == null) {
            throw new IllegalArgumentException("The config of " + owner + " is null; expected a map");
        }
        this.owner = owner;
        this.config = config;
    }

    /** Whether {@code key} is present (possibly with a null value). */
    public boolean has(String key) {
        asked.add(key);
        return config.containsKey(key);
    }

    /** The raw value of {@code key}, or null when absent. */
    public Object value(String key) {
        asked.add(key);
        return config.get(key);
    }

    /** A required number. */
    public double number(String key) {
        if (!has(key)) {
            throw new IllegalArgumentException("The config of " + owner + " has no key '" + key + "'. Received: "
                    + config);
        }
        return toNumber(key, value(key));
    }

    /** A number, or {@code fallback} when the key is absent. */
    public double number(String key, double fallback) {
        return has(key) ? toNumber(key, value(key)) : fallback;
    }

    /** A number that may be absent or null (Keras's {@code None}). */
    public OptionalDouble optionalNumber(String key) {
        Object value = value(key);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(toNumber(key, value));
    }

    /** A required integer. */
    public long integer(String key) {
        return toInteger(key, number(key));
    }

    /** An integer, or {@code fallback} when the key is absent. */
    public long integer(String key, long fallback) {
        return has(key) ? toInteger(key, toNumber(key, value(key))) : fallback;
    }

    /** A boolean, or {@code fallback} when the key is absent. */
    public boolean flag(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        if (value(key) instanceof Boolean flag) {
            return flag;
        }
        throw wrongType(key, "true or false", value(key));
    }

    /** A required list of numbers. */
    public double[] numbers(String key) {
        List<?> list = toList(key);
        double[] values = new double[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = toNumber(key + "[" + i + "]", list.get(i));
        }
        return values;
    }

    /** A required list of integers. */
    public long[] integers(String key) {
        double[] numbers = numbers(key);
        long[] values = new long[numbers.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = toInteger(key + "[" + i + "]", numbers[i]);
        }
        return values;
    }

    /** Throws if the config holds a key that no accessor asked for. */
    public void finish() {
        Set<String> unknown = new TreeSet<>(config.keySet());
        unknown.removeAll(asked);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown config key(s) " + unknown + " for " + owner
                    + ". Known keys: " + asked);
        }
    }

    private List<?> toList(String key) {
        Object value = value(key);
        if (value instanceof List<?> list) {
            return list;
        }
        if (value instanceof double[] array) {
            return Arrays.stream(array).boxed().toList();
        }
        if (value instanceof long[] array) {
            return Arrays.stream(array).boxed().toList();
        }
        if (value instanceof int[] array) {
            return Arrays.stream(array).boxed().toList();
        }
        if (value instanceof Object[] array) {
            return List.of(array);
        }
        throw wrongType(key, "a list of numbers", value);
    }

    private double toNumber(String key, Object value) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw wrongType(key, "a number", value);
    }

    private long toInteger(String key, double value) {
        if (value != Math.rint(value) || Math.abs(value) > 0x1p53) {
            throw wrongType(key, "an integer", value);
        }
        return (long) value;
    }

    private IllegalArgumentException wrongType(String key, String expected, Object value) {
        String type = value == null ? "" : " (" + value.getClass().getSimpleName() + ")";
        return new IllegalArgumentException("Config key '" + key + "' of " + owner + " must be " + expected
                + ". Received: " + key + "=" + value + type);
    }
}
