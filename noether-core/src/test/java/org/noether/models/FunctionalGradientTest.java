package org.noether.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.noether.autograd.Autograd;
import org.noether.nn.Node;
import org.noether.nn.Parameter;
import org.noether.nn.layers.Add;
import org.noether.nn.layers.Concatenate;
import org.noether.nn.layers.Dense;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.noether.testing.GradCheck;

/**
 * Gradients through functional graphs: a residual block checked by finite differences on its
 * input and every weight, a shared layer whose weights receive the sum of its calls' gradients,
 * and a concatenation of branches.
 */
class FunctionalGradientTest {
    /** Large enough for float32 differences; moving one weight or input by it moves a ReLU input less than the margin. */
    private static final double STEP = 3e-3;
    private static final double KINK_MARGIN = 0.02;

    /**
     * As {@code LayerGradCheck} for a model: the gradient of {@code Σ R·model(x)} with respect to the
     * input and to every trainable weight, against central differences of the forward pass.
     */
    static void checkModel(Model model, Tensor input) {
        GradCheck.check(model.name() + " input", x -> model.apply(x[0]), STEP, GradCheck.ABSOLUTE_TOLERANCE,
                GradCheck.RELATIVE_TOLERANCE, input);
        Tensor weights = Tensor.uniform(model.apply(input).shape(), -1, 1, new Rng(4321));
        for (Map.Entry<String, Parameter> entry : model.namedParameters().entrySet()) {
            Tensor value = entry.getValue().value();
            Tensor analytic = Autograd.grad(new Tensor[] {model.apply(input)}, new Tensor[] {weights},
                    new Tensor[] {value}, false)[0];
            float[] data = value.data();
            for (int j = 0; j < data.length; j++) {
                float original = data[j];
                data[j] = (float) (original + STEP);
                double plus = contract(model.apply(input), weights);
                data[j] = (float) (original - STEP);
                double minus = contract(model.apply(input), weights);
                data[j] = original;
                double actualStep = ((double) (float) (original + STEP) - (double) (float) (original - STEP)) / 2;
                double numeric = (plus - minus) / (2 * actualStep);
                double computed = analytic.data()[j];
                if (Math.abs(numeric - computed) > GradCheck.ABSOLUTE_TOLERANCE + GradCheck.RELATIVE_TOLERANCE
                        * Math.max(Math.abs(numeric), Math.abs(computed)) || Double.isNaN(computed)) {
                    fail(entry.getKey() + " element " + j + ": autograd " + computed + ", finite difference "
                            + numeric);
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

    @Test
    void residualBlockGradientsMatchFiniteDifferences() {
        FunctionalModelTest.Residual block = FunctionalModelTest.residualBlock();
        // Sub-models on the same graph give the values entering each ReLU; a difference step must not cross 0.
        Model firstConvolution = Model.of(block.input(), block.firstConvolution());
        Model sum = Model.of(block.input(), block.sum());
        for (long seed = 0; seed < 100; seed++) {
            Tensor x = Tensor.uniform(Shape.of(2, 4, 4, 2), -1, 1, new Rng(seed));
            if (distanceToZero(firstConvolution.predict(x)) > KINK_MARGIN
                    && distanceToZero(sum.predict(x)) > KINK_MARGIN) {
                checkModel(block.model(), x);
                return;
            }
        }
        fail("no input among 100 keeps every ReLU input " + KINK_MARGIN + " away from 0");
    }

    private static double distanceToZero(Tensor values) {
        double smallest = Double.POSITIVE_INFINITY;
        for (float value : values.data()) {
            smallest = Math.min(smallest, Math.abs(value));
        }
        return smallest;
    }

    @Test
    void branchesJoinedByConcatenateHaveCorrectGradients() {
        Node input = Node.input(3);
        Node joined = new Concatenate().on(new Dense(2, "tanh").on(input), new Dense(3, "sigmoid").on(input), input);
        FunctionalModel model = Model.of(input, new Dense(2).on(joined)).seed(4);
        checkModel(model, Tensor.uniform(Shape.of(4, 3), -1, 1, new Rng(6)));
    }

    @Test
    void aSharedLayerReceivesTheSumOfItsCallsGradients() {
        Node a = Node.input(3);
        Node b = Node.input(3);
        Dense shared = new Dense(2);
        Node fromA = shared.on(a);
        Node fromB = shared.on(b);
        FunctionalModel both = Model.of(List.of(a, b), List.of(new Add().on(fromA, fromB))).seed(2);
        assertEquals(List.of("dense/kernel", "dense/bias"), List.copyOf(both.namedParameters().keySet()));
        Tensor xa = Tensor.uniform(Shape.of(5, 3), -1, 1, new Rng(11));
        Tensor xb = Tensor.uniform(Shape.of(5, 3), -1, 1, new Rng(12));
        Tensor r = Tensor.uniform(Shape.of(5, 2), -1, 1, new Rng(13));
        Tensor kernel = shared.parameter("kernel").value();
        Tensor bias = shared.parameter("bias").value();
        Tensor[] total = Autograd.grad(new Tensor[] {both.apply(List.of(xa, xb)).getFirst()}, new Tensor[] {r},
                new Tensor[] {kernel, bias}, false);

        // y = (xa·W + b) + (xb·W + b), so ∂Σ R·y/∂W = xaᵀR + xbᵀR and ∂/∂b = 2 Σₙ R.
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                double expected = 0;
                for (int n = 0; n < 5; n++) {
                    expected += ((double) xa.get(n, i) + xb.get(n, i)) * r.get(n, j);
                }
                assertEquals(expected, total[0].get(i, j), 1e-5, "kernel " + i + ", " + j);
            }
        }
        for (int j = 0; j < 2; j++) {
            double expected = 0;
            for (int n = 0; n < 5; n++) {
                expected += 2.0 * r.get(n, j);
            }
            assertEquals(expected, total[1].get(j), 1e-5, "bias " + j);
        }

        // The same sum, from two models that each take one path through the shared layer.
        Tensor[] viaA = Autograd.grad(new Tensor[] {Model.of(a, fromA).apply(xa)}, new Tensor[] {r},
                new Tensor[] {kernel, bias}, false);
        Tensor[] viaB = Autograd.grad(new Tensor[] {Model.of(b, fromB).apply(xb)}, new Tensor[] {r},
                new Tensor[] {kernel, bias}, false);
        for (int p = 0; p < 2; p++) {
            for (int i = 0; i < total[p].size(); i++) {
                assertEquals(viaA[p].data()[i] + viaB[p].data()[i], total[p].data()[i], 1e-6, "parameter " + p);
            }
        }
    }
}
