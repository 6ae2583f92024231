package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * {@code y_j = e^{x_j} / Σ_k e^{x_k}} along one axis, computed with the maximum subtracted so
 * that large inputs do not overflow.
 *
 * <p>Shape: unchanged. Gradient: {@code y·(g − Σ_k g_k·y_k)}.
 */
public final class Softmax extends Function {
    private final int axis;
    private final Tensor output;

    private Softmax(int axis, Tensor output) {
        this.axis = axis;
        this.output = output;
    }

    /** Softmax of {@code x} along {@code axis}. */
    public static Tensor apply(Tensor x, int axis) {
        int normalized = x.shape().normalizeAxis(axis);
        Tensor y = Tensor.wrap(normalizedExp(x, normalized, false), x.shape());
        return new Softmax(normalized, y).record(y, x);
    }

    /**
     * Along the axis: {@code e^{x−max} / Σ e^{x−max}}, or with {@code log} its logarithm
     * {@code x − max − ln Σ e^{x−max}}.
     */
    static float[] normalizedExp(Tensor x, int axis, boolean log) {
        Shape shape = x.shape();
        int outer = shape.sizeOf(0, axis);
        int n = shape.dim(axis);
        int inner = shape.sizeOf(axis + 1, shape.rank());
        float[] in = x.data();
        float[] out = new float[in.length];
        org.noether.kernel.Parallel.forRange(outer * inner, 8L * in.length, (from, to) -> {
            for (int index = from; index < to; index++) {
                int base = (index / inner) * n * inner + index % inner;
                float max = Float.NEGATIVE_INFINITY;
                for (int k = 0; k < n; k++) {
                    max = Math.max(max, in[base + k * inner]);
                }
                double total = 0;
                for (int k = 0; k < n; k++) {
                    total += Math.exp(in[base + k * inner] - max);
                }
                double logTotal = Math.log(total);
                for (int k = 0; k < n; k++) {
                    double shifted = in[base + k * inner] - max;
                    out[base + k * inner] = (float) (log ? shifted - logTotal : Math.exp(shifted - logTotal));
                }
            }
        });
        return out;
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {output.mul(g.sub(g.mul(output).sum(true, axis)))};
    }
}
