package org.noether.losses;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.noether.io.ConfigReader;
import org.noether.io.NamedRegistry;

/**
 * The built-in losses by Keras name, as {@code model.compile(loss="mse")} finds them: the Keras
 * name ({@code "mean_squared_error"}), the Keras class name ({@code "MeanSquaredError"}) and the
 * short aliases ({@code "mse"}, {@code "mae"}, {@code "msle"}, {@code "bce"}, {@code "kld"}),
 * in any letter case.
 *
 * <pre>{@code
 * Loss loss = Losses.get("sparse_categorical_crossentropy");
 * Loss again = Losses.fromConfig(loss.name(), loss.config());   // equal to loss
 * }</pre>
 */
public final class Losses {
    /** Keras's {@code backend.epsilon()}: how far probabilities are kept from 0 and 1. */
    public static final double EPSILON = 1e-7;

    private static final NamedRegistry<Function<ConfigReader, Loss>> LOSSES = new NamedRegistry<>("loss", "losses");

    static {
        LOSSES.add(MeanSquaredError.NAME, List.of("mse", "MeanSquaredError"), c -> new MeanSquaredError());
        LOSSES.add(MeanAbsoluteError.NAME, List.of("mae", "MeanAbsoluteError"), c -> new MeanAbsoluteError());
        LOSSES.add(MeanSquaredLogarithmicError.NAME, List.of("msle", "MeanSquaredLogarithmicError"),
                c -> new MeanSquaredLogarithmicError());
        LOSSES.add(Huber.NAME, List.of("huber", "Huber"), Huber::fromConfig);
        LOSSES.add(BinaryCrossentropy.NAME, List.of("bce", "BinaryCrossentropy"), BinaryCrossentropy::fromConfig);
        LOSSES.add(CategoricalCrossentropy.NAME, List.of("CategoricalCrossentropy"),
                CategoricalCrossentropy::fromConfig);
        LOSSES.add(SparseCategoricalCrossentropy.NAME, List.of("SparseCategoricalCrossentropy"),
                SparseCategoricalCrossentropy::fromConfig);
        LOSSES.add(KLDivergence.NAME, List.of("kld", "kullback_leibler_divergence", "KLDivergence"),
                c -> new KLDivergence());
        LOSSES.add(Hinge.NAME, List.of("Hinge"), c -> new Hinge());
    }

    private Losses() {
    }

    /**
     * The loss of that name with Keras's default arguments.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Loss get(String name) {
        return fromConfig(name, Map.of());
    }

    /**
     * The loss of that name built from its {@link Loss#config()}; the inverse of
     * {@code name()}/{@code config()}. Absent keys take Keras's defaults. Keras's own bookkeeping keys
     * are accepted when they say what Noether does anyway: {@code name} (ignored), {@code reduction}
     * ({@code sum_over_batch_size} or {@code mean}), {@code axis} (-1) and {@code dtype} (float32).
     *
     * @throws IllegalArgumentException for an unknown name (listing the known ones), an unknown
     *     config key or a value of the wrong type
     */
    public static Loss fromConfig(String name, Map<String, Object> config) {
        var entry = LOSSES.find(name).orElseThrow(
                () -> LOSSES.unknown(name, "custom".equals(name)
                        ? "A custom loss (a lambda) has no saved form: pass the same Loss object again." : ""));
        ConfigReader reader = new ConfigReader(entry.name(), config).ignore("name")
                .expect("reduction", value -> "sum_over_batch_size".equals(value) || "mean".equals(value),
                        "\"sum_over_batch_size\" (the only reduction supported)")
                .expect("axis", value -> value instanceof Number axis && axis.doubleValue() == -1,
                        "-1 (the only axis supported)")
                .expectFloat32Dtype();
        return reader.read(entry.factory());
    }

    /** An unmodifiable map with the given keys and values, in that order (for stable JSON). */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    /** The Keras names of the built-in losses, in a fixed order. */
    public static List<String> names() {
        return LOSSES.names();
    }
}
