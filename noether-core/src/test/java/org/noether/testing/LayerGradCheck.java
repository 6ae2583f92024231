package org.noether.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.noether.autograd.Autograd;
import org.noether.nn.Layer;
import org.noether.nn.Parameter;
import org.noether.tensor.Rng;
import org.noether.tensor.Tensor;

/**
 * Gradient checks for a built layer: the gradient of {@code Σ R·layer(x)} with respect to the input
 * and to every trainable weight, against central differences of the forward pass, in inference mode
 * unless training mode is asked for.
 */
public final class LayerGradCheck {
    private LayerGradCheck() {
    }

    /** Checks input and weight gradients of {@code layer} at {@code input} (inference mode). */
    public static void check(Layer layer, Tensor input) {
        check(layer, input, GradCheck.STEP, GradCheck.ABSOLUTE_TOLERANCE, GradCheck.RELATIVE_TOLERANCE);
    }

    /**
     * Checks input and weight gradients in training ({@code training} true) or inference mode; in
     * training a layer such as BatchNormalization differentiates through its batch statistics.
     */
    public static void check(Layer layer, Tensor input, boolean training) {
        check(layer, input, training, GradCheck.STEP, GradCheck.ABSOLUTE_TOLERANCE, GradCheck.RELATIVE_TOLERANCE);
    }

    /** Checks with an explicit step and tolerances (inference mode). */
    public static void check(Layer layer, Tensor input, double step, double absoluteTolerance, double relativeTolerance) {
        check(layer, input, false, step, absoluteTolerance, relativeTolerance);
    }

    /** Checks in the given mode with an explicit step and tolerances. */
    public static void check(Layer layer, Tensor input, boolean training, double step, double absoluteTolerance,
                             double relativeTolerance) {
        String name = layer.describe() + (training ? " (training)" : "");
        GradCheck.check(name + " input", x -> layer.apply(x[0], training), step, absoluteTolerance, relativeTolerance,
                input);
        Tensor x = input.copy();
        Tensor output = layer.apply(x, training);
        Tensor weights = Tensor.uniform(output.shape(), -1, 1, new Rng(4321));
        for (Parameter parameter : layer.parameters()) {
            if (!parameter.trainable()) {
                continue;
            }
            Tensor value = parameter.value();
            Tensor analytic = Autograd.grad(new Tensor[] {layer.apply(x, training)}, new Tensor[] {weights},
                    new Tensor[] {value}, false)[0];
            float[] data = value.data();
            for (int j = 0; j < data.length; j++) {
                float original = data[j];
                data[j] = (float) (original + step);
                double plus = contract(layer.apply(x, training), weights);
                data[j] = (float) (original - step);
                double minus = contract(layer.apply(x, training), weights);
                data[j] = original;
                double actualStep = ((double) (float) (original + step) - (double) (float) (original - step)) / 2;
                double numeric = (plus - minus) / (2 * actualStep);
                double computed = analytic.data()[j];
                if (Math.abs(numeric - computed) > absoluteTolerance + relativeTolerance
                        * Math.max(Math.abs(numeric), Math.abs(computed)) || Double.isNaN(computed)) {
                    fail(name + " weight '" + parameter.name() + "' element " + j + ": autograd " + computed
                            + ", finite difference " + numeric);
                }
            }
        }
    }

    private static double contract(Tensor output, Tensor weights) {
        double total = 0;
        for (int i = 0; i < output.size(); i++) {
            total += (double) output.data()[i] * weights.data()[i];
        }
        return total;
    }
}
