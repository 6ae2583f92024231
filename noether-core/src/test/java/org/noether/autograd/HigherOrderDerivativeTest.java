package org.noether.autograd;

import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.noether.tensor.Expect;
import org.noether.tensor.Tensor;

/**
 * Derivatives of order three and four by repeated {@link Autograd#grad} with {@code createGraph},
 * against closed forms: {@code (x⁴)''' = 24x}, {@code tanh''' = (1 − t²)(6t² − 2)}, {@code tanh'''' = 8t(1 − t²)(2 − 3t²)}, {@code sin''' = −cos}.
 */
class HigherOrderDerivativeTest {
    private static final float[] POINTS = {-1.5f, -0.7f, -0.1f, 0.3f, 0.9f, 1.4f};

    @Test
    void thirdDerivativeOfTheFourthPower() {
        check("x⁴", x -> x.pow(4), x -> 24 * x, 3, 1e-4);
        check("x⁴", x -> x.pow(4), x -> 24, 4, 1e-4);
        check("x·x·x·x", x -> x.mul(x).mul(x).mul(x), x -> 24 * x, 3, 1e-4);
    }

    @Test
    void thirdDerivativeOfTanh() {
        check("tanh", Tensor::tanh, x -> {
            double t = Math.tanh(x);
            return (1 - t * t) * (6 * t * t - 2);
        }, 3, 1e-5);
        check("tanh", Tensor::tanh, x -> {
            double t = Math.tanh(x);
            return 8 * t * (1 - t * t) * (2 - 3 * t * t);
        }, 4, 1e-4);
    }

    @Test
    void thirdDerivativeOfSineAndExp() {
        check("sin", Tensor::sin, x -> -Math.cos(x), 3, 1e-6);
        check("exp", Tensor::exp, Math::exp, 3, 1e-5);
        check("sigmoid", Tensor::sigmoid, x -> {
            double s = 1 / (1 + Math.exp(-x));
            return s * (1 - s) * (1 - 6 * s + 6 * s * s);
        }, 3, 1e-5);
    }

    /** Differentiates {@code f} {@code order} times at {@link #POINTS} and compares with {@code expected}. */
    private static void check(String name, UnaryOperator<Tensor> f, DoubleUnaryOperator expected, int order,
                              double tolerance) {
        Tensor x = Tensor.vector(POINTS).requiresGrad(true);
        Tensor derivative = f.apply(x);
        for (int i = 0; i < order; i++) {
            // Elementwise f: the gradient of Σ f(x) is the elementwise derivative.
            derivative = Autograd.grad(derivative, new Tensor[] {x}, i < order - 1)[0];
        }
        double[] want = new double[POINTS.length];
        for (int i = 0; i < POINTS.length; i++) {
            want[i] = expected.applyAsDouble(POINTS[i]);
        }
        Expect.close(want, derivative.data(), tolerance, "derivative " + order + " of " + name);
    }
}
