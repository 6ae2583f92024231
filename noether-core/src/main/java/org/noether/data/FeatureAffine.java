package org.noether.data;

import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * The per-feature map {@code y = (x − center) · factor + offset} that both scalers apply, and its
 * inverse {@code x = (y − offset) / factor + center}; written with tensor operations, so it
 * broadcasts over the sample axis and gradients flow through it.
 *
 * <p>Shape: {@code center}, {@code factor} and {@code offset} have the feature shape; inputs are
 * {@code [n, ...features]}.
 */
record FeatureAffine(String scaler, Tensor center, Tensor factor, Tensor offset) {
    /**
     * Below this a range or a standard deviation counts as zero and is replaced by 1, so that a
     * constant feature is shifted but not blown up (scikit-learn's rule).
     */
    static final double ZERO_SCALE = 10 * Math.ulp(1.0);

    Shape featureShape() {
        return center.shape();
    }

    Tensor transform(Tensor x) {
        FeatureStatistics.checkFeatures(x, featureShape(), scaler + ".transform");
        return x.sub(center).mul(factor).add(offset);
    }

    Tensor inverseTransform(Tensor y) {
        FeatureStatistics.checkFeatures(y, featureShape(), scaler + ".inverseTransform");
        return y.sub(offset).div(factor).add(center);
    }

    /** {@code 1 / scale}, or 1 where the scale counts as zero. */
    static double reciprocalOrOne(double scale) {
        return scale < ZERO_SCALE ? 1 : 1 / scale;
    }
}
