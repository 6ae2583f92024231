package org.noether.tensor;

/**
 * A seeded random number generator (SplitMix64): the one source of every random choice in
 * Noether (initialization, shuffling, dropout, augmentation), so a seed reproduces a run.
 *
 * <p>{@link #split()} derives an independent child stream, so that adding a random consumer in one
 * place does not shift the numbers another place sees.
 *
 * <pre>{@code Rng rng = new Rng(42); float u = rng.uniform(-1, 1); Rng forShuffle = rng.split();}</pre>
 */
public final class Rng {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long state;
    private double spareNormal = Double.NaN;

    /** A generator whose whole sequence is fixed by {@code seed}. */
    public Rng(long seed) {
        this.state = mix(seed ^ 0x5deece66dL);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** 64 uniformly random bits. */
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** An independent generator seeded from this one. */
    public Rng split() {
        return new Rng(nextLong());
    }

    /** Uniform in {@code [0, 1)} with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform integer in {@code [0, bound)}, without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long limit = (1L << 32) - ((1L << 32) % bound);
        while (true) {
            long bits = nextLong() >>> 32;
            if (bits < limit) {
                return (int) (bits % bound);
            }
        }
    }

    /** Uniform in {@code [low, high)}. */
    public float uniform(double low, double high) {
        return (float) (low + (high - low) * nextDouble());
    }

    /** Standard normal (Marsaglia's polar method; the second value of each pair is kept). */
    public double nextGaussian() {
        if (!Double.isNaN(spareNormal)) {
            double value = spareNormal;
            spareNormal = Double.NaN;
            return value;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double factor = Math.sqrt(-2 * Math.log(s) / s);
        spareNormal = v * factor;
        return u * factor;
    }

    /** Normal with the given mean and standard deviation. */
    public float normal(double mean, double stddev) {
        return (float) (mean + stddev * nextGaussian());
    }

    /** Normal redrawn until it lies within two standard deviations of the mean (as Keras does). */
    public float truncatedNormal(double mean, double stddev) {
        double z;
        do {
            z = nextGaussian();
        } while (Math.abs(z) > 2);
        return (float) (mean + stddev * z);
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher–Yates). */
    public int[] permutation(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
