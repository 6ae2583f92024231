package org.noether.nn.layers;

import java.util.List;
import java.util.Map;
import org.noether.io.ConfigReader;
import org.noether.nn.Layers;
import org.noether.nn.MergeLayer;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Joins its inputs along one axis (Keras's {@code Concatenate}): the feature maps of two branches
 * side by side, e.g. {@code [h, w, 8]} and {@code [h, w, 4]} into {@code [h, w, 12]}.
 *
 * <p>The axis counts the batch axis, as in Keras: {@code -1} (the default) is the last axis,
 * {@code 1} the first per-sample axis; the batch axis 0 cannot be joined. Shape: at least one input,
 * all of the same rank and equal on every axis but the joined one, whose length in the output is the
 * sum of the inputs' lengths. Gradient: each input receives its own slice of the output's.
 *
 * <pre>{@code Node both = new Concatenate().on(imageFeatures, new Dense(16).on(metadata));}</pre>
 */
public final class Concatenate extends MergeLayer {
    private final int axis;

    /** Joins along the last axis. */
    public Concatenate() {
        this(-1);
    }

    /** Joins along {@code axis} (counting the batch axis as 0; negative counts from the end). */
    public Concatenate(int axis) {
        if (axis == 0) {
            throw new IllegalArgumentException("Concatenate cannot join along the batch axis. Received: axis=0");
        }
        this.axis = axis;
    }

    /** The axis joined, as given (counting the batch axis). */
    public int axis() {
        return axis;
    }

    /** The joined axis within a per-sample shape of rank {@code rank}. */
    private int sampleAxis(int rank) {
        int withBatch = axis < 0 ? axis + rank + 1 : axis;
        if (withBatch < 1 || withBatch > rank) {
            throw new IllegalArgumentException(describe() + ": axis " + axis + " is out of range for inputs of "
                    + "per-sample rank " + rank + " (batch axis included, valid axes are 1.." + rank + " and -"
                    + rank + "..-1)");
        }
        return withBatch - 1;
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        requireInputs(inputShapes, 1);
        Shape first = inputShapes.getFirst();
        int joined = sampleAxis(first.rank());
        int length = 0;
        for (Shape shape : inputShapes) {
            if (shape.rank() != first.rank() || !shape.withDim(joined, 1).equals(first.withDim(joined, 1))) {
                throw new IllegalArgumentException(describe() + " requires inputs with matching shapes except for "
                        + "the concatenation axis " + axis + "; cannot join shapes " + first + " and " + shape
                        + ". Received: input_shape=" + inputShapes);
            }
            length += shape.dim(joined);
        }
        return first.withDim(joined, length);
    }

    @Override
    protected Tensor call(List<Tensor> inputs, boolean training) {
        int joined = sampleAxis(inputs.getFirst().rank() - 1) + 1;
        return Tensor.concat(joined, inputs.toArray(Tensor[]::new));
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("axis", axis);
        return config;
    }

    /** Rebuilds the layer from {@link #config()}; unknown keys are an error. */
    public static Concatenate fromConfig(Map<String, Object> config) {
        ConfigReader read = Layers.configReader("Concatenate", config);
        Concatenate layer = new Concatenate(read.getInt("axis", -1));
        read.finish();
        return layer;
    }
}
