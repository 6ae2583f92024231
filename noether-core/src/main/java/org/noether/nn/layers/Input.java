package org.noether.nn.layers;

import java.util.Arrays;
import java.util.Map;
import org.noether.io.ConfigReader;
import org.noether.nn.Layer;
import org.noether.nn.Layers;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Declares the per-sample shape a model takes, as Keras's {@code Input(shape=...)}; the batch
 * axis is not part of it. It computes nothing.
 *
 * <p>Shape: the declared shape, which an input must match.
 *
 * <pre>{@code new Sequential(new Input(28, 28, 1), new Flatten(), new Dense(10, "softmax"))}</pre>
 */
public final class Input extends Layer {
    private final Shape shape;

    /** Inputs of per-sample shape {@code shape}, e.g. {@code new Input(784)}. */
    public Input(int... shape) {
        this.shape = Shape.of(shape);
        for (int dim : shape) {
            if (dim <= 0) {
                throw new IllegalArgumentException("Input shape dimensions must be positive. Received: " + this.shape);
            }
        }
    }

    /** The declared per-sample shape. */
    public Shape shape() {
        return shape;
    }

    @Override
    public String type() {
        return "InputLayer";
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        if (!inputShape.equals(shape)) {
            throw new IllegalArgumentException(describe() + " declares per-sample shape " + shape + ". Received: "
                    + inputShape);
        }
        return shape;
    }

    @Override
    protected Tensor call(Tensor x, boolean training) {
        return x;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        // a list, not the int[]: configs are plain JSON values and must compare equal by value
        config.put("shape", Arrays.stream(shape.dims()).boxed().toList());
        return config;
    }

    /** Rebuilds the layer from {@link #config()}; unknown keys are an error. */
    public static Input fromConfig(Map<String, Object> config) {
        ConfigReader read = Layers.configReader("InputLayer", config);
        Input input = new Input(read.getIntArray("shape"));
        read.finish();
        return input;
    }
}
