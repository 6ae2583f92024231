package org.noether.data;

import org.noether.tensor.Rng;

/**
 * Training, validation and test sets in one value: train on the first, watch the second during
 * training (early stopping), and touch the third only once at the end. The lectures' MNIST example
 * is 45000 / 5000 / 10000.
 *
 * <p>Sizes: with {@code n} samples, {@code ⌊trainFraction · n⌋} for training,
 * {@code ⌊validationFraction · n⌋} for validation, the remainder for testing.
 *
 * <pre>{@code
 * Splits s = Splits.holdOut(FashionMnist.load(), 0.1);     // 54000 / 6000 / 10000
 * Splits r = Splits.random(all, 0.8, 0.1, new Rng(42));     // shuffled 80% / 10% / 10%
 * }</pre>
 *
 * @param train the samples to learn from
 * @param validation the samples to monitor during training
 * @param test the samples for the final evaluation
 */
public record Splits(Dataset train, Dataset validation, Dataset test) {
    /** Checks that all three parts are present. */
    public Splits {
        if (train == null || validation == null || test == null) {
            throw new IllegalArgumentException("Splits needs all three parts. Received: train=" + train
                    + ", validation=" + validation + ", test=" + test);
        }
    }

    /**
     * The published test set kept as it is, and the last {@code validationFraction} of the
     * training set held out for validation, unshuffled, as Keras's {@code validation_split} does.
     */
    public static Splits holdOut(TrainTest data, double validationFraction) {
        Dataset.Pair parts = data.train().validationSplit(validationFraction);
        return new Splits(parts.first(), parts.second(), data.test());
    }

    /** Consecutive blocks in order: training first, then validation, then test. */
    public static Splits ordered(Dataset all, double trainFraction, double validationFraction) {
        return blocks(all, trainFraction, validationFraction);
    }

    /** The samples shuffled by {@code rng}, then cut into training, validation and test blocks. */
    public static Splits random(Dataset all, double trainFraction, double validationFraction, Rng rng) {
        return blocks(all.shuffle(rng), trainFraction, validationFraction);
    }

    private static Splits blocks(Dataset all, double trainFraction, double validationFraction) {
        Dataset.checkFraction(trainFraction, "trainFraction");
        Dataset.checkFraction(validationFraction, "validationFraction");
        if (trainFraction + validationFraction > 1 + 1e-9) {
            throw new IllegalArgumentException("trainFraction + validationFraction must be at most 1. Received: "
                    + trainFraction + " + " + validationFraction + " = " + (trainFraction + validationFraction));
        }
        int n = all.size();
        int trainEnd = Dataset.countOf(trainFraction, n, "trainFraction");
        int validationEnd = Math.min(n, trainEnd + Dataset.countOf(validationFraction, n, "validationFraction"));
        return new Splits(all.slice(0, trainEnd), all.slice(trainEnd, validationEnd), all.slice(validationEnd, n));
    }
}
