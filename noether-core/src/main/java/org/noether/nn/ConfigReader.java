package org.noether.nn;

import java.util.List;
import java.util.Map;

/**
 * Typed reads from a saved configuration (a JSON object as a map), with errors that name the
 * owner, the key, the type expected and the value found. JSON numbers arrive as Long or Double,
 * so numbers are read through {@link Number}.
 *
 * <pre>{@code ConfigReader read = new ConfigReader(config, "Dense"); int units = read.getInt("units");}</pre>
 */
public final class ConfigReader {
    private final Map<String, Object> config;
    private final String owner;

    /** Reads {@code config}; {@code owner} (e.g. "Dense") prefixes error messages. */
    public ConfigReader(Map<String, Object> config, String owner) {
        this.config = config == null ? Map.of() : config;
        this.owner = owner;
    }

    /** Whether the key is present (and not null). */
    public boolean has(String key) {
        return config.get(key) != null;
    }

    private Object require(String key) {
        Object value = config.get(key);
        if (value == null) {
            throw new IllegalArgumentException(owner + " config is missing '" + key + "'. Received keys: "
                    + config.keySet());
        }
        return value;
    }

    private IllegalArgumentException wrongType(String key, String expected, Object value) {
        return new IllegalArgumentException(owner + " config '" + key + "' must be " + expected + ". Received: "
                + value + (value == null ? "" : " (" + value.getClass().getSimpleName() + ")"));
    }

    /** A number that must be a whole int. */
    public int getInt(String key) {
        Object value = require(key);
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                && Math.abs(number.doubleValue()) <= Integer.MAX_VALUE) {
            return number.intValue();
        }
        throw wrongType(key, "a whole number", value);
    }

    /** A whole int, or {@code fallback} when absent. */
    public int getInt(String key, int fallback) {
        return has(key) ? getInt(key) : fallback;
    }

    /** A number that must be whole. */
    public long getLong(String key) {
        Object value = require(key);
        if (value instanceof Long || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return number.longValue();
        }
        throw wrongType(key, "a whole number", value);
    }

    /** A number. */
    public double getDouble(String key) {
        Object value = require(key);
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw wrongType(key, "a number", value);
    }

    /** A number, or {@code fallback} when absent. */
    public double getDouble(String key, double fallback) {
        return has(key) ? getDouble(key) : fallback;
    }

    /** A boolean. */
    public boolean getBoolean(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        Object value = config.get(key);
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw wrongType(key, "true or false", value);
    }

    /** A string. */
    public String getString(String key) {
        Object value = require(key);
        if (value instanceof String text) {
            return text;
        }
        throw wrongType(key, "a string", value);
    }

    /** A string, or {@code fallback} when absent. */
    public String getString(String key, String fallback) {
        return has(key) ? getString(key) : fallback;
    }

    /** A list of whole numbers. */
    public int[] getIntArray(String key) {
        Object value = require(key);
        if (value instanceof List<?> list) {
            int[] result = new int[list.size()];
            for (int i = 0; i < result.length; i++) {
                if (!(list.get(i) instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
                    throw wrongType(key, "a list of whole numbers", value);
                }
                result[i] = number.intValue();
            }
            return result;
        }
        if (value instanceof int[] array) {
            return array.clone();
        }
        throw wrongType(key, "a list of whole numbers", value);
    }

    /** A nested object. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> getMap(String key) {
        Object value = require(key);
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw wrongType(key, "an object", value);
    }
}
