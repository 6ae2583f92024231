package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Repeats size-1 and missing leading dimensions to reach a larger shape: broadcasting made explicit.
 *
 * <p>Shape: {@code target}, which {@code x} must broadcast to. Gradient: {@code g} summed back to
 * the input's shape ({@link SumTo}).
 */
public final class Expand extends Function {
    private Expand() {
    }

    /** {@code x} repeated to {@code target}. */
    public static Tensor apply(Tensor x, Shape target) {
        Shape check = Shape.broadcast(x.shape(), target, "expand");
        if (!check.equals(target)) {
            throw new IllegalArgumentException("expand: shape " + x.shape() + " cannot be expanded to " + target);
        }
        return new Expand().record(Tensor.wrap(Broadcast.expanded(x, target), target), x);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {g.sumTo(input(0).shape())};
    }
}
