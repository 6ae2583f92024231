package org.noether.data;

import java.util.Arrays;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Turning raw targets and inputs into what a network wants: one-hot class vectors (Keras's
 * {@code to_categorical}) and scaled inputs ({@code x / 255}). For scaling fitted to training data
 * see {@link MinMaxScaler} and {@link StandardScaler}.
 *
 * <pre>{@code
 * Tensor y = Preprocessing.oneHot(labels, 10);       // [n] class indices -> [n, 10]
 * Tensor x = Preprocessing.scale(pixels, 1.0 / 255);   // 0..255 -> [0, 1]
 * }</pre>
 */
public final class Preprocessing {
    private Preprocessing() {
    }

    /**
     * One-hot encoding: {@code out[..., c] = 1} where {@code c = labels[...]}, else 0.
     *
     * <p>Shape: {@code labels.shape + [numClasses]}, except that a trailing axis of size 1 is
     * replaced, as Keras does: {@code [n]} and {@code [n, 1]} both give {@code [n, numClasses]}.
     *
     * @throws IllegalArgumentException naming the index and value of a label that is not a whole
     *     number in {@code [0, numClasses)}
     */
    public static Tensor oneHot(Tensor labels, int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("oneHot: numClasses must be at least 1. Received: " + numClasses);
        }
        int[] dims = labels.shape().dims();
        Shape batch = dims.length > 1 && dims[dims.length - 1] == 1
                ? Shape.of(Arrays.copyOf(dims, dims.length - 1)) : labels.shape();
        float[] classes = labels.data();
        float[] out = new float[Math.multiplyExact(classes.length, numClasses)];
        for (int i = 0; i < classes.length; i++) {
            float label = classes[i];
            if (!(label == Math.rint(label) && label >= 0 && label < numClasses)) {
                throw new IllegalArgumentException("oneHot: label at index " + i + " is not a class index in [0, "
                        + numClasses + "). Received: " + label);
            }
            out[i * numClasses + (int) label] = 1f;
        }
        int[] outDims = Arrays.copyOf(batch.dims(), batch.rank() + 1);
        outDims[batch.rank()] = numClasses;
        return Tensor.wrap(out, Shape.of(outDims));
    }

    /** One-hot encoding with {@code max(labels) + 1} classes, as Keras infers when no count is given. */
    public static Tensor oneHot(Tensor labels) {
        float max = 0;
        for (float label : labels.data()) {
            max = Math.max(max, label);
        }
        return oneHot(labels, (int) max + 1);
    }

    /** {@code x · factor}, elementwise: {@code scale(pixels, 1.0 / 255)} maps 0..255 to [0, 1]. */
    public static Tensor scale(Tensor x, double factor) {
        if (!Double.isFinite(factor)) {
            throw new IllegalArgumentException("scale: factor must be finite. Received: " + factor);
        }
        return x.mul(factor);
    }
}
