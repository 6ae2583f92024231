package org.noether.train;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.noether.tensor.Tensor;

/**
 * The arguments of {@code fit}, with Keras's defaults: 1 epoch, batches of 32, shuffled every
 * epoch, no validation, progress shown automatically (a bar on a terminal, one line per epoch
 * otherwise).
 *
 * <pre>{@code new FitOptions().epochs(5).batchSize(64).validationSplit(0.1).callbacks(new EarlyStopping())}</pre>
 */
public final class FitOptions {
    private int epochs = 1;
    private int batchSize = 32;
    private double validationSplit;
    private List<Tensor> validationInputs;
    private List<Tensor> validationTargets;
    private boolean shuffle = true;
    private final List<Callback> callbacks = new ArrayList<>();
    private Verbosity verbosity = Verbosity.AUTO;
    private int initialEpoch;
    private PrintStream out = System.out;

    /** How much {@code fit} prints. */
    public enum Verbosity {
        /** A progress bar on a terminal, one line per epoch when output is a file, a pipe or CI. */
        AUTO,
        /** Nothing. */
        SILENT,
        /** A progress bar updated during each epoch (Keras verbose=1). */
        PROGRESS_BAR,
        /** One line per epoch (Keras verbose=2). */
        ONE_LINE_PER_EPOCH
    }

    /** Number of passes over the training data (default 1). */
    public FitOptions epochs(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("epochs must be >= 1. Received: " + value);
        }
        this.epochs = value;
        return this;
    }

    /** Samples per gradient step (default 32); the last batch of an epoch may be smaller. */
    public FitOptions batchSize(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1. Received: " + value);
        }
        this.batchSize = value;
        return this;
    }

    /**
     * Fraction in {@code [0, 1)} of the training data held out for validation: the last samples,
     * taken before shuffling, as Keras does.
     */
    public FitOptions validationSplit(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("validationSplit must be in [0, 1). Received: " + fraction);
        }
        this.validationSplit = fraction;
        return this;
    }

    /** Explicit validation data, evaluated after every epoch (takes precedence over the split). */
    public FitOptions validationData(Tensor x, Tensor y) {
        return validationData(x == null ? null : Collections.singletonList(x), Collections.singletonList(y));
    }

    /** Explicit validation data for a model of several inputs and outputs: one tensor per input and per output. */
    public FitOptions validationData(List<Tensor> inputs, List<Tensor> targets) {
        this.validationInputs = inputs == null ? null : new ArrayList<>(inputs);
        this.validationTargets = targets == null ? null : new ArrayList<>(targets);
        return this;
    }

    /** Whether to reshuffle the training samples every epoch (default true; the order comes from the seed). */
    public FitOptions shuffle(boolean value) {
        this.shuffle = value;
        return this;
    }

    /** Adds callbacks (early stopping, checkpoints, ...), called in the order given. */
    public FitOptions callbacks(Callback... values) {
        Collections.addAll(callbacks, values);
        return this;
    }

    /** How much to print. */
    public FitOptions verbosity(Verbosity value) {
        this.verbosity = value;
        return this;
    }

    /** Keras's verbose levels: 0 silent, 1 progress bar, 2 one line per epoch. */
    public FitOptions verbose(int level) {
        this.verbosity = switch (level) {
            case 0 -> Verbosity.SILENT;
            case 1 -> Verbosity.PROGRESS_BAR;
            case 2 -> Verbosity.ONE_LINE_PER_EPOCH;
            default -> throw new IllegalArgumentException("verbose must be 0, 1 or 2. Received: " + level);
        };
        return this;
    }

    /** The epoch to start counting from, when resuming a run (default 0). */
    public FitOptions initialEpoch(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("initialEpoch must be >= 0. Received: " + value);
        }
        this.initialEpoch = value;
        return this;
    }

    /** Where progress is printed (default standard output). */
    public FitOptions output(PrintStream stream) {
        this.out = stream;
        return this;
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

    public double validationSplit() {
        return validationSplit;
    }

    /** The validation inputs of a one-input model (the first input's), or null. */
    public Tensor validationX() {
        return validationInputs == null || validationInputs.isEmpty() ? null : validationInputs.getFirst();
    }

    /** The validation targets of a one-output model (the first output's), or null. */
    public Tensor validationY() {
        return validationTargets == null || validationTargets.isEmpty() ? null : validationTargets.getFirst();
    }

    /** The validation inputs, one tensor per model input, or null. */
    public List<Tensor> validationInputs() {
        return validationInputs == null ? null : Collections.unmodifiableList(validationInputs);
    }

    /** The validation targets, one tensor per model output, or null. */
    public List<Tensor> validationTargets() {
        return validationTargets == null ? null : Collections.unmodifiableList(validationTargets);
    }

    public boolean shuffle() {
        return shuffle;
    }

    public List<Callback> callbacks() {
        return Collections.unmodifiableList(callbacks);
    }

    public Verbosity verbosity() {
        return verbosity;
    }

    public int initialEpoch() {
        return initialEpoch;
    }

    public PrintStream output() {
        return out;
    }
}
