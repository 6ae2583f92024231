package org.noether.nn.layers;

import java.util.Map;
import org.noether.nn.Layers;

/**
 * Average pooling over sequences: {@code y[t, c] = mean_m x[t·S + m, c]}, per channel (padded positions
 * not counted); computed as a 2-D pooling of a one-pixel-high image.
 *
 * <p>Shape: {@code [steps, c] → [1 + ⌊(steps − F + 2P)/S⌋, c]}. Defaults as Keras: pool size 2, strides
 * equal to the pool size, "valid" padding.
 *
 * <pre>{@code new AveragePooling1D(4)}</pre>
 */
public final class AveragePooling1D extends PoolingLayer<AveragePooling1D> {
    /** A window of 2 steps moved by 2: halves the length. */
    public AveragePooling1D() {
        this(2);
    }

    /** A window of {@code poolSize} steps, strides equal to it. */
    public AveragePooling1D(int poolSize) {
        this(new int[] {poolSize});
    }

    private AveragePooling1D(int[] poolSize) {
        super(1, Reduction.AVERAGE, poolSize);
    }

    /** Rebuilds the layer from {@link #config()}; unknown keys are an error. */
    public static AveragePooling1D fromConfig(Map<String, Object> config) {
        var read = Layers.configReader("AveragePooling1D", config);
        return readOptions(new AveragePooling1D(readPoolSize(read)), read);
    }
}
