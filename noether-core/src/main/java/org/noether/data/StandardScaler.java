package org.noether.data;

import org.noether.tensor.Tensor;

/**
 * Standardizes every feature to zero mean and unit variance on the training data (scikit-learn's
 * {@code StandardScaler}): {@code y = (x − μ) / σ}, with {@code μ} and the population standard
 * deviation {@code σ = sqrt(mean((x − μ)²))} taken over the sample axis. A constant feature
 * ({@code σ = 0}) is only centred.
 *
 * <p>Fit on the training data only and apply the same map to validation and test data. Shape:
 * fitted on {@code [n, ...features]}, applied to any {@code [m, ...features]}; {@link #mean()} and
 * {@link #std()} have shape {@code [...features]}.
 *
 * <pre>{@code
 * StandardScaler scaler = StandardScaler.fit(train.x());
 * Tensor testX = scaler.transform(test.x());
 * }</pre>
 */
public final class StandardScaler {
    private final Tensor std;
    private final FeatureAffine map;

    private StandardScaler(Tensor std, FeatureAffine map) {
        this.std = std;
        this.map = map;
    }

    /** Fits mean and standard deviation on {@code x} of shape {@code [n, ...features]}. */
    public static StandardScaler fit(Tensor x) {
        FeatureStatistics statistics = FeatureStatistics.of(x, "StandardScaler");
        double[] std = new double[statistics.variance().length];
        double[] factor = new double[std.length];
        for (int f = 0; f < std.length; f++) {
            std[f] = Math.sqrt(statistics.variance()[f]);
            factor[f] = FeatureAffine.reciprocalOrOne(std[f]);
        }
        return new StandardScaler(statistics.tensor(std), new FeatureAffine("StandardScaler",
                statistics.tensor(statistics.mean()), statistics.tensor(factor), statistics.tensor(new double[std.length])));
    }

    /** {@code (x − μ) / σ}, per feature. */
    public Tensor transform(Tensor x) {
        return map.transform(x);
    }

    /** The inverse map {@code y · σ + μ}: standardized values back to the original units. */
    public Tensor inverseTransform(Tensor y) {
        return map.inverseTransform(y);
    }

    /** Per-feature mean of the training data. */
    public Tensor mean() {
        return map.center();
    }

    /** Per-feature population standard deviation of the training data (0 for a constant feature). */
    public Tensor std() {
        return std;
    }
}
