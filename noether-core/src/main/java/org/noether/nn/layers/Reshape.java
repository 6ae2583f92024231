package org.noether.nn.layers;

import java.util.Arrays;
import java.util.Map;
import org.noether.io.ConfigReader;
import org.noether.nn.Layer;
import org.noether.nn.Layers;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Gives each sample another shape with the same values in the same (row-major) order, e.g. a
 * dense layer's 784 outputs as a 28×28×1 image. One dimension of the target may be -1: it is
 * whatever size makes the total unchanged.
 *
 * <p>Shape: {@code [...] → target_shape}, with {@code size(target) = size(input)}.
 *
 * <pre>{@code new Reshape(7, 7, 64); new Reshape(-1, 2, 2); // [12] -> [3, 2, 2]}</pre>
 */
public final class Reshape extends Layer {
    private final int[] targetShape;

    /** Samples reshaped to {@code targetShape} (batch axis excluded); one entry may be -1. */
    public Reshape(int... targetShape) {
        int unknown = 0;
        for (int dim : targetShape) {
            if (dim == -1) {
                unknown++;
            } else if (dim <= 0) {
                throw new IllegalArgumentException("Reshape target_shape dimensions must be positive or -1. Received: "
                        + "target_shape=" + Arrays.toString(targetShape));
            }
        }
        if (unknown > 1) {
            throw new IllegalArgumentException("Reshape target_shape must not contain more than one -1. Received: "
                    + "target_shape=" + Arrays.toString(targetShape));
        }
        this.targetShape = targetShape.clone();
    }

    /** The target shape as given (possibly with a -1). */
    public int[] targetShape() {
        return targetShape.clone();
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        int known = 1;
        int unknownAxis = -1;
        for (int axis = 0; axis < targetShape.length; axis++) {
            if (targetShape[axis] == -1) {
                unknownAxis = axis;
            } else {
                known *= targetShape[axis];
            }
        }
        boolean fits = unknownAxis >= 0 ? inputShape.size() % known == 0 : inputShape.size() == known;
        if (!fits) {
            throw new IllegalArgumentException(describe() + ": the total size must be unchanged. Received: per-sample "
                    + "input shape " + inputShape + " (" + inputShape.size() + " values), target_shape="
                    + Arrays.toString(targetShape) + " (" + (unknownAxis >= 0 ? "a multiple of " : "") + known
                    + " values)");
        }
        int[] resolved = targetShape.clone();
        if (unknownAxis >= 0) {
            resolved[unknownAxis] = inputShape.size() / known;
        }
        return Shape.of(resolved);
    }

    @Override
    protected Tensor call(Tensor x, boolean training) {
        return x.reshape(outputShape(x.shape().dropFirst()).prepend(x.dim(0)));
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("target_shape", WindowArguments.toList(targetShape));
        return config;
    }

    /** Rebuilds the layer from {@link #config()}; unknown keys are an error. */
    public static Reshape fromConfig(Map<String, Object> config) {
        ConfigReader read = Layers.configReader("Reshape", config);
        Reshape layer = new Reshape(read.getIntArray("target_shape"));
        read.finish();
        return layer;
    }
}
