package org.noether.train;

import java.util.Map;

/**
 * Hooks into the training loop, called in Keras's order: train begin, then per epoch: epoch
 * begin, per batch begin/end, epoch end (with validation results), and train end. The logs map
 * holds the running values, e.g. {@code loss}, {@code accuracy}, {@code val_loss}.
 *
 * <p>A callback may stop training with {@link TrainingContext#stopTraining()}.
 *
 * <pre>{@code model.fit(x, y, new FitOptions().callbacks(new EarlyStopping("val_loss", 3)));}</pre>
 */
public interface Callback {
    /** Before the first epoch. */
    default void onTrainBegin(TrainingContext context) {
    }

    /** At the start of epoch {@code epoch} (0-based). */
    default void onEpochBegin(int epoch, TrainingContext context) {
    }

    /** After batch {@code batch} (0-based within the epoch), with the epoch's running averages. */
    default void onTrainBatchEnd(int batch, Map<String, Double> logs, TrainingContext context) {
    }

    /** After epoch {@code epoch}, with its training averages and validation results. */
    default void onEpochEnd(int epoch, Map<String, Double> logs, TrainingContext context) {
    }

    /** After the last epoch (or when training was stopped). */
    default void onTrainEnd(Map<String, Double> logs, TrainingContext context) {
    }
}
