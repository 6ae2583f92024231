package org.noether.optimizers;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.noether.io.ConfigReader;

/**
 * The built-in optimizers by Keras name ({@code "sgd"}, {@code "adagrad"}, {@code "rmsprop"},
 * {@code "adadelta"}, {@code "adam"}, {@code "adamw"}), as in {@code model.compile(optimizer="adam")}.
 *
 * <pre>{@code
 * Optimizer adam = Optimizers.get("adam");
 * Optimizer copy = Optimizers.fromConfig(adam.name(), adam.config());
 * }</pre>
 */
public final class Optimizers {
    private static final Map<String, Supplier<Optimizer>> KNOWN = new LinkedHashMap<>();

    static {
        KNOWN.put("sgd", SGD::new);
        KNOWN.put("adagrad", Adagrad::new);
        KNOWN.put("rmsprop", RMSprop::new);
        KNOWN.put("adadelta", Adadelta::new);
        KNOWN.put("adam", Adam::new);
        KNOWN.put("adamw", AdamW::new);
    }

    private Optimizers() {
    }

    /** The names of the built-in optimizers. */
    public static Set<String> names() {
        return Set.copyOf(KNOWN.keySet());
    }

    /** A new optimizer called {@code name} (case-insensitive: "Adam" works) with Keras's defaults. */
    public static Optimizer get(String name) {
        Supplier<Optimizer> factory = name == null ? null : KNOWN.get(name.toLowerCase(Locale.ROOT));
        if (factory == null) {
            throw new IllegalArgumentException("Unknown optimizer: '" + name + "'. Known optimizers: "
                    + String.join(", ", KNOWN.keySet()));
        }
        return factory.get();
    }

    /**
     * A new optimizer called {@code name} with the hyperparameters in {@code config} (the inverse of
     * {@link Optimizer#name()} and {@link Optimizer#config()}); absent keys keep Keras's defaults,
     * unknown keys are an error. Keras's own configs load too, as long as they use no feature this
     * library lacks (EMA, loss scaling, gradient accumulation).
     */
    public static Optimizer fromConfig(String name, Map<String, ?> config) {
        Optimizer optimizer = get(name);
        optimizer.applyConfig(new ConfigReader(optimizer.name(), config));
        return optimizer;
    }
}
