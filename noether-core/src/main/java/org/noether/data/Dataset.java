package org.noether.data;

import java.util.Arrays;
import org.noether.tensor.Rng;
import org.noether.tensor.Tensor;

/**
 * Inputs {@code x} and targets {@code y} of a supervised problem, sample {@code i} being
 * {@code x[i]} with {@code y[i]}: the pair that Keras's {@code fit(x, y)} takes.
 *
 * <p>Shape: {@code x} is {@code [n, ...]} (NHWC images {@code [n, 28, 28, 1]}, feature rows
 * {@code [n, features]}), {@code y} is {@code [n, ...]} (class indices {@code [n]}, one-hot rows
 * {@code [n, classes]}); the first dimensions must be equal. Every operation returns a new dataset
 * and keeps each {@code x[i]} with its {@code y[i]}.
 *
 * <pre>{@code
 * Dataset.Pair parts = data.split(0.9);   // first 90% to train on, the last 10% to validate
 * Dataset shuffled = data.shuffle(new Rng(42));
 * }</pre>
 *
 * @param x the inputs, samples along the first axis
 * @param y the targets, samples along the first axis
 */
public record Dataset(Tensor x, Tensor y) {
    /**
     * Absorbs the rounding of {@code fraction · size} (0.29 · 100 is 28.999999999999996 in binary
     * floating point) so that a fraction meant exactly gives the count meant.
     */
    private static final double ROUNDING_TOLERANCE = 1e-6;

    /** Two parts of a dataset, in the order the splitting method names them. */
    public record Pair(Dataset first, Dataset second) {
    }

    /** Checks that {@code x} and {@code y} hold the same number of samples. */
    public Dataset {
        if (x == null || y == null) {
            throw new IllegalArgumentException("Dataset needs both x and y. Received: x=" + x + ", y=" + y);
        }
        if (x.rank() == 0 || y.rank() == 0 || x.dim(0) != y.dim(0)) {
            throw new IllegalArgumentException("Dataset: x and y must have the same number of samples (first "
                    + "dimension). Received: x of shape " + x.shape() + " and y of shape " + y.shape());
        }
    }

    /** Number of samples. */
    public int size() {
        return x.dim(0);
    }

    /** The samples at the given indices, in that order (indices may repeat). */
    public Dataset take(int[] indices) {
        return new Dataset(x.take(indices), y.take(indices));
    }

    /** Samples {@code [from, to)}. */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IllegalArgumentException("Dataset.slice: expected 0 <= from <= to <= " + size()
                    + ". Received: from=" + from + ", to=" + to);
        }
        return new Dataset(x.slice(from, to), y.slice(from, to));
    }

    /** The samples in a random order drawn from {@code rng}. */
    public Dataset shuffle(Rng rng) {
        return take(rng.permutation(size()));
    }

    /**
     * The first {@code ⌊firstFraction · n⌋} samples and the rest, in order, without shuffling: the
     * second part is the last samples, as Keras's {@code validation_split} takes them.
     */
    public Pair split(double firstFraction) {
        return splitAt(countOf(firstFraction, size(), "firstFraction"));
    }

    /** Samples {@code [0, firstSize)} and {@code [firstSize, n)}. */
    public Pair splitAt(int firstSize) {
        return new Pair(slice(0, firstSize), slice(firstSize, size()));
    }

    /**
     * Keras's {@code validation_split} exactly: training samples {@code [0, ⌊n · (1 − v)⌋)} and
     * validation samples after them (the last fraction, not shuffled). As in Keras, a split that
     * leaves either part empty is an error.
     */
    public Pair validationSplit(double validationFraction) {
        checkFraction(validationFraction, "validationFraction");
        int splitAt = (int) Math.floor(size() * (1.0 - validationFraction));
        if (splitAt == 0 || splitAt == size()) {
            throw new IllegalArgumentException("Training data contains " + size() + " samples, which is not "
                    + "sufficient to split it into a validation and training set as specified by "
                    + "validationSplit. Received: validationFraction=" + validationFraction);
        }
        return splitAt(splitAt);
    }

    /**
     * A random {@code ⌊firstFraction · n⌋} samples and the others, each part in random order; the
     * parts are disjoint and together hold every sample once.
     */
    public Pair randomSplit(double firstFraction, Rng rng) {
        int first = countOf(firstFraction, size(), "firstFraction");
        int[] order = rng.permutation(size());
        return new Pair(take(Arrays.copyOfRange(order, 0, first)), take(Arrays.copyOfRange(order, first, size())));
    }

    /** {@code ⌊fraction · size⌋}, with the fraction checked to lie in {@code [0, 1]}. */
    static int countOf(double fraction, int size, String name) {
        checkFraction(fraction, name);
        return (int) Math.min(size, Math.floor(fraction * size + ROUNDING_TOLERANCE));
    }

    static void checkFraction(double fraction, String name) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1]. Received: " + fraction);
        }
    }

    /** Like {@code Dataset[x=[60000, 28, 28, 1], y=[60000]]}. */
    @Override
    public String toString() {
        return "Dataset[x=" + x.shape() + ", y=" + y.shape() + "]";
    }
}
