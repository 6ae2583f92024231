package org.noether.data;

import org.noether.tensor.Tensor;

/**
 * Scales every feature linearly so that its training minimum and maximum land on {@code low} and
 * {@code high} (default {@code [0, 1]}, as scikit-learn's {@code MinMaxScaler}):
 * {@code y = (x − min) / (max − min) · (high − low) + low}, statistics taken over the sample axis.
 * A constant feature ({@code max = min}) is only shifted, to {@code low}.
 *
 * <p>Fit on the training data only and apply the same map to validation and test data, which may
 * then fall outside {@code [low, high]}. Shape: fitted on {@code [n, ...features]}, applied to any
 * {@code [m, ...features]}; {@link #dataMin()} and {@link #dataMax()} have shape {@code [...features]}.
 *
 * <pre>{@code
 * MinMaxScaler scaler = MinMaxScaler.fit(train.x());
 * Tensor testX = scaler.transform(test.x());
 * }</pre>
 */
public final class MinMaxScaler {
    private final Tensor dataMin;
    private final Tensor dataMax;
    private final FeatureAffine map;

    private MinMaxScaler(Tensor dataMin, Tensor dataMax, FeatureAffine map) {
        this.dataMin = dataMin;
        this.dataMax = dataMax;
        this.map = map;
    }

    /** Fits the map to {@code [0, 1]} on {@code x} of shape {@code [n, ...features]}. */
    public static MinMaxScaler fit(Tensor x) {
        return fit(x, 0, 1);
    }

    /** Fits the map to {@code [low, high]} on {@code x} of shape {@code [n, ...features]}. */
    public static MinMaxScaler fit(Tensor x, double low, double high) {
        if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("MinMaxScaler: the feature range needs finite low < high. Received: ["
                    + low + ", " + high + "]");
        }
        FeatureStatistics statistics = FeatureStatistics.of(x, "MinMaxScaler");
        double[] factor = new double[statistics.min().length];
        double[] offset = new double[factor.length];
        for (int f = 0; f < factor.length; f++) {
            factor[f] = (high - low) * FeatureAffine.reciprocalOrOne(statistics.max()[f] - statistics.min()[f]);
            offset[f] = low;
        }
        return new MinMaxScaler(statistics.tensor(statistics.min()), statistics.tensor(statistics.max()),
                new FeatureAffine("MinMaxScaler", statistics.tensor(statistics.min()), statistics.tensor(factor),
                        statistics.tensor(offset)));
    }

    /** {@code (x − min) / (max − min) · (high − low) + low}, per feature. */
    public Tensor transform(Tensor x) {
        return map.transform(x);
    }

    /** The inverse map: scaled values back to the original units. */
    public Tensor inverseTransform(Tensor y) {
        return map.inverseTransform(y);
    }

    /** Per-feature minimum of the training data. */
    public Tensor dataMin() {
        return dataMin;
    }

    /** Per-feature maximum of the training data. */
    public Tensor dataMax() {
        return dataMax;
    }
}
