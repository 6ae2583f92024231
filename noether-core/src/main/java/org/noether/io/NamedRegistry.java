package org.noether.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Things found by name, as Keras finds {@code loss="mse"} or {@code optimizer="Adam"}: each entry
 * has a name, aliases and a factory; a lookup ignores letter case and matches the name or any
 * alias, and an unknown name gets an {@link IllegalArgumentException} that lists the known ones:
 * {@code Unknown loss 'msa'. Known losses: mean_squared_error [mse], ... Received: msa}.
 *
 * <p>The registry does not build anything itself: the factory type {@code F} is whatever the
 * caller needs ({@code Function<ConfigReader, Loss>}, {@code Supplier<Optimizer>}, ...), and the
 * caller applies it. Entries may be added at any time (custom layers register themselves); a
 * lookup sees either all of an addition or none of it.
 *
 * <pre>{@code
 * NamedRegistry<Supplier<Optimizer>> optimizers = new NamedRegistry<>("optimizer", "optimizers");
 * optimizers.add("sgd", List.of(), SGD::new);
 * Optimizer sgd = optimizers.entry("SGD").factory().get();
 * }</pre>
 *
 * @param <F> how an entry is built, as the caller applies it
 */
public final class NamedRegistry<F> {
    private final String kind;
    private final String kinds;
    // Replaced as a whole on each addition, so that lookups need no lock.
    private volatile Contents<F> contents = new Contents<>(List.of(), Map.of());

    /** An entry: its name (the one {@link #names()} lists), other names it is found by, and its factory. */
    public record Entry<F>(String name, List<String> aliases, F factory) {
        /** Copies the aliases. */
        public Entry {
            aliases = List.copyOf(aliases);
        }
    }

    private record Contents<F>(List<Entry<F>> entries, Map<String, Entry<F>> byKey) {
    }

    /**
     * An empty registry of {@code kind}s, as messages name them: {@code ("loss", "losses")} gives
     * {@code Unknown loss 'x'. Known losses: ...}.
     */
    public NamedRegistry(String kind, String kinds) {
        this.kind = kind;
        this.kinds = kinds;
    }

    /**
     * Adds an entry found by {@code name} or any of {@code aliases} (in any letter case). An entry of
     * the same name is replaced in its place; where the names or aliases of two entries coincide, the
     * later entry is found.
     */
    public synchronized NamedRegistry<F> add(String name, List<String> aliases, F factory) {
        Map<String, Entry<F>> byName = new LinkedHashMap<>();
        for (Entry<F> entry : contents.entries()) {
            byName.put(key(entry.name()), entry);
        }
        byName.put(key(name), new Entry<>(name, aliases, factory));
        Map<String, Entry<F>> byKey = new HashMap<>();
        for (Entry<F> entry : byName.values()) {
            byKey.put(key(entry.name()), entry);
            for (String alias : entry.aliases()) {
                byKey.put(key(alias), entry);
            }
        }
        contents = new Contents<>(List.copyOf(byName.values()), Map.copyOf(byKey));
        return this;
    }

    /** Adds an entry found by {@code name} alone (in any letter case); see {@link #add(String, List, Object)}. */
    public NamedRegistry<F> add(String name, F factory) {
        return add(name, List.of(), factory);
    }

    /** The entry found by {@code name} (any letter case), if any; empty for null. */
    public Optional<Entry<F>> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(contents.byKey().get(key(name)));
    }

    /**
     * The entry found by {@code name} (any letter case).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public Entry<F> entry(String name) {
        return find(name).orElseThrow(() -> unknown(name, ""));
    }

    /**
     * The error for an unknown {@code name}: {@code Unknown kind 'name'.} then {@code hint} (a
     * sentence, or empty), the known names with their lower-case aliases, and the name received.
     */
    public IllegalArgumentException unknown(String name, String hint) {
        return new IllegalArgumentException("Unknown " + kind + " '" + name + "'." + (hint.isEmpty() ? "" : " " + hint)
                + " Known " + kinds + ": " + known() + ". Received: " + name);
    }

    /** The entries' names, in the order they were added. */
    public List<String> names() {
        return contents.entries().stream().map(Entry::name).toList();
    }

    private String known() {
        List<String> parts = new ArrayList<>();
        for (Entry<F> entry : contents.entries()) {
            // Class names as aliases (capitalised, "MeanSquaredError") would only lengthen the message.
            List<String> shortAliases = entry.aliases().stream()
                    .filter(alias -> !Character.isUpperCase(alias.charAt(0))).toList();
            parts.add(shortAliases.isEmpty() ? entry.name() : entry.name() + " " + shortAliases);
        }
        return String.join(", ", parts);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
