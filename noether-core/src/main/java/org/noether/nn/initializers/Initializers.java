package org.noether.nn.initializers;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.noether.io.ConfigReader;
import org.noether.nn.initializers.VarianceScaling.Distribution;
import org.noether.nn.initializers.VarianceScaling.Mode;

/**
 * The named initializers, by their Keras names, and lookup from a saved config.
 *
 * <pre>{@code Initializer init = Initializers.get("he_normal");}</pre>
 */
public final class Initializers {
    private static final List<String> NAMES = List.of("glorot_uniform", "glorot_normal", "he_uniform", "he_normal",
            "lecun_uniform", "lecun_normal", "zeros", "ones", "constant", "random_uniform", "random_normal",
            "variance_scaling");

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
     * @throws IllegalArgumentException for an unknown name, or a config key the initializer does not take
     */
    public static Initializer fromConfig(String name, Map<String, Object> config) {
        ConfigReader read = new ConfigReader("Initializer '" + name + "'", config);
        Initializer initializer = byName(name, read);
        read.finish();
        return initializer;
    }

    private static Initializer byName(String name, ConfigReader read) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "glorot_uniform", "xavier_uniform" -> glorotUniform();
            case "glorot_normal", "xavier_normal" -> glorotNormal();
            case "he_uniform" -> heUniform();
            case "he_normal" -> heNormal();
            case "lecun_uniform" -> lecunUniform();
            case "lecun_normal" -> lecunNormal();
            case "zeros", "zero" -> zeros();
            case "ones", "one" -> ones();
            case "constant" -> new Constant(read.getDouble("value", 0));
            case "random_uniform", "uniform" -> new RandomUniform(read.getDouble("minval", -0.05),
                    read.getDouble("maxval", 0.05));
            case "random_normal", "normal" -> new RandomNormal(read.getDouble("mean", 0), read.getDouble("stddev", 0.05));
            case "variance_scaling" -> new VarianceScaling(read.getDouble("scale", 1),
                    option(Mode.class, "mode", read.getString("mode", "fan_in")),
                    option(Distribution.class, "distribution", read.getString("distribution", "truncated_normal")));
            default -> throw new IllegalArgumentException("Unknown initializer '" + name + "'. Known: " + NAMES);
        };
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
