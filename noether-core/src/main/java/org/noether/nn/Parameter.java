package org.noether.nn;

import org.noether.tensor.Tensor;

/**
 * A named weight of a layer: its value (a leaf tensor, updated in place by an optimizer) and
 * whether training changes it. Non-trainable parameters (a batch normalization's running mean)
 * are still saved with the model.
 *
 * <pre>{@code Parameter kernel = layer.parameter("kernel"); kernel.value().shape();}</pre>
 */
public final class Parameter {
    private final String name;
    private final Tensor value;
    private final boolean trainable;

    /** A parameter called {@code name} within its layer (for example "kernel"). */
    public Parameter(String name, Tensor value, boolean trainable) {
        if (name == null || name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("A parameter name must be non-empty and contain no '/', got '" + name
                    + "'");
        }
        this.name = name;
        this.value = value.requiresGrad(trainable);
        this.trainable = trainable;
    }

    /** The name within the layer, e.g. "kernel" or "bias". */
    public String name() {
        return name;
    }

    /** The current value; an optimizer changes its data in place. */
    public Tensor value() {
        return value;
    }

    /** Whether an optimizer updates this parameter. */
    public boolean trainable() {
        return trainable;
    }

    /** Overwrites the value with {@code values} (same shape), e.g. when loading saved weights. */
    public void assign(Tensor values) {
        if (!values.shape().equals(value.shape())) {
            throw new IllegalArgumentException("Cannot assign a tensor of shape " + values.shape() + " to parameter '"
                    + name + "' of shape " + value.shape());
        }
        System.arraycopy(values.data(), 0, value.data(), 0, value.size());
    }

    @Override
    public String toString() {
        return name + value.shape() + (trainable ? "" : " (non-trainable)");
    }
}
