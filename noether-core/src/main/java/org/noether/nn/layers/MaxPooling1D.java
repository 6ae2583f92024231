package org.noether.nn.layers;

import java.util.Map;
import org.noether.nn.Layers;

/**
 * Max pooling over sequences: {@code y[t, c] = max_m x[t·S + m, c]}, per channel; computed as a 2-D
 * pooling of a one-pixel-high image.
 *
 * <p>Shape: {@code [steps, c] → [1 + ⌊(steps − F + 2P)/S⌋, c]}. Defaults as Keras: pool size 2, strides
 * equal to the pool size, "valid" padding.
 *
 * <pre>{@code new MaxPooling1D(3).strides(1).padding("same")}</pre>
 */
public final class MaxPooling1D extends PoolingLayer<MaxPooling1D> {
    /** A window of 2 steps moved by 2: halves the length. */
    public MaxPooling1D() {
        this(2);
    }

    /** A window of {@code poolSize} steps, strides equal to it. */
    public MaxPooling1D(int poolSize) {
        this(new int[] {poolSize});
    }

    private MaxPooling1D(int[] poolSize) {
        super(1, Reduction.MAX, poolSize);
    }

    /** Rebuilds the layer from {@link #config()}; unknown keys are an error. */
    public static MaxPooling1D fromConfig(Map<String, Object> config) {
        var read = Layers.configReader("MaxPooling1D", config);
        return readOptions(new MaxPooling1D(readPoolSize(read)), read);
    }
}
