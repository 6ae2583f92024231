package org.noether.train;

/**
 * The state of one {@code fit} call as callbacks see it: the model, the planned epochs and
 * batches, and the stop switch.
 *
 * <pre>{@code if (logs.get("loss") < 0.01) context.stopTraining();}</pre>
 */
public final class TrainingContext {
    private final TrainableModel model;
    private final int epochs;
    private final int stepsPerEpoch;
    private boolean stopRequested;
    private String stopReason;

    /** The context of a run of {@code epochs} epochs of {@code stepsPerEpoch} batches each. */
    public TrainingContext(TrainableModel model, int epochs, int stepsPerEpoch) {
        this.model = model;
        this.epochs = epochs;
        this.stepsPerEpoch = stepsPerEpoch;
    }

    /** The model being trained. */
    public TrainableModel model() {
        return model;
    }

    /** Number of epochs requested. */
    public int epochs() {
        return epochs;
    }

    /** Batches per epoch. */
    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** Ends training after the current epoch. */
    public void stopTraining() {
        stopTraining(null);
    }

    /** Ends training after the current batch or epoch, recording why. */
    public void stopTraining(String reason) {
        this.stopRequested = true;
        if (reason != null) {
            this.stopReason = reason;
        }
    }

    /** Whether a stop was requested. */
    public boolean isStopRequested() {
        return stopRequested;
    }

    /** Why training stopped early, or null. */
    public String stopReason() {
        return stopReason;
    }
}
