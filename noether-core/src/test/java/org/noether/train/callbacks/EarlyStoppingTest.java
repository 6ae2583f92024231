package org.noether.train.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.noether.losses.MeanSquaredError;
import org.noether.optimizers.SGD;
import org.noether.tensor.Rng;
import org.noether.tensor.Tensor;
import org.noether.train.Callback;
import org.noether.train.FitOptions;
import org.noether.train.History;
import org.noether.train.LinearModel;
import org.noether.train.Trainer;
import org.noether.train.TrainingContext;

/**
 * EarlyStopping with Keras 3's rules, driven by feeding a sequence of logged values (each epoch's
 * weights set to the epoch number, so restored weights name their epoch) and by a real fit.
 */
class EarlyStoppingTest {

    /** What happened when a sequence of values was fed, one per epoch, until the callback stopped. */
    private record Outcome(int stoppedEpoch, int epochsRun, int bestEpoch, float restoredWeight, String reason) {
    }

    private static Outcome feed(EarlyStopping callback, String key, double... values) {
        LinearModel model = new LinearModel(1, 1, 0);
        TrainingContext context = new TrainingContext(model, values.length, 1);
        callback.onTrainBegin(context);
        int epoch = 0;
        for (; epoch < values.length && !context.isStopRequested(); epoch++) {
            callback.onEpochBegin(epoch, context);
            model.fill(epoch);
            callback.onEpochEnd(epoch, Map.of(key, values[epoch]), context);
        }
        callback.onTrainEnd(Map.of(), context);
        return new Outcome(callback.stoppedEpoch(), epoch, callback.bestEpoch(), model.kernel().data()[0],
                context.stopReason());
    }

    @Test
    void stopsAfterPatienceEpochsWithoutImprovement() {
        Outcome outcome = feed(new EarlyStopping("val_loss", 2), "val_loss", 1.0, 0.9, 0.95, 0.93, 0.8, 0.7);
        assertEquals(3, outcome.stoppedEpoch(), "epochs 2 and 3 did not beat 0.9");
        assertEquals(4, outcome.epochsRun());
        assertEquals(1, outcome.bestEpoch());
        String reason = outcome.reason();
        assertTrue(reason.contains("Epoch 4") && reason.contains("early stopping") && reason.contains("val_loss"),
                reason);
    }

    @Test
    void patienceZeroStopsAtTheFirstEpochWithoutImprovement() {
        assertEquals(2, feed(new EarlyStopping(), "val_loss", 3, 2, 2.5, 1).stoppedEpoch());
        assertEquals(1, feed(new EarlyStopping(), "val_loss", 3, 3).stoppedEpoch(), "equal is not better");
    }

    @Test
    void runningToTheEndLeavesNoStoppedEpoch() {
        Outcome outcome = feed(new EarlyStopping("val_loss", 1), "val_loss", 5, 4, 3, 2);
        assertEquals(-1, outcome.stoppedEpoch());
        assertEquals(4, outcome.epochsRun());
        assertEquals(3, outcome.bestEpoch());
    }

    @Test
    void minDeltaSetsTheSmallestImprovement() {
        double[] values = {1.0, 0.97, 0.96, 0.9};
        assertEquals(-1, feed(new EarlyStopping("loss", 1), "loss", values).stoppedEpoch());
        assertEquals(1, feed(new EarlyStopping("loss", 1).minDelta(0.05), "loss", values).stoppedEpoch(),
                "0.97 is within 0.05 of 1.0");
        assertEquals(1, feed(new EarlyStopping("loss", 1).minDelta(-0.05), "loss", values).stoppedEpoch(),
                "the sign of minDelta does not matter");
        assertEquals(-1, feed(new EarlyStopping("loss", 3).minDelta(0.05), "loss", values).stoppedEpoch(),
                "0.9 beats 1.0 by more than 0.05 in time");
    }

    @Test
    void modeIsInferredFromTheName() {
        double[] rising = {0.5, 0.6, 0.7, 0.8};
        assertEquals(-1, feed(new EarlyStopping("val_accuracy", 0), "val_accuracy", rising).stoppedEpoch());
        assertEquals(-1, feed(new EarlyStopping("acc", 0), "acc", rising).stoppedEpoch());
        assertEquals(1, feed(new EarlyStopping("val_loss", 0), "val_loss", rising).stoppedEpoch());
        assertEquals(1, feed(new EarlyStopping("mean_absolute_error", 0), "mean_absolute_error", rising).stoppedEpoch());
        assertEquals(1, feed(new EarlyStopping("val_mae", 0), "val_mae", rising).stoppedEpoch());
        assertEquals(-1, feed(new EarlyStopping("val_loss", 0).mode("max"), "val_loss", rising).stoppedEpoch());
        assertEquals(1, feed(new EarlyStopping("val_accuracy", 0).mode("min"), "val_accuracy", rising).stoppedEpoch());

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> feed(new EarlyStopping("val_f1", 0), "val_f1", rising));
        assertTrue(error.getMessage().contains("'val_f1'") && error.getMessage().contains("MIN or MAX"),
                error.getMessage());
        assertEquals(-1, feed(new EarlyStopping("val_f1", 0).mode("max"), "val_f1", rising).stoppedEpoch());
    }

    @Test
    void baselineMustBeBeatenForPatienceToReset() {
        double[] values = {0.9, 0.95, 0.96, 0.97};
        assertEquals(2, feed(new EarlyStopping("val_loss", 2), "val_loss", values).stoppedEpoch());
        assertEquals(1, feed(new EarlyStopping("val_loss", 2).baseline(0.5), "val_loss", values).stoppedEpoch(),
                "epoch 0 improved on the best but not on the baseline, so it used up one epoch of patience");
        assertEquals(2, feed(new EarlyStopping("val_loss", 2).baseline(0.92), "val_loss", values).stoppedEpoch(),
                "beating the baseline resets patience");
    }

    @Test
    void restoreBestWeightsPutsBackTheBestEpochsWeights() {
        Outcome outcome = feed(new EarlyStopping("val_loss", 2).restoreBestWeights(true), "val_loss",
                0.8, 0.5, 0.6, 0.7, 0.4);
        assertEquals(3, outcome.stoppedEpoch());
        assertEquals(1, outcome.bestEpoch());
        assertEquals(1f, outcome.restoredWeight(), "the weights of epoch 1");

        Outcome runToEnd = feed(new EarlyStopping("val_loss", 5).restoreBestWeights(true), "val_loss", 0.8, 0.5, 0.6);
        assertEquals(-1, runToEnd.stoppedEpoch());
        assertEquals(1f, runToEnd.restoredWeight(), "restored at the end of training also without stopping (Keras 3)");

        Outcome without = feed(new EarlyStopping("val_loss", 2), "val_loss", 0.8, 0.5, 0.6, 0.7, 0.4);
        assertEquals(3f, without.restoredWeight(), "by default the last weights stay");
    }

    @Test
    void startFromEpochIgnoresTheWarmUp() {
        double[] values = {0.1, 0.2, 0.5, 0.6, 0.7};
        assertEquals(1, feed(new EarlyStopping("loss", 1), "loss", values).stoppedEpoch());
        Outcome warm = feed(new EarlyStopping("loss", 1).startFromEpoch(2).restoreBestWeights(true), "loss", values);
        assertEquals(3, warm.stoppedEpoch());
        assertEquals(2, warm.bestEpoch());
        assertEquals(2f, warm.restoredWeight());
    }

    @Test
    void aMissingKeyNeverStopsTraining() {
        Outcome outcome = feed(new EarlyStopping("val_loss", 0), "loss", 1, 2, 3, 4);
        assertEquals(-1, outcome.stoppedEpoch());
        assertEquals(4, outcome.epochsRun());
    }

    @Test
    void theCallbackCanBeReused() {
        EarlyStopping callback = new EarlyStopping("loss", 0);
        assertEquals(1, feed(callback, "loss", 1, 2).stoppedEpoch());
        assertEquals(-1, feed(callback, "loss", 5, 4, 3).stoppedEpoch(), "the best of the first run is forgotten");
    }

    @Test
    void anUnknownModeIsRejectedNamingIt() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new EarlyStopping().mode("lowest"));
        assertTrue(error.getMessage().contains("'lowest'") && error.getMessage().contains("auto, min or max"),
                error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ModelCheckpoint(java.nio.file.Path.of("m")).mode("up"));
        assertEquals(-1, feed(new EarlyStopping("score", 0).mode("MAX"), "score", 1, 2).stoppedEpoch(),
                "letter case does not matter");
    }

    @Test
    void negativePatienceIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new EarlyStopping("loss", -1));
        assertTrue(error.getMessage().contains("-1"), error.getMessage());
    }

    /** Weight snapshots at every epoch end, recorded before EarlyStopping runs. */
    private static final class Snapshots implements Callback {
        final List<Map<String, Tensor>> atEpochEnd = new ArrayList<>();

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs, TrainingContext context) {
            atEpochEnd.add(context.model().weightSnapshot());
        }
    }

    @Test
    void inARealFitTheBestEpochsWeightsAreRestoredExactly() {
        // Validation targets are the negated training targets: the better the fit, the worse val_loss.
        Tensor x = Tensor.normal(org.noether.tensor.Shape.of(32, 2), 0, 1, new Rng(1));
        Tensor y = x.matmul(Tensor.of(new float[] {1.5f, -2}, 2, 1)).add(0.5);
        LinearModel model = new LinearModel(2, 1, 2);
        Snapshots snapshots = new Snapshots();
        EarlyStopping stopping = new EarlyStopping("val_loss", 2).restoreBestWeights(true);
        History history = new Trainer(model, new SGD(0.05), new MeanSquaredError(), List.of(), new Rng(3))
                .fit(x, y, new FitOptions().epochs(20).batchSize(8).verbose(0).validationData(x, y.neg())
                        .callbacks(snapshots, stopping));

        List<Double> validation = history.get("val_loss");
        int best = 0;
        for (int epoch = 1; epoch < validation.size(); epoch++) {
            if (validation.get(epoch) < validation.get(best)) {
                best = epoch;
            }
        }
        assertEquals(best, stopping.bestEpoch());
        assertEquals(best + 2, stopping.stoppedEpoch());
        assertEquals(best + 3, history.epochs().size());
        assertTrue(history.stopReason().contains("early stopping"), history.stopReason());
        Map<String, Tensor> bestWeights = snapshots.atEpochEnd.get(best);
        assertArrayEquals(bestWeights.get("kernel").data(), model.kernel().data());
        assertArrayEquals(bestWeights.get("bias").data(), model.bias().data());
        assertFalse(java.util.Arrays.equals(snapshots.atEpochEnd.getLast().get("kernel").data(),
                model.kernel().data()), "the last epoch's weights were replaced");
    }
}
