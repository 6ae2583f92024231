package org.noether.nn.layers;

import java.util.List;
import java.util.Map;
import org.noether.nn.Layers;
import org.noether.nn.MergeLayer;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Subtracts its second input from its first, elementwise: {@code y = x₁ − x₂}.
 *
 * <p>Shape: exactly two inputs of the same per-sample shape, which is the output's.
 *
 * <pre>{@code Node difference = new Subtract().on(encodedA, encodedB);}</pre>
 */
public final class Subtract extends MergeLayer {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        if (inputShapes != null && inputShapes.size() != 2) {
            throw new IllegalArgumentException(describe() + " should be called on exactly 2 inputs. Received: "
                    + "input_shape=" + inputShapes);
        }
        return super.outputShape(inputShapes);
    }

    @Override
    protected Tensor call(List<Tensor> inputs, boolean training) {
        return inputs.get(0).sub(inputs.get(1));
    }

    /** Rebuilds the layer (it has no arguments, so any key but Keras's bookkeeping is an error). */
    public static Subtract fromConfig(Map<String, Object> config) {
        Layers.configReader("Subtract", config).finish();
        return new Subtract();
    }
}
