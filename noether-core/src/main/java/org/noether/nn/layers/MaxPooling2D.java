package org.noether.nn.layers;

import java.util.Map;
import org.noether.nn.Layers;

/**
 * Max pooling over images: each output is the largest value of its window, per channel — {@code y[i, j, c]
 * = max_{m,n} x[i·S + m, j·S + n, c]}; the gradient goes to the winner of each window.
 *
 * <p>Shape: {@code [h, w, c] → [1 + ⌊(h − F + 2P)/S⌋, 1 + ⌊(w − F + 2P)/S⌋, c]}, F the pool size and S the
 * stride per axis; "same" padding gives {@code ⌈h/S⌉}. Defaults as Keras: pool size 2, strides equal to
 * the pool size, "valid" padding.
 *
 * <pre>{@code new MaxPooling2D(); new MaxPooling2D(3).strides(2).padding("same");}</pre>
 */
public final class MaxPooling2D extends PoolingLayer<MaxPooling2D> {
    /** A 2×2 window moved by 2: halves the height and the width. */
    public MaxPooling2D() {
        this(2);
    }

    /** A square {@code poolSize × poolSize} window, strides equal to it. */
    public MaxPooling2D(int poolSize) {
        this(new int[] {poolSize});
    }

    /** A {@code poolHeight × poolWidth} window, strides equal to it. */
    public MaxPooling2D(int poolHeight, int poolWidth) {
        this(new int[] {poolHeight, poolWidth});
    }

    private MaxPooling2D(int[] poolSize) {
        super(2, Reduction.MAX, poolSize);
    }

    /** Rebuilds the layer from {@link #config()}; unknown keys are an error. */
    public static MaxPooling2D fromConfig(Map<String, Object> config) {
        var read = Layers.configReader("MaxPooling2D", config);
        return readOptions(new MaxPooling2D(readPoolSize(read)), read);
    }
}
