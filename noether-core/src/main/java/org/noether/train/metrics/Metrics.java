package org.noether.train.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.noether.io.ConfigReader;

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
    private record Entry(String name, List<String> aliases, BiFunction<String, ConfigReader, Metric> factory) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry("accuracy", List.of("acc"), (name, c) -> new Accuracy(name)),
            new Entry("binary_accuracy", List.of("BinaryAccuracy"),
                    (name, c) -> new BinaryAccuracy(c.getDouble("threshold", BinaryAccuracy.DEFAULT_THRESHOLD))),
            new Entry("categorical_accuracy", List.of("CategoricalAccuracy"), (name, c) -> new CategoricalAccuracy()),
            new Entry("sparse_categorical_accuracy", List.of("SparseCategoricalAccuracy"),
                    (name, c) -> new SparseCategoricalAccuracy()),
            new Entry("top_k_categorical_accuracy", List.of("TopKCategoricalAccuracy"),
                    (name, c) -> new TopKCategoricalAccuracy(c.getInt("k", TopKCategoricalAccuracy.DEFAULT_K))),
            new Entry("sparse_top_k_categorical_accuracy", List.of("SparseTopKCategoricalAccuracy"),
                    (name, c) -> new SparseTopKCategoricalAccuracy(c.getInt("k", TopKCategoricalAccuracy.DEFAULT_K))),
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
        // Keras's metric dtype sets its accumulators' type; Noether accumulates in double regardless.
        ConfigReader reader = new ConfigReader(entry.name(), config).ignore("name", "dtype");
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
}
