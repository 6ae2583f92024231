package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.tensor.Tensor;

/**
 * {@code a / b} elementwise, with broadcasting.
 *
 * <p>Shape: the broadcast of the two shapes. Gradient: {@code ∂/∂a = g / b},
 * {@code ∂/∂b = −g·a / b²}, each summed to its input's shape.
 */
public final class Div extends Function {
    private Div() {
    }

    /** {@code a / b}. */
    public static Tensor apply(Tensor a, Tensor b) {
        return new Div().record(Broadcast.compute(a, b, "div", (x, y) -> x / y), a, b);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        Tensor a = input(0);
        Tensor b = input(1);
        return new Tensor[] {
            needsGrad(0) ? g.div(b).sumTo(a.shape()) : null,
            needsGrad(1) ? g.mul(a).div(b.square()).neg().sumTo(b.shape()) : null};
    }
}
