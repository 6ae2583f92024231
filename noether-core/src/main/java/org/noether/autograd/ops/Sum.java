package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.kernel.Reductions;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * {@code Σ x} over the given axes (all of them for a full sum).
 *
 * <p>Shape: the input's with the reduced axes removed, or kept as size 1 when {@code keepDims}.
 * Gradient: {@code g} repeated along the reduced axes.
 */
public final class Sum extends Function {
    private final Shape keptShape;

    private Sum(Shape keptShape) {
        this.keptShape = keptShape;
    }

    /** The sum of {@code x} over {@code axes}. */
    public static Tensor apply(Tensor x, int[] axes, boolean keepDims) {
        Shape shape = x.shape();
        boolean[] reduce = new boolean[shape.rank()];
        for (int axis : axes) {
            int normalized = shape.normalizeAxis(axis);
            if (reduce[normalized]) {
                throw new IllegalArgumentException("sum: axis " + axis + " is given twice for shape " + shape);
            }
            reduce[normalized] = true;
        }
        float[] values = x.data();
        int[] dims = shape.dims();
        for (int axis = shape.rank() - 1; axis >= 0; axis--) {
            if (!reduce[axis]) {
                continue;
            }
            int outer = sizeOf(dims, 0, axis);
            int inner = sizeOf(dims, axis + 1, dims.length);
            float[] out = new float[outer * inner];
            Reductions.sum(values, outer, dims[axis], inner, out);
            values = out;
            dims[axis] = 1;
        }
        if (values == x.data()) {
            values = values.clone(); // no axes: the sum is the identity, but results never alias inputs
        }
        Shape kept = Shape.of(dims);
        Shape outShape = keepDims ? kept : Shape.of(removeReduced(dims, reduce));
        return new Sum(kept).record(Tensor.wrap(values, outShape), x);
    }

    private static int sizeOf(int[] dims, int from, int to) {
        int product = 1;
        for (int i = from; i < to; i++) {
            product *= dims[i];
        }
        return product;
    }

    private static int[] removeReduced(int[] dims, boolean[] reduce) {
        int count = 0;
        for (boolean r : reduce) {
            count += r ? 0 : 1;
        }
        int[] out = new int[count];
        for (int i = 0, j = 0; i < dims.length; i++) {
            if (!reduce[i]) {
                out[j++] = dims[i];
            }
        }
        return out;
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {g.reshape(keptShape).expand(input(0).shape())};
    }
}
