package org.noether.nn.layers;

import java.util.Map;

/**
 * The mean of each channel over the whole image: {@code y[c] = (1/(h·w)) Σ_{i,j} x[i, j, c]}.
 *
 * <p>Shape: {@code [h, w, c] → [c]}, or {@code [1, 1, c]} with {@code keepdims}.
 *
 * <pre>{@code new GlobalAveragePooling2D() // [7, 7, 64] -> [64]}</pre>
 */
public final class GlobalAveragePooling2D extends GlobalPoolingLayer {
    /** One value per channel (no spatial axes left). */
    public GlobalAveragePooling2D() {
        this(false);
    }

    /** One value per channel; with {@code keepDims} the spatial axes remain with size 1. */
    public GlobalAveragePooling2D(boolean keepDims) {
        super(2, PoolingLayer.Reduction.AVERAGE, keepDims);
    }

    /** Rebuilds the layer from {@link #config()}; unknown keys are an error. */
    public static GlobalAveragePooling2D fromConfig(Map<String, Object> config) {
        return new GlobalAveragePooling2D(readKeepDims("GlobalAveragePooling2D", config));
    }
}
