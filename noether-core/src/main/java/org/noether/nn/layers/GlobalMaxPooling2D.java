package org.noether.nn.layers;

import java.util.Map;

/**
 * The largest value of each channel over the whole image: {@code y[c] = max_{i,j} x[i, j, c]}; the
 * gradient goes to the first position holding it.
 *
 * <p>Shape: {@code [h, w, c] → [c]}, or {@code [1, 1, c]} with {@code keepdims}.
 *
 * <pre>{@code new GlobalMaxPooling2D(true) // [7, 7, 64] -> [1, 1, 64]}</pre>
 */
public final class GlobalMaxPooling2D extends GlobalPoolingLayer {
    /** One value per channel (no spatial axes left). */
    public GlobalMaxPooling2D() {
        this(false);
    }

    /** One value per channel; with {@code keepDims} the spatial axes remain with size 1. */
    public GlobalMaxPooling2D(boolean keepDims) {
        super(2, PoolingLayer.Reduction.MAX, keepDims);
    }

    /** Rebuilds the layer from {@link #config()}; unknown keys are an error. */
    public static GlobalMaxPooling2D fromConfig(Map<String, Object> config) {
        return new GlobalMaxPooling2D(readKeepDims("GlobalMaxPooling2D", config));
    }
}
