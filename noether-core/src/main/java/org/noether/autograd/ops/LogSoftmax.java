package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.tensor.Tensor;

/**
 * {@code y_j = x_j − ln Σ_k e^{x_k}} along one axis (log-sum-exp with the maximum subtracted):
 * the stable way to a categorical cross-entropy from logits.
 *
 * <p>Shape: unchanged. Gradient: {@code g − e^y · Σ_k g_k}.
 */
public final class LogSoftmax extends Function {
    private final int axis;
    private final Tensor output;

    private LogSoftmax(int axis, Tensor output) {
        this.axis = axis;
        this.output = output;
    }

    /** Log-softmax of {@code x} along {@code axis}. */
    public static Tensor apply(Tensor x, int axis) {
        int normalized = x.shape().normalizeAxis(axis);
        Tensor y = Tensor.wrap(Softmax.normalizedExp(x, normalized, true), x.shape());
        return new LogSoftmax(normalized, y).record(y, x);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {g.sub(output.exp().mul(g.sum(true, axis)))};
    }
}
