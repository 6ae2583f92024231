package org.noether.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.noether.autograd.Autograd;
import org.noether.nn.Layer;
import org.noether.nn.layers.Dense;
import org.noether.nn.layers.Input;
import org.noether.tensor.Rng;
import org.noether.tensor.Tensor;

/**
 * Gradients of gradients, on the physics-informed network of the notes (seed 002, Raissi et al.):
 * a tanh MLP u(x, t) and the Burgers residual {@code r = u_t + u·u_x − (0.01/π)·u_xx}.
 *
 * <p>Autograd's u_x, u_t, u_xx (gradients built with createGraph, differentiated again) and the
 * gradient of {@code mean(r²)} with respect to every weight — a third derivative through the
 * network — are compared with central differences of an independent double-precision evaluation
 * of the same network written here.
 */
class BurgersResidualGradientTest {
    private static final double NU = 0.01 / Math.PI;
    private static final int POINTS = 6;

    private Sequential net;
    private Tensor points;

    @BeforeEach
    void setUp() {
        net = new Sequential(new Input(2), new Dense(8, "tanh"), new Dense(8, "tanh"), new Dense(1));
        net.seed(3).build();
        Rng rng = new Rng(17);
        float[] xt = new float[POINTS * 2];
        for (int i = 0; i < POINTS; i++) {
            xt[2 * i] = rng.uniform(-1, 1);      // x in [-1, 1]
            xt[2 * i + 1] = rng.uniform(0, 1);   // t in [0, 1]
        }
        points = Tensor.of(xt, POINTS, 2);
    }

    /** u and its derivatives by autograd: columns u, u_x, u_t, u_xx; and the residual loss. */
    private Tensor[] autogradDerivatives(Tensor xt) {
        Tensor u = net.apply(xt);
        Tensor du = Autograd.grad(u, new Tensor[] {xt}, true)[0];
        Tensor ux = du.slice(1, 0, 1);
        Tensor ut = du.slice(1, 1, 2);
        Tensor uxx = Autograd.grad(ux, new Tensor[] {xt}, true)[0].slice(1, 0, 1);
        Tensor residual = ut.add(u.mul(ux)).sub(uxx.mul(NU));
        return new Tensor[] {u, ux, ut, uxx, residual.square().mean()};
    }

    @Test
    void inputDerivativesMatchFiniteDifferences() {
        Tensor xt = points.copy().requiresGrad(true);
        Tensor[] derived = autogradDerivatives(xt);
        DoubleNet reference = new DoubleNet(net);
        for (int i = 0; i < POINTS; i++) {
            double x = points.get(i, 0);
            double t = points.get(i, 1);
            double[] expected = reference.derivatives(x, t);
            assertEquals(expected[0], derived[0].get(i, 0), 1e-5, "u at point " + i);
            assertEquals(expected[1], derived[1].get(i, 0), 2e-4, "u_x at point " + i);
            assertEquals(expected[2], derived[2].get(i, 0), 2e-4, "u_t at point " + i);
            assertEquals(expected[3], derived[3].get(i, 0), 1e-3 + 1e-3 * Math.abs(expected[3]), "u_xx at point " + i);
        }
    }

    @Test
    void residualLossGradientMatchesFiniteDifferencesForEveryWeight() {
        Tensor xt = points.copy().requiresGrad(true);
        Tensor loss = autogradDerivatives(xt)[4];
        List<Tensor> weights = net.trainableTensors();
        Tensor[] grads = Autograd.grad(loss, weights.toArray(Tensor[]::new), false);

        DoubleNet reference = new DoubleNet(net);
        double baseline = reference.residualLoss(points);
        assertEquals(baseline, loss.item(), 1e-4 * Math.max(1, baseline), "the residual loss itself");
        double step = 1e-5;
        int checked = 0;
        for (int w = 0; w < weights.size(); w++) {
            double[] values = reference.parameters.get(w);
            float[] computed = grads[w].data();
            for (int j = 0; j < values.length; j++) {
                double original = values[j];
                values[j] = original + step;
                double plus = reference.residualLoss(points);
                values[j] = original - step;
                double minus = reference.residualLoss(points);
                values[j] = original;
                double numeric = (plus - minus) / (2 * step);
                assertEquals(numeric, computed[j], 2e-4 + 2e-3 * Math.abs(numeric),
                        "d(residual loss)/d(weight " + w + "[" + j + "])");
                checked++;
            }
        }
        assertEquals(2 * 8 + 8 + 8 * 8 + 8 + 8 + 1, checked);
    }

    /** The same network in double precision, with derivatives by central differences. */
    private static final class DoubleNet {
        final List<double[]> parameters = new ArrayList<>();
        final List<int[]> kernelShapes = new ArrayList<>();

        DoubleNet(Sequential model) {
            for (Layer layer : model.layers()) {
                if (layer instanceof Dense dense) {
                    Tensor kernel = dense.parameter("kernel").value();
                    kernelShapes.add(new int[] {kernel.dim(0), kernel.dim(1)});
                    parameters.add(toDouble(kernel));
                    parameters.add(toDouble(dense.parameter("bias").value()));
                }
            }
        }

        private static double[] toDouble(Tensor tensor) {
            double[] values = new double[tensor.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = tensor.data()[i];
            }
            return values;
        }

        double u(double x, double t) {
            double[] activations = {x, t};
            for (int layer = 0; layer < kernelShapes.size(); layer++) {
                int in = kernelShapes.get(layer)[0];
                int out = kernelShapes.get(layer)[1];
                double[] kernel = parameters.get(2 * layer);
                double[] bias = parameters.get(2 * layer + 1);
                double[] next = new double[out];
                for (int j = 0; j < out; j++) {
                    double z = bias[j];
                    for (int k = 0; k < in; k++) {
                        z += activations[k] * kernel[k * out + j];
                    }
                    next[j] = layer < kernelShapes.size() - 1 ? Math.tanh(z) : z;
                }
                activations = next;
            }
            return activations[0];
        }

        /** u, u_x, u_t, u_xx by central differences. */
        double[] derivatives(double x, double t) {
            double h = 1e-4;
            double h2 = 1e-3;
            double u = u(x, t);
            double ux = (u(x + h, t) - u(x - h, t)) / (2 * h);
            double ut = (u(x, t + h) - u(x, t - h)) / (2 * h);
            double uxx = (u(x + h2, t) - 2 * u + u(x - h2, t)) / (h2 * h2);
            return new double[] {u, ux, ut, uxx};
        }

        double residualLoss(Tensor xt) {
            double total = 0;
            for (int i = 0; i < xt.dim(0); i++) {
                double[] d = derivatives(xt.get(i, 0), xt.get(i, 1));
                double residual = d[2] + d[0] * d[1] - NU * d[3];
                total += residual * residual;
            }
            return total / xt.dim(0);
        }
    }
}
