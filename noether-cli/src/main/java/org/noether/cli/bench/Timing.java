package org.noether.cli.bench;

import java.util.Arrays;

/**
 * How every figure of the benchmark is taken, on both sides: a few untimed warm-up repeats (the
 * JIT compiles, caches and pools fill), then timed repeats, of which the median counts, since
 * these machines are shared and noisy and a median ignores the odd slow repeat.
 *
 * <pre>{@code double seconds = new Timing(2, 5).medianSeconds(() -> model.trainOnBatch(x, y));}</pre>
 *
 * @param warmup  untimed repeats first
 * @param repeats timed repeats
 */
public record Timing(int warmup, int repeats) {
    public Timing {
        if (warmup < 0 || repeats < 1) {
            throw new IllegalArgumentException("Timing needs warmup >= 0 and repeats >= 1. Received: warmup=" + warmup
                    + ", repeats=" + repeats);
        }
    }

    /** Median wall-clock seconds of one call of {@code body} over the timed repeats. */
    public double medianSeconds(Runnable body) {
        for (int i = 0; i < warmup; i++) {
            body.run();
        }
        double[] seconds = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            body.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        return median(seconds);
    }

    /** The middle value (the mean of the two middle ones for an even count). */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
