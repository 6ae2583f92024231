package org.noether.train.metrics;

/**
 * A weighted running mean, accumulated in double: after {@code update(v₁, n₁)},
 * {@code update(v₂, n₂)}, … the result is {@code Σ vᵢnᵢ / Σ nᵢ} (0 before any update, as Keras's
 * {@code Mean}). It tracks the loss over an epoch, each batch's mean loss weighted by its size, and
 * carries the sums of every {@link MeanMetric}.
 *
 * <pre>{@code
 * Mean loss = new Mean("loss");
 * loss.update(batchLoss.item(), batchSize);
 * }</pre>
 */
public final class Mean {
    private final String name;
    private double total;
    private long count;

    /** A mean named {@code "mean"} (the Keras default). */
    public Mean() {
        this("mean");
    }

    /** A mean reported under {@code name}. */
    public Mean(String name) {
        this.name = name;
    }

    /** The name under which the value is reported. */
    public String name() {
        return name;
    }

    /**
     * Adds {@code count} samples whose mean is {@code value}.
     *
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public void update(double value, int count) {
        if (count < 0) {
            throw new IllegalArgumentException(name + ": count must be >= 0. Received: count=" + count);
        }
        total += value * count;
        this.count += count;
    }

    /** Adds one sample. */
    public void update(double value) {
        update(value, 1);
    }

    /** {@code Σ vᵢnᵢ / Σ nᵢ}, or 0 when nothing was added. */
    public double result() {
        return count == 0 ? 0 : total / count;
    }

    /** The number of samples added since the last reset. */
    public long count() {
        return count;
    }

    /** Forgets every sample. */
    public void reset() {
        total = 0;
        count = 0;
    }
}
