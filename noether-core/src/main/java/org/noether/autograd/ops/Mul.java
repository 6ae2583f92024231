package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.tensor.Tensor;

/**
 * {@code a · b} elementwise, with broadcasting.
 *
 * <p>Shape: the broadcast of the two shapes. Gradient: {@code ∂/∂a = g·b}, {@code ∂/∂b = g·a},
 * each summed to its input's shape.
 */
public final class Mul extends Function {
    private Mul() {
    }

    /** {@code a · b}. */
    public static Tensor apply(Tensor a, Tensor b) {
        return new Mul().record(Broadcast.compute(a, b, "mul", (x, y) -> x * y), a, b);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {
            needsGrad(0) ? g.mul(input(1)).sumTo(input(0).shape()) : null,
            needsGrad(1) ? g.mul(input(0)).sumTo(input(1).shape()) : null};
    }
}
