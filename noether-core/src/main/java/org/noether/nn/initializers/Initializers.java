package org.noether.nn.initializers;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.noether.io.ConfigReader;
import org.noether.io.NamedRegistry;
import org.noether.nn.initializers.VarianceScaling.Distribution;
import org.noether.nn.initializers.VarianceScaling.Mode;

/**
 * The named initializers, by their Keras names, and lookup from a saved config.
 *
 * <pre>{@code Initializer init = Initializers.get("he_normal");}</pre>
 */
public final class Initializers {
    private static final NamedRegistry<Function<ConfigReader, Initializer>> INITIALIZERS =
            new NamedRegistry<>("initializer", "initializers");

    static {
        INITIALIZERS.add("glorot_uniform", List.of("xavier_uniform"), read -> glorotUniform());
        INITIALIZERS.add("glorot_normal", List.of("xavier_normal"), read -> glorotNormal());
        INITIALIZERS.add("he_uniform", read -> heUniform());
        INITIALIZERS.add("he_normal", read -> heNormal());
        INITIALIZERS.add("lecun_uniform", read -> lecunUniform());
        INITIALIZERS.add("lecun_normal", read -> lecunNormal());
        INITIALIZERS.add("zeros", List.of("zero"), read -> zeros());
        INITIALIZERS.add("ones", List.of("one"), read -> ones());
        INITIALIZERS.add("constant", read -> new Constant(read.getDouble("value", 0)));
        INITIALIZERS.add("random_uniform", List.of("uniform"),
                read -> new RandomUniform(read.getDouble("minval", -0.05), read.getDouble("maxval", 0.05)));
        INITIALIZERS.add("random_normal", List.of("normal"),
                read -> new RandomNormal(read.getDouble("mean", 0), read.getDouble("stddev", 0.05)));
        INITIALIZERS.add("variance_scaling", read -> new VarianceScaling(read.getDouble("scale", 1),
                option(Mode.class, "mode", read.getString("mode", "fan_in")),
                option(Distribution.class, "distribution", read.getString("distribution", "truncated_normal"))));
    }

    private Initializers() {
    }

    /** Glorot (Xavier) uniform: {@code U(±√(6/(fan_in+fan_out)))}; Keras's kernel default. */
    public static Initializer glorotUniform() {
        return new VarianceScaling(1, Mode.FAN_AVG, Distribution.UNIFORM, "glorot_uniform");
    }

    /** Glorot normal: truncated normal with variance {@code 2/(fan_in+fan_out)}. */
    public static Initializer glorotNormal() {
        return new VarianceScaling(1, Mode.FAN_AVG, Distribution.TRUNCATED_NORMAL, "glorot_normal");
    }

    /** He uniform: {@code U(±√(6/fan_in))}, for ReLU networks. */
    public static Initializer heUniform() {
        return new VarianceScaling(2, Mode.FAN_IN, Distribution.UNIFORM, "he_uniform");
    }

    /** He normal: truncated normal with variance {@code 2/fan_in}. */
    public static Initializer heNormal() {
        return new VarianceScaling(2, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL, "he_normal");
    }

    /** LeCun uniform: {@code U(±√(3/fan_in))}. */
    public static Initializer lecunUniform() {
        return new VarianceScaling(1, Mode.FAN_IN, Distribution.UNIFORM, "lecun_uniform");
    }

    /** LeCun normal: truncated normal with variance {@code 1/fan_in} (for SELU). */
    public static Initializer lecunNormal() {
        return new VarianceScaling(1, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL, "lecun_normal");
    }

    /** All zeros; Keras's bias default. */
    public static Initializer zeros() {
        return new Constant(0);
    }

    /** All ones. */
    public static Initializer ones() {
        return new Constant(1);
    }

    /** The initializer with this Keras name and default arguments. */
    public static Initializer get(String name) {
        return fromConfig(name, Map.of());
    }

    /**
     * Rebuilds an initializer from its {@link Initializer#name()} and {@link Initializer#config()}.
     *
     * @throws IllegalArgumentException for an unknown name (listing the known ones), or a config key
     *     the initializer does not take
     */
    public static Initializer fromConfig(String name, Map<String, Object> config) {
        var entry = INITIALIZERS.entry(name);
        return new ConfigReader("Initializer '" + name + "'", config).read(entry.factory());
    }

    /** The Keras names of the initializers {@link #get} knows, in a fixed order (without aliases). */
    public static List<String> names() {
        return INITIALIZERS.names();
    }

    private static <E extends Enum<E>> E option(Class<E> type, String key, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("variance_scaling " + key + " must be one of "
                + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList()
                + ". Received: " + key + "=" + value);
    }
}
