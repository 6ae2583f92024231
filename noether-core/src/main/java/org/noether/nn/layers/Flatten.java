package org.noether.nn.layers;

import java.util.Map;
import org.noether.nn.Layer;
import org.noether.nn.Layers;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Flattens each sample to one axis — the transition from image maps to dense layers.
 *
 * <p>Shape: {@code [h, w, c] → [h·w·c]} (row-major, so NHWC order is kept: channels vary fastest).
 *
 * <pre>{@code new Flatten() // [28, 28, 1] -> [784]}</pre>
 */
public final class Flatten extends Layer {
    @Override
    public Shape outputShape(Shape inputShape) {
        return Shape.of(inputShape.size());
    }

    @Override
    protected Tensor call(Tensor x, boolean training) {
        return x.reshape(x.dim(0), x.size() / Math.max(1, x.dim(0)));
    }

    /** Rebuilds the layer (it has no arguments, so any key but Keras's bookkeeping is an error). */
    public static Flatten fromConfig(Map<String, Object> config) {
        Layers.configReader("Flatten", config).finish();
        return new Flatten();
    }
}
