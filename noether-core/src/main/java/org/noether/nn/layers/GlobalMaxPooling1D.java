package org.noether.nn.layers;

import java.util.Map;

/**
 * The largest value of each channel over the whole sequence: {@code y[c] = max_t x[t, c]}; the gradient
 * goes to the first step holding it.
 *
 * <p>Shape: {@code [steps, c] → [c]}, or {@code [1, c]} with {@code keepdims}.
 *
 * <pre>{@code new GlobalMaxPooling1D() // [100, 16] -> [16]}</pre>
 */
public final class GlobalMaxPooling1D extends GlobalPoolingLayer {
    /** One value per channel (no spatial axes left). */
    public GlobalMaxPooling1D() {
        this(false);
    }

    /** One value per channel; with {@code keepDims} the spatial axes remain with size 1. */
    public GlobalMaxPooling1D(boolean keepDims) {
        super(1, PoolingLayer.Reduction.MAX, keepDims);
    }

    /** Rebuilds the layer from {@link #config()}; unknown keys are an error. */
    public static GlobalMaxPooling1D fromConfig(Map<String, Object> config) {
        return new GlobalMaxPooling1D(readKeepDims("GlobalMaxPooling1D", config));
    }
}
