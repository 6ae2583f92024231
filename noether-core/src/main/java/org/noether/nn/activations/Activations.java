package org.noether.nn.activations;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.noether.autograd.ops.BiasActivation;
import org.noether.io.ConfigReader;
import org.noether.kernel.ChannelBias;
import org.noether.io.NamedRegistry;
import org.noether.tensor.Tensor;

/**
 * The activation functions of the notes (sigmoid, tanh, ReLU, leaky ReLU, ELU, softmax, linear)
 * and Keras's others, each one line of tensor ops (autograd differentiates them, to any order).
 * Maxout, which needs weights of its own, is the layer {@code Maxout}.
 *
 * <pre>{@code Tensor y = Activations.leakyRelu(0.1).apply(z); // max(0.1·z, z), as in the notes}</pre>
 */
public final class Activations {
    /** {@code z}: no nonlinearity (a regression output). */
    public static final Activation LINEAR = named("linear", z -> z);
    /** {@code 1 / (1 + e^{−z})}: the notes' smooth step. */
    public static final Activation SIGMOID = named("sigmoid", Tensor::sigmoid);
    /** {@code tanh z}. */
    public static final Activation TANH = named("tanh", Tensor::tanh);
    /** {@code max(z, 0)}. */
    public static final Activation RELU = named("relu", Tensor::relu);
    /** {@code e^{z_j} / Σ_k e^{z_k}} over the last axis: a probability distribution over classes. */
    public static final Activation SOFTMAX = named("softmax", z -> z.softmax(-1));
    /** {@code z_j − ln Σ_k e^{z_k}} over the last axis. */
    public static final Activation LOG_SOFTMAX = named("log_softmax", z -> z.logSoftmax(-1));
    /** {@code z·Φ(z) = z·(1 + erf(z/√2))/2}, the exact GELU (Keras's default). */
    public static final Activation GELU = named("gelu", z -> z.mul(z.mul(1 / Math.sqrt(2)).erf().add(1)).mul(0.5));
    /** {@code z·σ(z)}, also called swish. */
    public static final Activation SILU = named("silu", z -> z.mul(z.sigmoid()));
    /** {@code ln(1 + e^z)}. */
    public static final Activation SOFTPLUS = named("softplus", Tensor::softplus);
    /** {@code z / (1 + |z|)}. */
    public static final Activation SOFTSIGN = named("softsign", z -> z.div(z.abs().add(1)));
    /** {@code e^z}. */
    public static final Activation EXPONENTIAL = named("exponential", Tensor::exp);
    /** {@code min(max(z, 0), 6)}. */
    public static final Activation RELU6 = named("relu6", z -> z.clamp(0, 6));
    /** {@code clip(z/6 + 1/2, 0, 1)} (Keras 3's piecewise-linear sigmoid). */
    public static final Activation HARD_SIGMOID = named("hard_sigmoid", z -> z.div(6).add(0.5).clamp(0, 1));
    /** {@code z·tanh(softplus(z))}. */
    public static final Activation MISH = named("mish", z -> z.mul(z.softplus().tanh()));
    /** {@code λ·ELU_α(z)} with the self-normalizing constants α≈1.6733, λ≈1.0507. */
    public static final Activation SELU = new Scaled("selu", 1.6732632423543772, 1.0507009873554805);

    private static final NamedRegistry<Function<ConfigReader, Activation>> ACTIVATIONS =
            new NamedRegistry<>("activation", "activations");

    static {
        fixed(LINEAR, "none");
        fixed(SIGMOID);
        fixed(TANH);
        fixed(RELU);
        ACTIVATIONS.add("leaky_relu", read -> leakyRelu(read.getDouble("negative_slope", 0.2)));
        ACTIVATIONS.add("elu", read -> elu(read.getDouble("alpha", 1.0)));
        fixed(SELU);
        fixed(SOFTMAX);
        fixed(LOG_SOFTMAX);
        fixed(GELU);
        fixed(SILU, "swish");
        fixed(SOFTPLUS);
        fixed(SOFTSIGN);
        fixed(EXPONENTIAL);
        fixed(RELU6);
        fixed(HARD_SIGMOID);
        fixed(MISH);
    }

    private Activations() {
    }

    /** {@code max(z, α·z)} for {@code 0 ≤ α < 1}: a ReLU with slope α below zero (Keras default α = 0.2). */
    public static Activation leakyRelu(double alpha) {
        if (!(alpha >= 0 && alpha < 1)) {
            throw new IllegalArgumentException("leaky_relu needs 0 <= negative_slope < 1. Received: " + alpha);
        }
        return new Parametric("leaky_relu", "negative_slope", alpha, z -> z.relu().sub(z.neg().relu().mul(alpha)));
    }

    /** {@code z} for {@code z > 0}, {@code α·(e^z − 1)} below (Keras default α = 1). */
    public static Activation elu(double alpha) {
        return new Parametric("elu", "alpha", alpha, z -> elu(z, alpha));
    }

    private static Tensor elu(Tensor z, double alpha) {
        // exp of the clipped argument: the unselected branch must not overflow into the gradient.
        return z.where(z.gt(0), z.minimum(0).exp().sub(1).mul(alpha));
    }

    /** The activation with this Keras name and default arguments ("swish" is SiLU). */
    public static Activation get(String name) {
        return fromConfig(name, Map.of());
    }

    /**
     * Rebuilds an activation from its {@link Activation#name()} and {@link Activation#config()}; a
     * null name is linear.
     *
     * @throws IllegalArgumentException for an unknown name (listing the known ones), or a config key
     *     the activation does not take
     */
    public static Activation fromConfig(String name, Map<String, Object> config) {
        var entry = ACTIVATIONS.entry(name == null ? LINEAR.name() : name);
        return new ConfigReader("Activation '" + name + "'", config).read(entry.factory());
    }

    /** The Keras names of the activations {@link #get} knows, in a fixed order (without aliases). */
    public static List<String> names() {
        return ACTIVATIONS.names();
    }

    /** Registers an activation without arguments under its name and {@code aliases}. */
    private static void fixed(Activation activation, String... aliases) {
        ACTIVATIONS.add(activation.name(), List.of(aliases), read -> activation);
    }

    /**
     * {@code activation(z + bias)} ({@code bias} along the last axis, may be null): a layer's last
     * step, as one fused op for linear, ReLU, sigmoid and tanh, as an add and the activation for
     * the others. Same values either way.
     */
    public static Tensor withBias(Tensor z, Tensor bias, Activation activation) {
        return withBias(z, bias, activation, false);
    }

    /**
     * {@link #withBias(Tensor, Tensor, Activation)} for a layer's own fresh product {@code z}, which
     * nothing else reads: the fused op writes its result over z's storage instead of a new array.
     */
    public static Tensor withBiasOverwriting(Tensor z, Tensor bias, Activation activation) {
        return withBias(z, bias, activation, true);
    }

    private static Tensor withBias(Tensor z, Tensor bias, Activation activation, boolean overwrite) {
        if (bias == null && activation == LINEAR) {
            return z;
        }
        ChannelBias.Function fused = fused(activation);
        if (fused != null && z.rank() >= 1) {
            return overwrite ? BiasActivation.applyOverwriting(z, bias, fused) : BiasActivation.apply(z, bias, fused);
        }
        return activation.apply(bias == null ? z : z.add(bias));
    }

    /**
     * The fused kernel's form of {@code activation}: linear, ReLU, sigmoid and tanh have one (their
     * derivative is a function of their output); null for the others.
     */
    public static ChannelBias.Function fused(Activation activation) {
        return activation == LINEAR ? ChannelBias.Function.IDENTITY
                : activation == RELU ? ChannelBias.Function.RELU
                : activation == SIGMOID ? ChannelBias.Function.SIGMOID
                : activation == TANH ? ChannelBias.Function.TANH
                : null;
    }

    private static Activation named(String name, UnaryOperator<Tensor> function) {
        return new Activation() {
            @Override
            public Tensor apply(Tensor z) {
                return function.apply(z);
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /** An activation with one numeric argument, saved in its config. */
    private record Parametric(String name, String argumentName, double argument, UnaryOperator<Tensor> function)
            implements Activation {
        @Override
        public Tensor apply(Tensor z) {
            return function.apply(z);
        }

        @Override
        public Map<String, Object> config() {
            return Map.of(argumentName, argument);
        }
    }

    /** SELU: a fixed scale times an ELU with a fixed α. */
    private record Scaled(String name, double alpha, double scale) implements Activation {
        @Override
        public Tensor apply(Tensor z) {
            return elu(z, alpha).mul(scale);
        }
    }
}
