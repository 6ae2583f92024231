package org.noether.nn.layers;

import java.util.Map;
import org.noether.io.ConfigReader;
import org.noether.nn.Layer;
import org.noether.nn.Layers;
import org.noether.nn.activations.Activation;
import org.noether.nn.activations.Activations;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * An activation as a layer of its own, {@code y = f(x)} (Keras's {@code Activation} layer), for
 * example after a layer built without one.
 *
 * <p>Shape: unchanged.
 *
 * <pre>{@code new ActivationLayer(Activations.SOFTMAX)}</pre>
 */
public final class ActivationLayer extends Layer {
    private final Activation activation;

    /** Applies {@code activation}. */
    public ActivationLayer(Activation activation) {
        this.activation = activation;
    }

    /** Applies the activation with this Keras name. */
    public ActivationLayer(String activation) {
        this(Activations.get(activation));
    }

    @Override
    public String type() {
        return "Activation";
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        return inputShape;
    }

    @Override
    protected Tensor call(Tensor x, boolean training) {
        return activation.apply(x);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("activation", Layers.activationConfig(activation));
        return config;
    }

    /** Rebuilds the layer from {@link #config()}; unknown keys are an error. */
    public static ActivationLayer fromConfig(Map<String, Object> config) {
        ConfigReader read = Layers.configReader("Activation", config);
        ActivationLayer layer = new ActivationLayer(Layers.activation(read.value("activation")));
        read.finish();
        return layer;
    }
}
