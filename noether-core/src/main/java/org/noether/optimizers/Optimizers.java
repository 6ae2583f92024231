package org.noether.optimizers;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.noether.io.ConfigReader;
import org.noether.io.NamedRegistry;

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
    private static final NamedRegistry<Supplier<Optimizer>> OPTIMIZERS =
            new NamedRegistry<>("optimizer", "optimizers");

    static {
        OPTIMIZERS.add("sgd", SGD::new);
        OPTIMIZERS.add("adagrad", Adagrad::new);
        OPTIMIZERS.add("rmsprop", RMSprop::new);
        OPTIMIZERS.add("adadelta", Adadelta::new);
        OPTIMIZERS.add("adam", Adam::new);
        OPTIMIZERS.add("adamw", AdamW::new);
    }

    private Optimizers() {
    }

    /** The names of the built-in optimizers. */
    public static Set<String> names() {
        return Set.copyOf(OPTIMIZERS.names());
    }

    /**
     * A new optimizer called {@code name} (case-insensitive: "Adam" works) with Keras's defaults.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Optimizer get(String name) {
        return OPTIMIZERS.entry(name).factory().get();
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
