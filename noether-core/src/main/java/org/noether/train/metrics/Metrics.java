package org.noether.train.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The built-in metrics by Keras name, as {@code compile(metrics=["accuracy"])} finds them: the
 * Keras name, the class name and the aliases {@code "acc"} and {@code "mae"}, in any letter case.
 * {@code "accuracy"}/{@code "acc"} keep the spelling asked for as their name (a Keras history key);
 * the others report their Keras name.
 *
 * <pre>{@code
 * Metric top3 = Metrics.fromConfig("top_k_categorical_accuracy", Map.of("k", 3));
 * Metric same = Metrics.fromConfig(top3.name(), top3.config());
 * }</pre>
 */
public final class Metrics {

    /** A metric type: its Keras name, other names, and how to build it from a name and config reader. */
    private record Entry(String name, List<String> aliases, BiFunction<String, Reader, Metric> factory) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry("accuracy", List.of("acc"), (name, c) -> new Accuracy(name)),
            new Entry("binary_accuracy", List.of("BinaryAccuracy"),
                    (name, c) -> new BinaryAccuracy(c.number("threshold", BinaryAccuracy.DEFAULT_THRESHOLD))),
            new Entry("categorical_accuracy", List.of("CategoricalAccuracy"), (name, c) -> new CategoricalAccuracy()),
            new Entry("sparse_categorical_accuracy", List.of("SparseCategoricalAccuracy"),
                    (name, c) -> new SparseCategoricalAccuracy()),
            new Entry("top_k_categorical_accuracy", List.of("TopKCategoricalAccuracy"),
                    (name, c) -> new TopKCategoricalAccuracy(c.integer("k", TopKCategoricalAccuracy.DEFAULT_K))),
            new Entry("sparse_top_k_categorical_accuracy", List.of("SparseTopKCategoricalAccuracy"),
                    (name, c) -> new SparseTopKCategoricalAccuracy(c.integer("k", TopKCategoricalAccuracy.DEFAULT_K))),
            new Entry("mean_absolute_error", List.of("mae", "MeanAbsoluteError"),
                    (name, c) -> new MeanAbsoluteError()));

    private static final Map<String, Entry> BY_NAME = index();

    private Metrics() {
    }

    private static Map<String, Entry> index() {
        Map<String, Entry> byName = new LinkedHashMap<>();
        for (Entry entry : ENTRIES) {
            byName.put(entry.name().toLowerCase(Locale.ROOT), entry);
            for (String alias : entry.aliases()) {
                byName.put(alias.toLowerCase(Locale.ROOT), entry);
            }
        }
        return byName;
    }

    /**
     * A fresh metric of that name with Keras's default arguments.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Metric get(String name) {
        return fromConfig(name, Map.of());
    }

    /**
     * A fresh metric of that name built from its {@link Metric#config()} (absent keys take Keras's
     * defaults; Keras's {@code name} and {@code dtype} keys are ignored).
     *
     * @throws IllegalArgumentException for an unknown name (listing the known ones), an unknown
     *     config key or a value of the wrong type
     */
    public static Metric fromConfig(String name, Map<String, Object> config) {
        Entry entry = name == null ? null : BY_NAME.get(name.toLowerCase(Locale.ROOT));
        if (entry == null) {
            throw new IllegalArgumentException("Unknown metric \"" + name + "\". Known metrics: " + knownNames()
                    + ". Received: " + name);
        }
        Reader reader = new Reader(entry.name(), config == null ? Map.of() : config);
        Metric metric = entry.factory().apply(name, reader);
        reader.finish();
        return metric;
    }

    /** The Keras names of the built-in metrics, in a fixed order. */
    public static List<String> names() {
        return ENTRIES.stream().map(Entry::name).toList();
    }

    private static String knownNames() {
        List<String> parts = new ArrayList<>();
        for (Entry entry : ENTRIES) {
            // Class names (capitalised) would only lengthen the message.
            List<String> shortAliases = entry.aliases().stream()
                    .filter(alias -> !Character.isUpperCase(alias.charAt(0))).toList();
            parts.add(shortAliases.isEmpty() ? entry.name() : entry.name() + " " + shortAliases);
        }
        return String.join(", ", parts);
    }

    /** Reads config values by key, remembering which keys were asked for, to reject the others. */
    private static final class Reader {
        private final String metric;
        private final Map<String, Object> values;
        private final Set<String> known = new LinkedHashSet<>(List.of("name", "dtype"));

        Reader(String metric, Map<String, Object> values) {
            this.metric = metric;
            this.values = values;
        }

        double number(String key, double fallback) {
            known.add(key);
            Object value = values.get(key);
            if (value == null) {
                return fallback;
            }
            if (value instanceof Number n) {
                return n.doubleValue();
            }
            throw new IllegalArgumentException(metric + ": config key \"" + key + "\" must be a number. Received: "
                    + key + "=" + value);
        }

        int integer(String key, int fallback) {
            double value = number(key, fallback);
            if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(metric + ": config key \"" + key
                        + "\" must be an integer. Received: " + key + "=" + values.get(key));
            }
            return (int) value;
        }

        void finish() {
            for (String key : values.keySet()) {
                if (!known.contains(key)) {
                    throw new IllegalArgumentException(metric + ": unknown config key \"" + key + "\"; expected one of "
                            + known + ". Received: " + values);
                }
            }
        }
    }
}
