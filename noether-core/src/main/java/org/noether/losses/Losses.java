package org.noether.losses;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.noether.io.ConfigReader;

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

    private record Entry(String name, List<String> aliases, Function<ConfigReader, Loss> factory) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry(MeanSquaredError.NAME, List.of("mse", "MeanSquaredError"), c -> new MeanSquaredError()),
            new Entry(MeanAbsoluteError.NAME, List.of("mae", "MeanAbsoluteError"), c -> new MeanAbsoluteError()),
            new Entry(MeanSquaredLogarithmicError.NAME, List.of("msle", "MeanSquaredLogarithmicError"),
                    c -> new MeanSquaredLogarithmicError()),
            new Entry(Huber.NAME, List.of("huber", "Huber"), Huber::fromConfig),
            new Entry(BinaryCrossentropy.NAME, List.of("bce", "BinaryCrossentropy"), BinaryCrossentropy::fromConfig),
            new Entry(CategoricalCrossentropy.NAME, List.of("CategoricalCrossentropy"),
                    CategoricalCrossentropy::fromConfig),
            new Entry(SparseCategoricalCrossentropy.NAME, List.of("SparseCategoricalCrossentropy"),
                    SparseCategoricalCrossentropy::fromConfig),
            new Entry(KLDivergence.NAME, List.of("kld", "kullback_leibler_divergence", "KLDivergence"),
                    c -> new KLDivergence()),
            new Entry(Hinge.NAME, List.of("Hinge"), c -> new Hinge()));

    private static final Map<String, Entry> BY_NAME = index();

    private Losses() {
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
        Entry entry = name == null ? null : BY_NAME.get(name.toLowerCase(Locale.ROOT));
        if (entry == null) {
            String hint = "custom".equals(name)
                    ? " A custom loss (a lambda) has no saved form: pass the same Loss object again."
                    : "";
            throw new IllegalArgumentException("Unknown loss \"" + name + "\"." + hint + " Known losses: "
                    + knownNames() + ". Received: " + name);
        }
        ConfigReader reader = new ConfigReader(entry.name(), config).ignore("name")
                .expect("reduction", value -> "sum_over_batch_size".equals(value) || "mean".equals(value),
                        "\"sum_over_batch_size\" (the only reduction supported)")
                .expect("axis", value -> value instanceof Number axis && axis.doubleValue() == -1,
                        "-1 (the only axis supported)")
                .expectFloat32Dtype();
        Loss loss = entry.factory().apply(reader);
        reader.finish();
        return loss;
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
