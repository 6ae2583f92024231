package org.noether.nn.layers;

import java.util.List;
import java.util.Map;
import org.noether.nn.Layers;
import org.noether.nn.MergeLayer;
import org.noether.tensor.Tensor;

/**
 * Averages its inputs elementwise: {@code y = (x₁ + … + xₙ) / n} (an ensemble of heads, for example).
 *
 * <p>Shape: at least one input, all of the same per-sample shape, which is the output's.
 *
 * <pre>{@code Node mean = new Average().on(headA, headB, headC);}</pre>
 */
public final class Average extends MergeLayer {
    @Override
    protected Tensor call(List<Tensor> inputs, boolean training) {
        return fold(inputs, Tensor::add).mul(1.0 / inputs.size());
    }

    /** Rebuilds the layer (it has no arguments, so any key but Keras's bookkeeping is an error). */
    public static Average fromConfig(Map<String, Object> config) {
        Layers.configReader("Average", config).finish();
        return new Average();
    }
}
