package org.noether.data;

import java.util.Arrays;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Per-feature minimum, maximum, mean and population variance over the sample (first) axis,
 * accumulated in double precision; a feature is one position of {@code x[i]}, so for images
 * {@code [n, h, w, c]} every pixel of every channel has its own statistics.
 *
 * <p>Shape: input {@code [n, ...features]} with {@code n >= 1}; every statistic has shape
 * {@code [...features]}.
 */
record FeatureStatistics(Shape featureShape, double[] min, double[] max, double[] mean, double[] variance) {

    /** The statistics of {@code x} over its first axis; {@code scaler} names the caller in errors. */
    static FeatureStatistics of(Tensor x, String scaler) {
        if (x.rank() < 1 || x.dim(0) < 1) {
            throw new IllegalArgumentException(scaler + ".fit needs at least one sample along the first axis. "
                    + "Received: shape " + x.shape());
        }
        int samples = x.dim(0);
        int features = x.size() / samples;
        float[] data = x.data();
        double[] min = new double[features];
        double[] max = new double[features];
        double[] mean = new double[features];
        double[] squares = new double[features];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int s = 0; s < samples; s++) {
            for (int f = 0, i = s * features; f < features; f++, i++) {
                min[f] = Math.min(min[f], data[i]);
                max[f] = Math.max(max[f], data[i]);
                mean[f] += data[i];
            }
        }
        for (int f = 0; f < features; f++) {
            mean[f] /= samples;
        }
        // Two passes: summing squared deviations from the mean avoids the cancellation of E[x²] − E[x]².
        for (int s = 0; s < samples; s++) {
            for (int f = 0, i = s * features; f < features; f++, i++) {
                double deviation = data[i] - mean[f];
                squares[f] += deviation * deviation;
            }
        }
        for (int f = 0; f < features; f++) {
            squares[f] /= samples;
        }
        return new FeatureStatistics(x.shape().dropFirst(), min, max, mean, squares);
    }

    /** {@code values} as a tensor of the feature shape. */
    Tensor tensor(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return Tensor.wrap(out, featureShape);
    }

    /** Throws unless {@code x} is {@code [n, ...featureShape]}. */
    static void checkFeatures(Tensor x, Shape featureShape, String where) {
        if (x.rank() != featureShape.rank() + 1 || !x.shape().dropFirst().equals(featureShape)) {
            throw new IllegalArgumentException(where + ": expected samples of shape " + featureShape
                    + " (input [n, ...] like the data the scaler was fitted to). Received: shape " + x.shape());
        }
    }
}
