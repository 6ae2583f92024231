package org.noether.nn.layers;

import java.util.Map;

/**
 * The mean of each channel over the whole sequence: {@code y[c] = (1/steps) Σ_t x[t, c]}.
 *
 * <p>Shape: {@code [steps, c] → [c]}, or {@code [1, c]} with {@code keepdims}.
 *
 * <pre>{@code new GlobalAveragePooling1D() // [100, 16] -> [16]}</pre>
 */
public final class GlobalAveragePooling1D extends GlobalPoolingLayer {
    /** One value per channel (no spatial axes left). */
    public GlobalAveragePooling1D() {
        this(false);
    }

    /** One value per channel; with {@code keepDims} the spatial axes remain with size 1. */
    public GlobalAveragePooling1D(boolean keepDims) {
        super(1, PoolingLayer.Reduction.AVERAGE, keepDims);
    }

    /** Rebuilds the layer from {@link #config()}; unknown keys are an error. */
    public static GlobalAveragePooling1D fromConfig(Map<String, Object> config) {
        return new GlobalAveragePooling1D(readKeepDims("GlobalAveragePooling1D", config));
    }
}
