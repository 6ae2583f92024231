package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.kernel.Scratch;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * {@code mask ? a : b} elementwise, with broadcasting of all three; the mask holds 1 for true.
 *
 * <p>Shape: the broadcast of the three shapes. Gradient: {@code g} where the mask is true to
 * {@code a}, where it is false to {@code b}; the mask is a constant. Unlike
 * {@code a·mask + b·(1−mask)}, an infinite value on the unselected side does not turn into NaN.
 */
public final class Where extends Function {
    private Where() {
    }

    /** {@code mask ? a : b}. */
    public static Tensor apply(Tensor mask, Tensor a, Tensor b) {
        Shape out = Shape.broadcast(mask.shape(), Shape.broadcast(a.shape(), b.shape(), "where"), "where");
        float[] condition = Broadcast.expanded(mask, out);
        float[] whenTrue = Broadcast.expanded(a, out);
        float[] whenFalse = Broadcast.expanded(b, out);
        float[] result = Scratch.floats(out.size());
        for (int i = 0; i < result.length; i++) {
            result[i] = condition[i] != 0 ? whenTrue[i] : whenFalse[i];
        }
        return new Where().record(Tensor.wrap(result, out), mask, a, b);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        Tensor mask = input(0);
        Tensor zero = Tensor.scalar(0);
        return new Tensor[] {
            null,
            needsGrad(1) ? g.where(mask, zero).sumTo(input(1).shape()) : null,
            needsGrad(2) ? zero.where(mask, g).sumTo(input(2).shape()) : null};
    }
}
