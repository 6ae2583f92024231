package org.noether.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.Function;
import org.noether.autograd.Autograd;
import org.noether.tensor.Rng;
import org.noether.tensor.Tensor;

/**
 * Finite-difference gradient checks: autograd's vector–Jacobian product against central
 * differences of the forward function.
 *
 * <p>The output is contracted with fixed random weights {@code R}, so one scalar
 * {@code L = Σ R·f(x)} exercises every output element; {@code ∂L/∂x} from autograd is compared
 * with {@code (L(x+h) − L(x−h)) / 2h}, accumulated in double. Float32 forward passes limit the
 * agreement to about 1e-3 relative; a wrong derivative rule is off by order one.
 */
public final class GradCheck {
    public static final double STEP = 1e-2;
    public static final double ABSOLUTE_TOLERANCE = 2e-3;
    public static final double RELATIVE_TOLERANCE = 2e-2;

    private GradCheck() {
    }

    /** Checks the gradient of {@code f} with respect to every input. */
    public static void check(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        check(name, f, STEP, ABSOLUTE_TOLERANCE, RELATIVE_TOLERANCE, inputs);
    }

    /** Checks with an explicit step and tolerances. */
    public static void check(String name, Function<Tensor[], Tensor> f, double step, double absoluteTolerance,
                             double relativeTolerance, Tensor... inputs) {
        Tensor[] leaves = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            leaves[i] = inputs[i].copy().requiresGrad(true);
        }
        Tensor output = f.apply(leaves);
        Tensor weights = Tensor.uniform(output.shape(), -1, 1, new Rng(1234));
        Tensor[] analytic = Autograd.grad(new Tensor[] {output}, new Tensor[] {weights}, leaves, false);
        for (int i = 0; i < leaves.length; i++) {
            float[] values = leaves[i].data();
            float[] computed = analytic[i].data();
            for (int j = 0; j < values.length; j++) {
                float original = values[j];
                values[j] = (float) (original + step);
                double plus = contract(f, leaves, weights);
                values[j] = (float) (original - step);
                double minus = contract(f, leaves, weights);
                values[j] = original;
                double actualStep = ((double) (float) (original + step) - (double) (float) (original - step)) / 2;
                double numeric = (plus - minus) / (2 * actualStep);
                double difference = Math.abs(numeric - computed[j]);
                double scale = Math.max(Math.abs(numeric), Math.abs(computed[j]));
                if (difference > absoluteTolerance + relativeTolerance * scale || Double.isNaN(computed[j])) {
                    fail(name + ": gradient of input " + i + " (shape " + leaves[i].shape() + ") element " + j
                            + ": autograd " + computed[j] + ", finite difference " + numeric);
                }
            }
        }
    }

    /**
     * Checks second derivatives: the gradient of {@code Σ R·f} (built with {@code createGraph})
     * is itself gradient-checked.
     */
    public static void checkSecondOrder(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        Function<Tensor[], Tensor> firstDerivative = xs -> {
            Tensor output = f.apply(xs);
            Tensor weights = Tensor.uniform(output.shape(), -1, 1, new Rng(99));
            Tensor[] grads = Autograd.grad(new Tensor[] {output}, new Tensor[] {weights}, xs, true);
            Tensor joined = grads[0].reshape(-1);
            for (int i = 1; i < grads.length; i++) {
                joined = Tensor.concat(0, joined, grads[i].reshape(-1));
            }
            return joined;
        };
        check(name + " (second order)", firstDerivative, inputs);
    }

    private static double contract(Function<Tensor[], Tensor> f, Tensor[] inputs, Tensor weights) {
        // Recording stays on: a second-order check differentiates inside f.
        float[] out = f.apply(inputs).data();
        float[] w = weights.data();
        double total = 0;
        for (int i = 0; i < out.length; i++) {
            total += (double) out[i] * w[i];
        }
        return total;
    }
}
