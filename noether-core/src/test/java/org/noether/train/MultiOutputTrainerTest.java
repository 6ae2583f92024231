package org.noether.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.noether.losses.Loss;
import org.noether.optimizers.SGD;
import org.noether.tensor.Expect;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * The loop with two inputs and two outputs, seen through a model and losses that record the
 * sample ids they are given: every batch holds the same samples in every input and target, the
 * validation split takes the last samples of all of them, and the logs name each output's loss.
 */
class MultiOutputTrainerTest {
    private static final int SAMPLES = 16;

    /** Two inputs ({@code [n, 2]}, {@code [n, 3]}) to two outputs, recording the ids in column 0 of each input. */
    private static final class TwoInputModel implements TrainableModel {
        final Tensor first = Tensor.uniform(Shape.of(2, 2), -0.5, 0.5, new Rng(1)).requiresGrad(true);
        final Tensor second = Tensor.uniform(Shape.of(3, 1), -0.5, 0.5, new Rng(2)).requiresGrad(true);
        final List<List<Integer>> firstIds = new ArrayList<>();
        final List<List<Integer>> secondIds = new ArrayList<>();
        final List<Boolean> training = new ArrayList<>();

        @Override
        public Tensor forward(Tensor x, boolean training) {
            throw new AssertionError("the loop uses the list form");
        }

        @Override
        public List<Tensor> forward(List<Tensor> inputs, boolean training) {
            firstIds.add(ids(inputs.get(0)));
            secondIds.add(ids(inputs.get(1)));
            this.training.add(training);
            return List.of(inputs.get(0).matmul(first), inputs.get(1).matmul(second));
        }

        @Override
        public List<String> outputNames() {
            return List.of("left", "right");
        }

        @Override
        public List<Tensor> trainableTensors() {
            return List.of(first, second);
        }

        @Override
        public Map<String, Tensor> weightSnapshot() {
            return Map.of("first", first.copy(), "second", second.copy());
        }

        @Override
        public void loadWeights(Map<String, Tensor> weights) {
        }

        @Override
        public void save(Path directory) {
        }
    }

    /** A mean squared error that records the ids in column 0 of the targets it is given. */
    private record RecordingLoss(List<List<Integer>> seen) implements Loss {
        @Override
        public Tensor compute(Tensor yTrue, Tensor yPred) {
            seen.add(ids(yTrue));
            return yPred.sub(yTrue).square().mean();
        }
    }

    private static List<Integer> ids(Tensor x) {
        List<Integer> ids = new ArrayList<>();
        for (int row = 0; row < x.dim(0); row++) {
            ids.add(Math.round(x.get(row, 0)));
        }
        return ids;
    }

    /** {@code [n, columns]} with column 0 the sample id and the rest small values. */
    private static Tensor withIds(int columns, long seed) {
        Tensor noise = Tensor.uniform(Shape.of(SAMPLES, columns), -0.1, 0.1, new Rng(seed));
        float[] values = noise.data().clone();
        for (int i = 0; i < SAMPLES; i++) {
            values[i * columns] = i;
        }
        return Tensor.of(values, SAMPLES, columns);
    }

    @Test
    void everyBatchHoldsTheSameSamplesInEveryTensor() {
        TwoInputModel model = new TwoInputModel();
        RecordingLoss left = new RecordingLoss(new ArrayList<>());
        RecordingLoss right = new RecordingLoss(new ArrayList<>());
        Trainer trainer = new Trainer(model, new SGD(0.001), List.of(new Objective("left", left, List.of()),
                new Objective("right", right, 2.0, List.of())), new Rng(7));
        History history = trainer.fit(List.of(withIds(2, 1), withIds(3, 2)), List.of(withIds(2, 3), withIds(1, 4)),
                new FitOptions().epochs(2).batchSize(5).validationSplit(0.25).verbose(0));

        assertEquals(List.of("loss", "left_loss", "right_loss", "val_loss", "val_left_loss", "val_right_loss"),
                history.keys());
        assertEquals(model.firstIds, model.secondIds);
        assertEquals(model.firstIds, left.seen());
        assertEquals(model.firstIds, right.seen());
        List<Integer> validation = IntStream.range(12, 16).boxed().toList();
        TreeSet<Integer> epoch = new TreeSet<>();
        List<Integer> firstEpoch = new ArrayList<>();
        for (int call = 0; call < model.training.size(); call++) {
            if (model.training.get(call)) {
                epoch.addAll(model.firstIds.get(call));
                firstEpoch.addAll(firstEpoch.size() < 12 ? model.firstIds.get(call) : List.of());
            } else {
                assertEquals(validation, model.firstIds.get(call), "validation takes the last quarter, in order");
                assertEquals(IntStream.range(0, 12).boxed().toList(), List.copyOf(epoch));
                epoch.clear();
            }
        }
        assertTrue(!firstEpoch.equals(IntStream.range(0, 12).boxed().toList()), "shuffled: " + firstEpoch);
        double total = history.last("left_loss") + 2 * history.last("right_loss");
        assertEquals(total, history.last("loss"), 1e-6 * total);
    }

    @Test
    void explicitValidationDataTakesOneTensorPerInputAndOutput() {
        TwoInputModel model = new TwoInputModel();
        Trainer trainer = new Trainer(model, new SGD(0.001), new RecordingLoss(new ArrayList<>()), List.of(),
                new Rng(7));
        List<Tensor> inputs = List.of(withIds(2, 1), withIds(3, 2));
        List<Tensor> targets = List.of(withIds(2, 3), withIds(1, 4));
        History history = trainer.fit(inputs, targets, new FitOptions().batchSize(8).shuffle(false).verbose(0)
                .validationData(List.of(inputs.get(0).slice(0, 3), inputs.get(1).slice(0, 3)),
                        List.of(targets.get(0).slice(0, 3), targets.get(1).slice(0, 3))));
        assertEquals(List.of(0, 1, 2), model.firstIds.getLast());
        assertEquals(List.of(0, 1, 2), model.secondIds.getLast());
        assertEquals(trainer.evaluate(List.of(inputs.get(0).slice(0, 3), inputs.get(1).slice(0, 3)),
                List.of(targets.get(0).slice(0, 3), targets.get(1).slice(0, 3)), 8).get("loss"),
                history.last("val_loss"));

        Expect.thrown(IllegalArgumentException.class, () -> trainer.fit(inputs, targets, new FitOptions().verbose(0)
                .validationData(List.of(inputs.get(0), inputs.get(1).slice(0, 3)), targets)),
                "fit validationData", "same number of samples", "[[16, 2], [3, 3]]");
        Expect.thrown(IllegalArgumentException.class, () -> new Trainer(model, new SGD(0.1),
                List.of(new Objective("left", new RecordingLoss(new ArrayList<>()), List.of())), new Rng(1)),
                "2 outputs [left, right]", "Received: 1");
    }
}
