package org.noether.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noether.data.Dataset;
import org.noether.losses.MeanSquaredError;
import org.noether.nn.layers.Dense;
import org.noether.nn.layers.Dropout;
import org.noether.nn.layers.Input;
import org.noether.optimizers.SGD;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.noether.train.Callback;
import org.noether.train.FitOptions;
import org.noether.train.History;
import org.noether.train.TrainingContext;
import org.noether.train.callbacks.EarlyStopping;
import org.noether.train.callbacks.ModelCheckpoint;

/** fit, evaluate and the callbacks on a real Sequential model compiled by Keras names. */
class ModelTrainingTest {
    @TempDir
    Path directory;

    /** Three Gaussian blobs in the plane, labels 0..2. */
    private static Dataset blobs(int count, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[2 * count];
        float[] y = new float[count];
        for (int i = 0; i < count; i++) {
            int label = rng.nextInt(3);
            y[i] = label;
            x[2 * i] = (float) (Math.cos(2 * Math.PI * label / 3) + 0.5 * rng.nextGaussian());
            x[2 * i + 1] = (float) (Math.sin(2 * Math.PI * label / 3) + 0.5 * rng.nextGaussian());
        }
        return new Dataset(Tensor.of(x, count, 2), Tensor.vector(y));
    }

    private static Sequential classifier(long seed) {
        Sequential model = new Sequential(new Input(2), new Dense(16, "relu"), new Dropout(0.1),
                new Dense(3, "softmax")).seed(seed);
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        return model;
    }

    private static final class EpochEndWeights implements Callback {
        final List<Map<String, Tensor>> weights = new ArrayList<>();

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs, TrainingContext context) {
            weights.add(context.model().weightSnapshot());
        }
    }

    @Test
    void validationSplitValuesEqualEvaluateOnTheLastSamples() {
        Dataset data = blobs(200, 1);
        Sequential model = classifier(2);
        EpochEndWeights recorder = new EpochEndWeights();
        History history = model.fit(data, new FitOptions().epochs(3).batchSize(16).validationSplit(0.2).verbose(0)
                .callbacks(recorder));
        assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy"), history.keys());
        Dataset validation = data.slice(160, 200);
        for (int epoch = 0; epoch < 3; epoch++) {
            model.loadWeights(recorder.weights.get(epoch));
            Map<String, Double> evaluated = model.evaluate(validation.x(), validation.y(), 16);
            assertEquals(evaluated.get("loss"), history.get("val_loss").get(epoch), "epoch " + epoch);
            assertEquals(evaluated.get("accuracy"), history.get("val_accuracy").get(epoch), "epoch " + epoch);
        }
        assertTrue(history.last("loss") < history.get("loss").get(0), "it learns: " + history);
    }

    @Test
    void earlyStoppingRestoresTheBestWeightsOfASequentialModel() {
        Dataset data = blobs(120, 3);
        Dataset wrong = new Dataset(data.x(), data.y().add(1).sub(data.y().gt(1.5f).mul(3))); // labels shifted by one
        Sequential model = classifier(4);
        EpochEndWeights recorder = new EpochEndWeights();
        EarlyStopping stopping = new EarlyStopping("val_accuracy", 1).restoreBestWeights(true);
        History history = model.fit(data.x(), data.y(), new FitOptions().epochs(30).batchSize(16).verbose(0)
                .validationData(wrong.x(), wrong.y()).callbacks(recorder, stopping));
        assertTrue(stopping.stoppedEpoch() > 0, history.toString());
        Map<String, Tensor> best = recorder.weights.get(stopping.bestEpoch());
        Map<String, Tensor> now = model.weightSnapshot();
        best.forEach((path, value) -> assertArrayEquals(value.data(), now.get(path).data(), path));
    }

    @Test
    void checkpointsAreLoadableModelsThatResumeTraining() throws IOException {
        Dataset data = blobs(64, 5);
        Sequential model = classifier(6);
        model.fit(data, new FitOptions().epochs(2).batchSize(16).verbose(0)
                .callbacks(new ModelCheckpoint(directory.resolve("checkpoint-{epoch:02d}"))));
        Model restored = Model.load(directory.resolve("checkpoint-02"));
        Map<String, Tensor> expected = model.weightSnapshot();
        Map<String, Tensor> actual = restored.weightSnapshot();
        expected.forEach((path, value) -> assertArrayEquals(value.data(), actual.get(path).data(), path));
        assertTrue(restored.isCompiled());
        assertEquals(2 * 4, restored.trainer().optimizer().iterations());

        Tensor batchX = data.x().slice(0, 16);
        Tensor batchY = data.y().slice(0, 16);
        // Dropout draws its masks from a generator that a file does not hold; compare without it.
        assertEquals(model.evaluate(batchX, batchY), restored.evaluate(batchX, batchY));
    }

    @Test
    void predictAfterFitMatchesTheTrainedWeights() {
        Sequential model = new Sequential(new Input(3), new Dense(1)).seed(1);
        model.compile(new SGD(0.05), new MeanSquaredError());
        Tensor x = Tensor.normal(Shape.of(40, 3), 0, 1, new Rng(2));
        Tensor y = x.matmul(Tensor.of(new float[] {1, 2, -1}, 3, 1)).add(0.5);
        History history = model.fit(x, y, new FitOptions().epochs(40).batchSize(8).verbose(0));
        assertTrue(history.last("loss") < 1e-3 * history.get("loss").get(0), history.toString());
        Tensor kernel = model.namedParameters().get("dense/kernel").value();
        assertArrayEquals(new float[] {1, 2, -1}, kernel.data(), 0.02f);
        assertEquals(0.5f, model.namedParameters().get("dense/bias").value().item(), 0.02f);
    }
}
