package org.noether.losses;

import org.noether.tensor.Tensor;

/**
 * Keras's default loss reduction, {@code "sum_over_batch_size"}: a per-sample loss reduces the
 * last axis, then the sum of the per-sample losses is divided by their number.
 *
 * <p>Shape: elementwise losses {@code [batch, ..., d]} give per-sample losses {@code [batch, ...]}
 * and a scalar result. A rank-1 input is one sample, as in Keras.
 */
final class Reduction {
    private Reduction() {
    }

    /** {@code mean over samples of (mean over the last axis)}: the regression losses and hinge. */
    static Tensor meanOverLastAxis(Tensor elementwise) {
        return elementwise.mean(-1).mean();
    }

    /** {@code mean over samples of (sum over the last axis)}: the cross-entropies and KL divergence. */
    static Tensor sumOverLastAxis(Tensor elementwise) {
        return elementwise.sum(-1).mean();
    }
}
