package org.noether.nn.layers;

import java.util.List;
import java.util.Map;
import org.noether.nn.Layers;
import org.noether.nn.MergeLayer;
import org.noether.tensor.Tensor;

/**
 * Adds its inputs elementwise: {@code y = x₁ + x₂ + … + xₙ}, as the skip connection of a residual
 * block adds a block's input to its output.
 *
 * <p>Shape: at least one input, all of the same per-sample shape, which is the output's.
 *
 * <pre>{@code Node y = new Add().on(new Conv2D(8, 3).padding("same").on(x), x);}</pre>
 */
public final class Add extends MergeLayer {
    @Override
    protected Tensor call(List<Tensor> inputs, boolean training) {
        return fold(inputs, Tensor::add);
    }

    /** Rebuilds the layer (it has no arguments, so any key but Keras's bookkeeping is an error). */
    public static Add fromConfig(Map<String, Object> config) {
        Layers.configReader("Add", config).finish();
        return new Add();
    }
}
