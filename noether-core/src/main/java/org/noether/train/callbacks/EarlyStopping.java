package org.noether.train.callbacks;

import java.util.Map;
import org.noether.tensor.Tensor;
import org.noether.train.Callback;
import org.noether.train.TrainingContext;

/**
 * Stops training when a monitored quantity has stopped improving (the notes' "stop after reaching
 * the maximum in validation accuracy"), with Keras's semantics: after {@code patience} epochs
 * without an improvement larger than {@code minDelta}, training stops; with
 * {@code restoreBestWeights} the weights of the best epoch are put back at the end.
 *
 * <pre>{@code new EarlyStopping("val_loss", 3).minDelta(1e-4).restoreBestWeights(true)}</pre>
 */
public final class EarlyStopping implements Callback {
    private final String monitorKey;
    private final int patience;
    private double minDelta;
    private Monitor.Mode mode = Monitor.Mode.AUTO;
    private Double baseline;
    private boolean restoreBestWeights;
    private int startFromEpoch;

    private Monitor monitor;
    private double best;
    private int wait;
    private int bestEpoch;
    private int stoppedEpoch = -1;
    private Map<String, Tensor> bestWeights;

    /** Watches "val_loss" with patience 0, as Keras's default. */
    public EarlyStopping() {
        this("val_loss", 0);
    }

    /** Stops after {@code patience} epochs in which {@code monitor} did not improve. */
    public EarlyStopping(String monitor, int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0. Received: " + patience);
        }
        this.monitorKey = monitor;
        this.patience = patience;
    }

    /** The smallest change that counts as an improvement (default 0). */
    public EarlyStopping minDelta(double value) {
        this.minDelta = value;
        return this;
    }

    /** Whether lower ("min") or higher ("max") is better; "auto" infers it from the name. */
    public EarlyStopping mode(String value) {
        this.mode = Monitor.mode(value);
        return this;
    }

    /** A value the monitored quantity must beat for patience to reset. */
    public EarlyStopping baseline(double value) {
        this.baseline = value;
        return this;
    }

    /** Whether to restore the weights of the best epoch when training ends (default false). */
    public EarlyStopping restoreBestWeights(boolean value) {
        this.restoreBestWeights = value;
        return this;
    }

    /** Epochs of warm-up before monitoring starts (default 0). */
    public EarlyStopping startFromEpoch(int value) {
        this.startFromEpoch = value;
        return this;
    }

    /** The 0-based epoch at which training was stopped, or -1 if it ran to the end. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The 0-based epoch with the best monitored value. */
    public int bestEpoch() {
        return bestEpoch;
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        monitor = new Monitor(monitorKey, mode, minDelta);
        best = monitor.initialBest();
        wait = 0;
        bestEpoch = 0;
        stoppedEpoch = -1;
        bestWeights = null;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs, TrainingContext context) {
        Double current = monitor.read(logs, "EarlyStopping");
        if (current == null || epoch < startFromEpoch) {
            return;
        }
        if (restoreBestWeights && bestWeights == null) {
            bestWeights = context.model().weightSnapshot();
            bestEpoch = epoch;
        }
        wait++;
        if (monitor.isImprovement(current, best)) {
            best = current;
            bestEpoch = epoch;
            if (restoreBestWeights) {
                bestWeights = context.model().weightSnapshot();
            }
            if (baseline == null || monitor.isImprovement(current, baseline)) {
                wait = 0;
            }
            return;
        }
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            context.stopTraining("Epoch " + (epoch + 1) + ": early stopping ('" + monitorKey + "' did not improve on "
                    + best + " for " + wait + " epochs)");
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs, TrainingContext context) {
        if (restoreBestWeights && bestWeights != null) {
            context.model().loadWeights(bestWeights);
        }
    }
}
