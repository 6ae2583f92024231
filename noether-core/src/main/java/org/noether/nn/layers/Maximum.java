package org.noether.nn.layers;

import java.util.List;
import java.util.Map;
import org.noether.nn.Layers;
import org.noether.nn.MergeLayer;
import org.noether.tensor.Tensor;

/**
 * The elementwise maximum of its inputs: {@code y = max(x₁, …, xₙ)}; on ties the gradient goes
 * to the earliest input.
 *
 * <p>Shape: at least one input, all of the same per-sample shape, which is the output's.
 *
 * <pre>{@code Node strongest = new Maximum().on(a, b);}</pre>
 */
public final class Maximum extends MergeLayer {
    @Override
    protected Tensor call(List<Tensor> inputs, boolean training) {
        return fold(inputs, Tensor::maximum);
    }

    /** Rebuilds the layer (it has no arguments, so any key but Keras's bookkeeping is an error). */
    public static Maximum fromConfig(Map<String, Object> config) {
        Layers.configReader("Maximum", config).finish();
        return new Maximum();
    }
}
