package org.noether.nn.layers;

import java.util.Map;
import org.noether.nn.Layers;

/**
 * Average pooling over images: each output is the mean of its window, per channel — {@code y[i, j, c] =
 * mean_{m,n} x[i·S + m, j·S + n, c]} (with zero padding the padded positions are not counted, as in
 * Keras); the notes' 4×4 averaging of a lattice configuration.
 *
 * <p>Shape: {@code [h, w, c] → [1 + ⌊(h − F + 2P)/S⌋, 1 + ⌊(w − F + 2P)/S⌋, c]}, F the pool size and S the
 * stride per axis; "same" padding gives {@code ⌈h/S⌉}. Defaults as Keras: pool size 2, strides equal to
 * the pool size, "valid" padding.
 *
 * <pre>{@code new AveragePooling2D(4); new AveragePooling2D(2).boundary(Boundary.PERIODIC).padding("same");}</pre>
 */
public final class AveragePooling2D extends PoolingLayer<AveragePooling2D> {
    /** A 2×2 window moved by 2: halves the height and the width. */
    public AveragePooling2D() {
        this(2);
    }

    /** A square {@code poolSize × poolSize} window, strides equal to it. */
    public AveragePooling2D(int poolSize) {
        this(new int[] {poolSize});
    }

    /** A {@code poolHeight × poolWidth} window, strides equal to it. */
    public AveragePooling2D(int poolHeight, int poolWidth) {
        this(new int[] {poolHeight, poolWidth});
    }

    private AveragePooling2D(int[] poolSize) {
        super(2, Reduction.AVERAGE, poolSize);
    }

    /** Rebuilds the layer from {@link #config()}; unknown keys are an error. */
    public static AveragePooling2D fromConfig(Map<String, Object> config) {
        var read = Layers.configReader("AveragePooling2D", config);
        return readOptions(new AveragePooling2D(readPoolSize(read)), read);
    }
}
