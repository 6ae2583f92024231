package org.noether.nn.layers;

import java.util.Map;
import org.noether.nn.Layer;
import org.noether.nn.Layers;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * What the global pooling layers share (Keras's {@code BaseGlobalPooling}): each channel reduced
 * over all positions — its maximum or its mean — so that a map of any size becomes one value per
 * channel, e.g. before a classifier instead of {@link Flatten}.
 *
 * <p>Shape: {@code [h, w, c] → [c]} (2-D) or {@code [steps, c] → [c]} (1-D); with
 * {@code keepdims} the spatial axes stay with size 1: {@code [1, 1, c]}, {@code [1, c]}.
 *
 * <pre>{@code new Conv2D(64, 3, "relu"), new GlobalAveragePooling2D(), new Dense(10, "softmax")}</pre>
 */
public abstract class GlobalPoolingLayer extends Layer {
    private final int rank;
    private final PoolingLayer.Reduction reduction;
    private final boolean keepDims;

    /** A global {@code reduction} over {@code rank} spatial axes (1 or 2). */
    protected GlobalPoolingLayer(int rank, PoolingLayer.Reduction reduction, boolean keepDims) {
        this.rank = rank;
        this.reduction = reduction;
        this.keepDims = keepDims;
    }

    /** Whether the spatial axes are kept with size 1. */
    public boolean keepDims() {
        return keepDims;
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        if (inputShape.rank() != rank + 1) {
            String expected = rank == 2 ? "images [height, width, channels]" : "sequences [steps, channels]";
            throw new IllegalArgumentException(describe() + " expects " + expected + " per sample. Received "
                    + "per-sample shape " + inputShape);
        }
        int channels = inputShape.dim(rank);
        if (!keepDims) {
            return Shape.of(channels);
        }
        return rank == 2 ? Shape.of(1, 1, channels) : Shape.of(1, channels);
    }

    @Override
    protected Tensor call(Tensor x, boolean training) {
        int batch = x.dim(0);
        int channels = x.dim(-1);
        // One axis of all positions, so that the maximum is one reduction.
        Tensor positions = x.reshape(batch, -1, channels);
        Tensor reduced = reduction == PoolingLayer.Reduction.MAX ? positions.max(1, false) : positions.mean(1);
        return reduced.reshape(outputShape(x.shape().dropFirst()).prepend(batch));
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("keepdims", keepDims);
        return config;
    }

    /** The {@code keepdims} flag saved by {@link #config()} (false when absent); unknown keys are an error. */
    protected static boolean readKeepDims(String type, Map<String, Object> config) {
        var read = Layers.configReader(type, config);
        boolean keepDims = read.getBoolean("keepdims", false);
        read.finish();
        return keepDims;
    }
}
