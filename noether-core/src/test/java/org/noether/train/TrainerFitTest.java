package org.noether.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.noether.losses.Loss;
import org.noether.losses.MeanSquaredError;
import org.noether.losses.SparseCategoricalCrossentropy;
import org.noether.optimizers.SGD;
import org.noether.tensor.Rng;
import org.noether.tensor.Tensor;
import org.noether.train.metrics.Accuracy;
import org.noether.train.metrics.Metric;

/**
 * The fit loop's Keras semantics, observed through a linear model that records every batch it is
 * called on: which samples train and which validate, in what order, how losses are averaged,
 * what the history holds, and how a NaN loss ends training.
 */
class TrainerFitTest {

    /** Inputs {@code [n, 2]} with {@code x[i, 0] = i} (so recorded batches name their samples). */
    static Tensor indexedInputs(int n) {
        float[] values = new float[2 * n];
        for (int i = 0; i < n; i++) {
            values[2 * i] = i;
            values[2 * i + 1] = (float) Math.sin(i);
        }
        return Tensor.of(values, n, 2);
    }

    static Tensor regressionTargets(int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (0.3 * i - 1 + Math.cos(3 * i));
        }
        return Tensor.of(values, n, 1);
    }

    static Tensor classLabels(int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (i * 7) % 3;
        }
        return Tensor.vector(values);
    }

    static Trainer regression(LinearModel model, double learningRate, long seed) {
        return new Trainer(model, new SGD(learningRate), new MeanSquaredError(), List.of(), new Rng(seed));
    }

    private static Trainer classifier(LinearModel model, long seed) {
        return new Trainer(model, new SGD(0.01), new SparseCategoricalCrossentropy(true), List.<Metric>of(new Accuracy()),
                new Rng(seed));
    }

    private static FitOptions quiet() {
        return new FitOptions().verbose(0);
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    /** Snapshots of the weights before every batch (and at the end), per epoch. */
    private static final class WeightRecorder implements Callback {
        final List<List<Map<String, Tensor>>> beforeBatch = new ArrayList<>();
        final List<Map<String, Tensor>> atEpochEnd = new ArrayList<>();
        final List<Map<String, Double>> batchLogs = new ArrayList<>();
        final List<Integer> epochsBegun = new ArrayList<>();
        int stepsPerEpoch;

        @Override
        public void onEpochBegin(int epoch, TrainingContext context) {
            epochsBegun.add(epoch);
            stepsPerEpoch = context.stepsPerEpoch();
            beforeBatch.add(new ArrayList<>(List.of(context.model().weightSnapshot())));
        }

        @Override
        public void onTrainBatchEnd(int batch, Map<String, Double> logs, TrainingContext context) {
            batchLogs.add(Map.copyOf(logs));
            beforeBatch.getLast().add(context.model().weightSnapshot());
        }

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs, TrainingContext context) {
            atEpochEnd.add(context.model().weightSnapshot());
        }
    }

    @Test
    void validationSplitHoldsOutTheLastSamplesBeforeShuffling() {
        LinearModel model = new LinearModel(2, 1, 1);
        WeightRecorder recorder = new WeightRecorder();
        History history = regression(model, 0.001, 2).fit(indexedInputs(10), regressionTargets(10),
                quiet().epochs(2).batchSize(3).validationSplit(0.2).callbacks(recorder));

        List<List<Integer>> training = model.sampleIds(true);
        assertEquals(6, training.size(), "ceil(8 / 3) = 3 batches per epoch");
        for (int epoch = 0; epoch < 2; epoch++) {
            List<Integer> seen = new ArrayList<>();
            for (List<Integer> batch : training.subList(3 * epoch, 3 * epoch + 3)) {
                seen.addAll(batch);
            }
            assertEquals(List.of(3, 3, 2), training.subList(3 * epoch, 3 * epoch + 3).stream().map(List::size).toList());
            assertEquals(new HashSet<>(range(0, 8)), new HashSet<>(seen), "epoch " + epoch + " trains on 0..7");
            assertEquals(8, seen.size(), "each training sample once per epoch");
        }
        assertEquals(List.of(List.of(8, 9), List.of(8, 9)), model.sampleIds(false), "validation: the last 20%");
        assertEquals(3, recorder.stepsPerEpoch);
        assertEquals(List.of("loss", "val_loss"), history.keys());
    }

    @Test
    void shuffleReordersEveryEpochReproduciblyFromTheRng() {
        List<List<List<Integer>>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            LinearModel model = new LinearModel(2, 1, 1);
            regression(model, 0.001, 5).fit(indexedInputs(20), regressionTargets(20), quiet().epochs(3).batchSize(20));
            runs.add(model.sampleIds(true));
        }
        assertEquals(runs.get(0), runs.get(1), "the same generator seed gives the same orders");
        List<List<Integer>> orders = runs.get(0);
        for (List<Integer> order : orders) {
            assertEquals(new HashSet<>(range(0, 20)), new HashSet<>(order));
        }
        assertNotEquals(orders.get(0), orders.get(1), "a new order every epoch");
        assertNotEquals(range(0, 20), orders.get(0), "shuffled");
    }

    @Test
    void withoutShuffleBatchesComeInOrder() {
        LinearModel model = new LinearModel(2, 1, 1);
        regression(model, 0.001, 2).fit(indexedInputs(10), regressionTargets(10),
                quiet().epochs(2).batchSize(4).shuffle(false));
        List<List<Integer>> epoch = List.of(range(0, 4), range(4, 8), range(8, 10));
        List<List<Integer>> expected = new ArrayList<>(epoch);
        expected.addAll(epoch);
        assertEquals(expected, model.sampleIds(true));
        assertEquals(List.of(), model.sampleIds(false), "no validation asked for");
    }

    @Test
    void validationDataTakesPrecedenceOverTheSplit() {
        LinearModel model = new LinearModel(2, 1, 1);
        Tensor validationX = indexedInputs(13).slice(10, 13);
        Tensor validationY = regressionTargets(13).slice(10, 13);
        regression(model, 0.001, 2).fit(indexedInputs(10), regressionTargets(10), quiet().batchSize(2)
                .validationSplit(0.5).validationData(validationX, validationY).shuffle(false));
        List<Integer> trained = new ArrayList<>();
        model.sampleIds(true).forEach(trained::addAll);
        assertEquals(range(0, 10), trained, "all training data is used");
        assertEquals(List.of(List.of(10, 11), List.of(12)), model.sampleIds(false), "validation in batches of 2");
    }

    @Test
    void historyKeysAndValidationValuesEqualEvaluate() {
        LinearModel model = new LinearModel(2, 3, 4);
        Trainer trainer = classifier(model, 6);
        WeightRecorder recorder = new WeightRecorder();
        Tensor x = indexedInputs(30);
        Tensor y = classLabels(30);
        Tensor validationX = x.slice(0, 12);
        Tensor validationY = y.slice(0, 12).add(1).sub(y.slice(0, 12).gt(1.5f).mul(3)); // (label + 1) mod 3
        History history = trainer.fit(x, y, quiet().epochs(3).batchSize(5).validationData(validationX, validationY)
                .callbacks(recorder));
        assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy"), history.keys());
        assertEquals(List.of(0, 1, 2), history.epochs());
        for (int epoch = 0; epoch < 3; epoch++) {
            model.loadWeights(recorder.atEpochEnd.get(epoch));
            Map<String, Double> evaluated = trainer.evaluate(validationX, validationY, 5);
            assertEquals(evaluated.get("loss"), history.get("val_loss").get(epoch), "val_loss of epoch " + epoch);
            assertEquals(evaluated.get("accuracy"), history.get("val_accuracy").get(epoch), "val_accuracy " + epoch);
        }
        for (double accuracy : history.get("accuracy")) {
            assertEquals(0, accuracy * 30 - Math.round(accuracy * 30), 1e-9, "a fraction of the 30 samples");
        }
    }

    /** Mean squared error of one sample under the given weights, in double. */
    private static double squaredError(Map<String, Tensor> weights, Tensor x, Tensor y, int sample) {
        float[] kernel = weights.get("kernel").data();
        double prediction = weights.get("bias").data()[0] + (double) x.get(sample, 0) * kernel[0]
                + (double) x.get(sample, 1) * kernel[1];
        double error = prediction - y.get(sample, 0);
        return error * error;
    }

    @Test
    void trainingLossIsTheBatchSizeWeightedMeanOverTheEpoch() {
        int n = 10;
        int batchSize = 4;
        Tensor x = indexedInputs(n);
        Tensor y = regressionTargets(n);
        LinearModel model = new LinearModel(2, 1, 3);
        WeightRecorder recorder = new WeightRecorder();
        History history = regression(model, 0.002, 2).fit(x, y,
                quiet().epochs(3).batchSize(batchSize).shuffle(false).callbacks(recorder));

        for (int epoch = 0; epoch < 3; epoch++) {
            double weighted = 0;
            double unweighted = 0;
            for (int batch = 0; batch < 3; batch++) {
                Map<String, Tensor> before = recorder.beforeBatch.get(epoch).get(batch);
                int from = batch * batchSize;
                int to = Math.min(n, from + batchSize);
                double batchLoss = 0;
                for (int sample = from; sample < to; sample++) {
                    batchLoss += squaredError(before, x, y, sample);
                }
                batchLoss /= to - from;
                weighted += batchLoss * (to - from) / n;
                unweighted += batchLoss / 3;
                double running = recorder.batchLogs.get(3 * epoch + batch).get("loss");
                if (batch == 2) {
                    assertEquals(running, history.get("loss").get(epoch), "the last running mean is the epoch's");
                }
            }
            double reported = history.get("loss").get(epoch);
            assertEquals(weighted, reported, 1e-6 * weighted, "epoch " + epoch);
            assertTrue(Math.abs(unweighted - reported) > 1e-3 * weighted,
                    "the plain mean of batch means (" + unweighted + ") differs, so the test can tell");
        }
    }

    @Test
    void withoutLearningTheTrainingLossEqualsEvaluate() {
        LinearModel model = new LinearModel(2, 3, 4);
        Trainer trainer = new Trainer(model, new SGD(0), new SparseCategoricalCrossentropy(true),
                List.<Metric>of(new Accuracy()), new Rng(1));
        Tensor x = indexedInputs(23);
        Tensor y = classLabels(23);
        History history = trainer.fit(x, y, quiet().batchSize(5));
        Map<String, Double> evaluated = trainer.evaluate(x, y, 7);
        assertEquals(evaluated.get("loss"), history.last("loss"), 1e-6 * evaluated.get("loss"));
        assertEquals(evaluated.get("accuracy"), history.last("accuracy"), 1e-12);
    }

    @Test
    void aBatchLargerThanTheDataIsOneStep() {
        LinearModel model = new LinearModel(2, 1, 1);
        WeightRecorder recorder = new WeightRecorder();
        History history = regression(model, 0.001, 2).fit(indexedInputs(10), regressionTargets(10),
                quiet().epochs(2).batchSize(100).callbacks(recorder));
        assertEquals(1, recorder.stepsPerEpoch);
        assertEquals(2, model.sampleIds(true).size());
        assertEquals(10, model.sampleIds(true).get(0).size());
        assertEquals(2, history.get("loss").size());
    }

    @Test
    void initialEpochResumesTheCount() {
        LinearModel model = new LinearModel(2, 1, 1);
        WeightRecorder recorder = new WeightRecorder();
        History history = regression(model, 0.001, 2).fit(indexedInputs(10), regressionTargets(10),
                quiet().epochs(5).initialEpoch(3).callbacks(recorder));
        assertEquals(List.of(3, 4), history.epochs());
        assertEquals(List.of(3, 4), recorder.epochsBegun);
        assertEquals(2, history.get("loss").size());
        assertTrue(history.toCsv().startsWith("epoch,loss\n4,"), history.toCsv());
    }

    @Test
    void aNanLossStopsBeforeTheBadStep() {
        Tensor x = indexedInputs(10);
        x.data()[2 * 5] = Float.NaN; // sample 5, in the third batch of 2
        LinearModel model = new LinearModel(2, 1, 1);
        WeightRecorder recorder = new WeightRecorder();
        History history = regression(model, 0.001, 2).fit(x, regressionTargets(10),
                quiet().epochs(3).batchSize(2).shuffle(false).callbacks(recorder));

        String reason = history.stopReason();
        assertTrue(reason != null && reason.contains("Epoch 1, batch 3") && reason.contains("NaN"), reason);
        assertEquals(List.of(0), history.epochs(), "no further epochs");
        assertEquals(2, recorder.batchLogs.size(), "batch-end callbacks for the two good batches only");
        Map<String, Tensor> afterTwoBatches = recorder.beforeBatch.get(0).get(2);
        assertArrayEquals(afterTwoBatches.get("kernel").data(), model.kernel().data(), "the bad step was not applied");
        assertArrayEquals(afterTwoBatches.get("bias").data(), model.bias().data());
        for (float value : model.kernel().data()) {
            assertTrue(Float.isFinite(value));
        }
        assertEquals(recorder.batchLogs.get(1).get("loss"), history.last("loss"), "the mean of the good batches");
    }

    @Test
    void anInfiniteLossStopsToo() {
        Tensor y = regressionTargets(6);
        y.data()[0] = 1e30f; // (prediction − 1e30)² overflows float32
        LinearModel model = new LinearModel(2, 1, 1);
        Map<String, Tensor> initial = model.weightSnapshot();
        History history = regression(model, 0.001, 2).fit(indexedInputs(6), y, quiet().epochs(2).shuffle(false));
        assertTrue(history.stopReason().contains("Infinity"), history.stopReason());
        assertArrayEquals(initial.get("kernel").data(), model.kernel().data());
        assertTrue(Double.isNaN(history.last("loss")),
                "no batch completed: the epoch's loss is unknown, not " + history.last("loss"));
    }

    @Test
    void mismatchedOrTooFewSamplesAreRejected() {
        Trainer trainer = regression(new LinearModel(2, 1, 1), 0.1, 1);
        IllegalArgumentException samples = assertThrows(IllegalArgumentException.class,
                () -> trainer.fit(indexedInputs(5), regressionTargets(4), quiet()));
        assertTrue(samples.getMessage().contains("[5, 2]") && samples.getMessage().contains("[4, 1]"),
                samples.getMessage());
        IllegalArgumentException split = assertThrows(IllegalArgumentException.class,
                () -> trainer.fit(indexedInputs(10), regressionTargets(10), quiet().validationSplit(0.95)));
        assertTrue(split.getMessage().contains("0.95"), split.getMessage());
        assertThrows(IllegalArgumentException.class, () -> trainer.evaluate(indexedInputs(3), regressionTargets(2), 2));
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> trainer.evaluate(indexedInputs(3), regressionTargets(3), 0));
        assertTrue(batch.getMessage().contains("batchSize") && batch.getMessage().contains("Received: 0"),
                batch.getMessage());
        assertThrows(IllegalArgumentException.class, () -> trainer.trainOnBatch(indexedInputs(3), regressionTargets(2)));
    }

    @Test
    void fitOptionsRejectBadValuesNamingThem() {
        record Bad(Runnable change, String received) {
        }
        for (Bad bad : List.of(new Bad(() -> new FitOptions().epochs(0), "0"),
                new Bad(() -> new FitOptions().batchSize(-1), "-1"),
                new Bad(() -> new FitOptions().validationSplit(1), "1.0"),
                new Bad(() -> new FitOptions().verbose(3), "3"),
                new Bad(() -> new FitOptions().initialEpoch(-2), "-2"))) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, bad.change()::run);
            assertTrue(error.getMessage().contains("Received: " + bad.received()), error.getMessage());
        }
        FitOptions defaults = new FitOptions();
        assertEquals(1, defaults.epochs());
        assertEquals(32, defaults.batchSize());
        assertTrue(defaults.shuffle());
        assertEquals(0, defaults.validationSplit());
        assertNull(defaults.validationX());
    }

    @Test
    void aCustomLossTrainsLikeABuiltInOne() {
        Loss custom = (yTrue, yPred) -> yPred.sub(yTrue).square().mean();
        LinearModel first = new LinearModel(2, 1, 3);
        LinearModel second = new LinearModel(2, 1, 3);
        History builtIn = regression(first, 0.002, 4).fit(indexedInputs(12), regressionTargets(12), quiet().epochs(2));
        History lambda = new Trainer(second, new SGD(0.002), custom, List.of(), new Rng(4))
                .fit(indexedInputs(12), regressionTargets(12), quiet().epochs(2));
        assertEquals(builtIn.get("loss"), lambda.get("loss"));
        assertArrayEquals(first.kernel().data(), second.kernel().data());
        assertEquals(List.of("loss"), lambda.keys());
    }
}
