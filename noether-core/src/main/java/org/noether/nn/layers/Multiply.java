package org.noether.nn.layers;

import java.util.List;
import java.util.Map;
import org.noether.nn.Layers;
import org.noether.nn.MergeLayer;
import org.noether.tensor.Tensor;

/**
 * Multiplies its inputs elementwise: {@code y = x₁ · x₂ · … · xₙ} (a gate, for example).
 *
 * <p>Shape: at least one input, all of the same per-sample shape, which is the output's.
 *
 * <pre>{@code Node gated = new Multiply().on(values, new Dense(16, "sigmoid").on(x));}</pre>
 */
public final class Multiply extends MergeLayer {
    @Override
    protected Tensor call(List<Tensor> inputs, boolean training) {
        return fold(inputs, Tensor::mul);
    }

    /** Rebuilds the layer (it has no arguments, so any key but Keras's bookkeeping is an error). */
    public static Multiply fromConfig(Map<String, Object> config) {
        Layers.configReader("Multiply", config).finish();
        return new Multiply();
    }
}
