package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.kernel.Reductions;
import org.noether.kernel.Scratch;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * {@code max x} along one axis.
 *
 * <p>Shape: the input's with the axis removed, or kept as size 1 when {@code keepDims}.
 * Gradient: {@code g} to the first position attaining the maximum, 0 elsewhere (a constant
 * one-hot mask, so ties do not double the gradient).
 */
public final class Max extends Function {
    private final Shape keptShape;
    private final Tensor mask;

    private Max(Shape keptShape, Tensor mask) {
        this.keptShape = keptShape;
        this.mask = mask;
    }

    /** The maximum of {@code x} along {@code axis}. */
    public static Tensor apply(Tensor x, int axis, boolean keepDims) {
        Shape shape = x.shape();
        int normalized = shape.normalizeAxis(axis);
        int outer = shape.sizeOf(0, normalized);
        int n = shape.dim(normalized);
        int inner = shape.sizeOf(normalized + 1, shape.rank());
        if (n == 0) {
            throw new IllegalArgumentException("max: axis " + axis + " of shape " + shape + " is empty");
        }
        float[] out = new float[outer * inner];
        int[] argmax = new int[outer * inner];
        Reductions.max(x.data(), outer, n, inner, out, argmax);
        Shape kept = shape.withDim(normalized, 1);
        Shape outShape = kept;
        if (!keepDims) {
            int[] dims = new int[shape.rank() - 1];
            for (int i = 0, j = 0; i < shape.rank(); i++) {
                if (i != normalized) {
                    dims[j++] = shape.dim(i);
                }
            }
            outShape = Shape.of(dims);
        }
        Tensor mask = null;
        if (x.requiresGrad()) {
            float[] oneHot = Scratch.zeros(x.size());
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    oneHot[(o * n + argmax[o * inner + i]) * inner + i] = 1f;
                }
            }
            mask = Tensor.wrap(oneHot, shape);
        }
        return new Max(kept, mask).record(Tensor.wrap(out, outShape), x);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {g.reshape(keptShape).expand(input(0).shape()).mul(mask)};
    }
}
