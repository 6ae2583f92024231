package org.noether.train.metrics;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.noether.io.ConfigReader;
import org.noether.io.NamedRegistry;

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

    /** Each factory gets the name asked for (a Keras history key) and a reader of the config. */
    private static final NamedRegistry<BiFunction<String, ConfigReader, Metric>> METRICS =
            new NamedRegistry<>("metric", "metrics");

    static {
        METRICS.add("accuracy", List.of("acc"), (name, c) -> new Accuracy(name));
        METRICS.add("binary_accuracy", List.of("BinaryAccuracy"),
                (name, c) -> new BinaryAccuracy(c.getDouble("threshold", BinaryAccuracy.DEFAULT_THRESHOLD)));
        METRICS.add("categorical_accuracy", List.of("CategoricalAccuracy"), (name, c) -> new CategoricalAccuracy());
        METRICS.add("sparse_categorical_accuracy", List.of("SparseCategoricalAccuracy"),
                (name, c) -> new SparseCategoricalAccuracy());
        METRICS.add("top_k_categorical_accuracy", List.of("TopKCategoricalAccuracy"),
                (name, c) -> new TopKCategoricalAccuracy(c.getInt("k", TopKCategoricalAccuracy.DEFAULT_K)));
        METRICS.add("sparse_top_k_categorical_accuracy", List.of("SparseTopKCategoricalAccuracy"),
                (name, c) -> new SparseTopKCategoricalAccuracy(c.getInt("k", TopKCategoricalAccuracy.DEFAULT_K)));
        METRICS.add("mean_absolute_error", List.of("mae", "MeanAbsoluteError"), (name, c) -> new MeanAbsoluteError());
    }

    private Metrics() {
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
        var entry = METRICS.entry(name);
        // Keras's metric dtype sets its accumulators' type; Noether accumulates in double regardless.
        return new ConfigReader(entry.name(), config).ignore("name", "dtype")
                .read(reader -> entry.factory().apply(name, reader));
    }

    /** The Keras names of the built-in metrics, in a fixed order. */
    public static List<String> names() {
        return METRICS.names();
    }
}
