package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Sums a broadcast result back to one of its operand shapes: over the extra leading axes and the
 * axes where {@code target} has size 1. This is the gradient of broadcasting.
 *
 * <p>Shape: {@code target}. Gradient: {@code g} expanded back ({@link Expand}).
 */
public final class SumTo extends Function {
    private SumTo() {
    }

    /** {@code x} summed down to {@code target}, which must broadcast to {@code x}'s shape. */
    public static Tensor apply(Tensor x, Shape target) {
        Shape shape = x.shape();
        int extra = shape.rank() - target.rank();
        if (extra < 0 || !Shape.broadcast(target, shape, "sumTo").equals(shape)) {
            throw new IllegalArgumentException("sumTo: shape " + shape + " cannot be summed to " + target);
        }
        int count = 0;
        int[] axes = new int[shape.rank()];
        for (int axis = 0; axis < shape.rank(); axis++) {
            if (axis < extra || (target.dim(axis - extra) == 1 && shape.dim(axis) != 1)) {
                axes[count++] = axis;
            }
        }
        Tensor summed;
        try (var _ = org.noether.autograd.GradMode.disabled()) {
            summed = x.sum(true, java.util.Arrays.copyOf(axes, count));
        }
        return new SumTo().record(Tensor.wrap(summed.data(), target), x);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {g.expand(input(0).shape())};
    }
}
