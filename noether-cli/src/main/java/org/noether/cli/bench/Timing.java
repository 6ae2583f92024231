package org.noether.cli.bench;

import java.util.Arrays;

/**
 * How every figure of the benchmark is taken, on both sides: untimed warm-up repeats (the JIT
 * compiles, caches and pools fill), at least {@code warmup} of them and, unless that is zero, for
 * at least {@link #WARMUP_SECONDS}, then timed repeats, of which the median counts, since these
 * machines are shared and noisy and a median ignores the odd slow repeat. The time floor matters
 * for short workloads: two repeats of 40 MLP steps last a tenth of a second, while the JIT is
 * still compiling, so the figure was the compiler's and not a training run's.
 *
 * <pre>{@code double seconds = new Timing(2, 5).medianSeconds(() -> model.trainOnBatch(x, y));}</pre>
 *
 * @param warmup  untimed repeats first
 * @param repeats timed repeats
 */
public record Timing(int warmup, int repeats) {
    /**
     * Least warm-up time when warm-up repeats are asked for (passed to the PyTorch script). The JIT
     * compiles on the same two cores the training threads use: MLP training on two threads in a
     * fresh JVM reached its steady step time only after about 6 s (on one thread after 2), and with
     * 2 s of warm-up per round the first two rounds of a bench run measured half the speed of the
     * third (115,000 and 105,000 against 219,000 images/s).
     */
    public static final double WARMUP_SECONDS = 5.0;

    public Timing {
        if (warmup < 0 || repeats < 1) {
            throw new IllegalArgumentException("Timing needs warmup >= 0 and repeats >= 1. Received: warmup=" + warmup
                    + ", repeats=" + repeats);
        }
    }

    /** Median wall-clock seconds of one call of {@code body} over the timed repeats. */
    public double medianSeconds(Runnable body) {
        warmUp(body);
        double[] seconds = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            body.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        return median(seconds);
    }

    /** Runs {@code body} untimed, {@code warmup} times and for at least {@link #WARMUP_SECONDS} unless warmup is 0. */
    public void warmUp(Runnable body) {
        long start = System.nanoTime();
        for (int i = 0; i < warmup || warmup > 0 && System.nanoTime() - start < WARMUP_SECONDS * 1e9; i++) {
            body.run();
        }
    }

    /** The middle value (the mean of the two middle ones for an even count). */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
