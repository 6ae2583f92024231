package org.noether.nn.layers;

import java.util.Map;
import org.noether.io.ConfigReader;
import org.noether.nn.Layer;
import org.noether.nn.Layers;
import org.noether.nn.activations.Activation;
import org.noether.nn.activations.Activations;
import org.noether.nn.initializers.Initializer;
import org.noether.nn.initializers.Initializers;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * A fully connected layer: {@code y = f(x·W + b)}, every input connected to every output.
 *
 * <p>The kernel is {@code W: [in, units]} (the notes' {@code Weights[layer]}: neurons of the
 * lower layer × neurons of this layer), the bias {@code b: [units]}. Shape:
 * {@code [..., in] → [..., units]} (applied to the last axis). Defaults as Keras: Glorot uniform
 * kernel, zero bias, linear activation.
 *
 * <pre>{@code new Dense(128, Activations.RELU); new Dense(10, "softmax").useBias(false);}</pre>
 */
public final class Dense extends Layer {
    private final int units;
    private final Activation activation;
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Initializer biasInitializer = Initializers.zeros();
    private Tensor kernel;
    private Tensor bias;

    /** A dense layer with {@code units} outputs and no activation. */
    public Dense(int units) {
        this(units, Activations.LINEAR);
    }

    /** A dense layer with {@code units} outputs followed by {@code activation}. */
    public Dense(int units, Activation activation) {
        if (units <= 0) {
            throw new IllegalArgumentException("Dense units must be a positive integer. Received: units=" + units);
        }
        this.units = units;
        this.activation = activation == null ? Activations.LINEAR : activation;
    }

    /** A dense layer with the activation given by its Keras name, e.g. {@code "relu"}. */
    public Dense(int units, String activation) {
        this(units, Activations.get(activation));
    }

    /** Whether to add a bias (default true). */
    public Dense useBias(boolean value) {
        checkNotBuilt();
        this.useBias = value;
        return this;
    }

    /** How the kernel starts (default Glorot uniform). */
    public Dense kernelInitializer(Initializer initializer) {
        checkNotBuilt();
        this.kernelInitializer = initializer;
        return this;
    }

    /** How the bias starts (default zeros). */
    public Dense biasInitializer(Initializer initializer) {
        checkNotBuilt();
        this.biasInitializer = initializer;
        return this;
    }

    private void checkNotBuilt() {
        if (isBuilt()) {
            throw new IllegalStateException(describe() + " is already built; set its options before adding it to a model");
        }
    }

    /** Number of outputs. */
    public int units() {
        return units;
    }

    /** The activation applied to {@code x·W + b}. */
    public Activation activation() {
        return activation;
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        if (inputShape.rank() < 1) {
            throw new IllegalArgumentException(describe() + " needs inputs with at least one feature axis. Received "
                    + "per-sample shape " + inputShape);
        }
        return inputShape.withDim(-1, units);
    }

    @Override
    protected void createWeights(Shape inputShape, Rng rng) {
        kernel = addWeight("kernel", Shape.of(inputShape.dim(-1), units), kernelInitializer, rng, true);
        if (useBias) {
            bias = addWeight("bias", Shape.of(units), biasInitializer, rng, true);
        }
    }

    @Override
    protected Tensor call(Tensor x, boolean training) {
        return Activations.withBiasOverwriting(x.matmul(kernel), bias, activation);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("units", units);
        config.put("activation", Layers.activationConfig(activation));
        config.put("use_bias", useBias);
        config.put("kernel_initializer", Layers.initializerConfig(kernelInitializer));
        config.put("bias_initializer", Layers.initializerConfig(biasInitializer));
        return config;
    }

    /** Rebuilds a Dense layer from {@link #config()}; unknown keys are an error. */
    public static Dense fromConfig(Map<String, Object> config) {
        ConfigReader read = Layers.configReader("Dense", config);
        Dense dense = new Dense(read.getInt("units"), Layers.activation(read.value("activation")))
                .useBias(read.getBoolean("use_bias", true))
                .kernelInitializer(Layers.initializer(read.value("kernel_initializer"), Initializers.glorotUniform()))
                .biasInitializer(Layers.initializer(read.value("bias_initializer"), Initializers.zeros()));
        read.finish();
        return dense;
    }
}
