package org.noether.losses;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads a loss's saved constructor arguments (the map {@link Loss#config()} wrote, possibly
 * after a round trip through JSON, so numbers may come back as any {@link Number}) and fails
 * on a key that no argument claims, naming the keys it knows.
 *
 * <p>Keras's own bookkeeping keys are accepted when they say what Noether does anyway:
 * {@code name} (ignored), {@code dtype} (null or float32), {@code reduction}
 * ({@code sum_over_batch_size} or {@code mean}) and {@code axis} (-1).
 */
final class LossConfig {
    private final String loss;
    private final Map<String, Object> values;
    private final Set<String> known = new LinkedHashSet<>();

    LossConfig(String loss, Map<String, Object> values) {
        this.loss = loss;
        this.values = values == null ? Map.of() : values;
    }

    /** An unmodifiable map with the given keys and values, in that order (for stable JSON). */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    /** The boolean under {@code key}, or {@code fallback} when absent. */
    boolean bool(String key, boolean fallback) {
        Object value = claim(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw wrongType(key, value, "a boolean");
    }

    /** The number under {@code key}, or {@code fallback} when absent. */
    double number(String key, double fallback) {
        Object value = claim(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw wrongType(key, value, "a number");
    }

    /** Checks Keras's bookkeeping keys and rejects any key no argument claimed. */
    void finish() {
        expect("reduction", v -> "sum_over_batch_size".equals(v) || "mean".equals(v), "\"sum_over_batch_size\"");
        expect("axis", v -> v instanceof Number n && n.doubleValue() == -1, "-1");
        expect("dtype", v -> v == null || "float32".equals(v), "\"float32\"");
        claim("name");
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(loss + ": unknown config key \"" + key + "\"; expected one of "
                        + known + ". Received: " + values);
            }
        }
    }

    private void expect(String key, Predicate<Object> accepted, String expected) {
        boolean present = values.containsKey(key);
        Object value = claim(key);
        if (present && !accepted.test(value)) {
            throw new IllegalArgumentException(loss + ": config key \"" + key + "\" must be " + expected
                    + " (the only value supported). Received: " + key + "=" + value);
        }
    }

    private Object claim(String key) {
        known.add(key);
        return values.get(key);
    }

    private IllegalArgumentException wrongType(String key, Object value, String expected) {
        return new IllegalArgumentException(loss + ": config key \"" + key + "\" must be " + expected
                + ". Received: " + key + "=" + value + " (" + value.getClass().getSimpleName() + ")");
    }
}
