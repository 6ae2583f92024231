package org.noether.train.metrics;

import java.util.Map;
import org.noether.tensor.Tensor;

/**
 * A quality measure accumulated over batches, as a Keras metric is: {@link #update} adds a
 * batch, {@link #result} gives the value over every sample seen since the last {@link #reset}
 * (a fraction over all samples, not a mean of batch means). Updates record no gradients.
 *
 * <pre>{@code
 * Metric accuracy = Metrics.get("accuracy");
 * accuracy.update(labels, probabilities);   // once per batch
 * double value = accuracy.result();         // over all samples so far; reset() before the next epoch
 * }</pre>
 */
public interface Metric {

    /** The name under which the value is reported (a Keras history key, e.g. {@code "accuracy"}). */
    String name();

    /** Accumulates one batch of targets and predictions ({@code [batch, ...]} each). */
    void update(Tensor yTrue, Tensor yPred);

    /** The value over all samples since the last reset; 0 before any sample, as in Keras. */
    double result();

    /** Forgets every accumulated sample. */
    void reset();

    /** Constructor arguments under their Keras keys; {@link Metrics#fromConfig} inverts name and config. */
    default Map<String, Object> config() {
        return Map.of();
    }
}
