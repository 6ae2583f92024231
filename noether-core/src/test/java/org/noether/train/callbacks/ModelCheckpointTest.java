package org.noether.train.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noether.losses.MeanSquaredError;
import org.noether.optimizers.SGD;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.noether.train.Callback;
import org.noether.train.FitOptions;
import org.noether.train.History;
import org.noether.train.LinearModel;
import org.noether.train.Trainer;
import org.noether.train.TrainingContext;

/** ModelCheckpoint: what is saved, when, and under which filled-in path. */
class ModelCheckpointTest {
    @TempDir
    Path directory;

    private Set<String> saved() throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return new TreeSet<>(entries.map(path -> path.getFileName().toString()).toList());
        }
    }

    /** Feeds one val_loss per epoch, with the model's weights set to the epoch number. */
    private static LinearModel feed(ModelCheckpoint checkpoint, double... validationLosses) {
        LinearModel model = new LinearModel(1, 1, 0);
        TrainingContext context = new TrainingContext(model, validationLosses.length, 1);
        checkpoint.onTrainBegin(context);
        for (int epoch = 0; epoch < validationLosses.length; epoch++) {
            model.fill(epoch);
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("loss", 1.0 / (epoch + 1));
            logs.put("val_loss", validationLosses[epoch]);
            checkpoint.onEpochEnd(epoch, logs, context);
        }
        return model;
    }

    private float savedWeight(String name) throws IOException {
        return LinearModel.readSaved(directory.resolve(name)).get("kernel").data()[0];
    }

    @Test
    void savesEveryEpochUnderTheEpochNumber() throws IOException {
        ModelCheckpoint checkpoint = new ModelCheckpoint(directory.resolve("model-{epoch:02d}"));
        feed(checkpoint, 0.5, 0.6, 0.4);
        assertEquals(Set.of("model-01", "model-02", "model-03"), saved());
        assertEquals(0f, savedWeight("model-01"));
        assertEquals(1f, savedWeight("model-02"));
        assertEquals(2f, savedWeight("model-03"));
        assertEquals(directory.resolve("model-03"), checkpoint.lastSaved());
    }

    @Test
    void aFixedPathHoldsTheLatestEpoch() throws IOException {
        feed(new ModelCheckpoint(directory.resolve("latest")), 0.5, 0.6, 0.4);
        assertEquals(Set.of("latest"), saved());
        assertEquals(2f, savedWeight("latest"));
    }

    @Test
    void saveBestOnlySavesImprovementsWithTheirValues() throws IOException {
        ModelCheckpoint checkpoint = new ModelCheckpoint(directory.resolve("best-{epoch:02d}-{val_loss:.4f}"))
                .saveBestOnly(true);
        feed(checkpoint, 0.5, 0.4, 0.6, 0.3, 0.3);
        assertEquals(Set.of("best-01-0.5000", "best-02-0.4000", "best-04-0.3000"), saved());
        assertEquals(3f, savedWeight("best-04-0.3000"));
        assertEquals(directory.resolve("best-04-0.3000"), checkpoint.lastSaved());
    }

    @Test
    void saveBestOnlyWithAMaximizedQuantity() throws IOException {
        ModelCheckpoint checkpoint = new ModelCheckpoint(directory.resolve("best")).saveBestOnly(true)
                .monitor("val_loss").mode("max");
        feed(checkpoint, 0.5, 0.4, 0.6, 0.3);
        assertEquals(2f, savedWeight("best"), "the highest val_loss, as asked");
    }

    @Test
    void saveBestOnlyWithoutTheMonitoredKeySavesNothing() throws IOException {
        ModelCheckpoint checkpoint = new ModelCheckpoint(directory.resolve("best")).saveBestOnly(true)
                .monitor("val_accuracy");
        feed(checkpoint, 0.5, 0.4);
        assertEquals(Set.of(), saved());
        assertNull(checkpoint.lastSaved());
    }

    @Test
    void placeholdersAreFilledFromTheEpochAndTheLogs() {
        Map<String, Double> logs = Map.of("val_loss", 0.123456, "accuracy", 0.9);
        assertEquals("m-07-0.1235", ModelCheckpoint.fill("m-{epoch:02d}-{val_loss:.4f}", 7, logs));
        assertEquals("m-12", ModelCheckpoint.fill("m-{epoch}", 12, logs));
        assertEquals("acc0.900", ModelCheckpoint.fill("acc{accuracy:.3f}", 1, logs));
        assertEquals("plain", ModelCheckpoint.fill("plain", 1, logs));
    }

    @Test
    void aPlaceholderNotInTheLogsIsAnError() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ModelCheckpoint.fill("m-{val_acc:.2f}", 1, Map.of("val_loss", 0.5)));
        String message = error.getMessage();
        assertTrue(message.contains("{val_acc}") && message.contains("val_loss") && message.contains("epoch"), message);

        ModelCheckpoint checkpoint = new ModelCheckpoint(directory.resolve("m-{val_acc:.2f}"));
        assertThrows(IllegalArgumentException.class, () -> feed(checkpoint, 0.5));
    }

    @Test
    void inARealFitEachCheckpointHoldsThatEpochsWeights() throws IOException {
        Tensor x = Tensor.normal(Shape.of(24, 2), 0, 1, new Rng(1));
        Tensor y = x.matmul(Tensor.of(new float[] {1, -1}, 2, 1));
        LinearModel model = new LinearModel(2, 1, 2);
        List<Map<String, Tensor>> atEpochEnd = new ArrayList<>();
        Callback snapshots = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs, TrainingContext context) {
                atEpochEnd.add(context.model().weightSnapshot());
            }
        };
        History history = new Trainer(model, new SGD(0.05), new MeanSquaredError(), List.of(), new Rng(3))
                .fit(x, y, new FitOptions().epochs(3).batchSize(8).verbose(0).validationSplit(0.25)
                        .callbacks(snapshots, new ModelCheckpoint(directory.resolve("e{epoch}"))));
        assertEquals(3, history.epochs().size());
        for (int epoch = 0; epoch < 3; epoch++) {
            Map<String, Tensor> saved = LinearModel.readSaved(directory.resolve("e" + (epoch + 1)));
            assertArrayEquals(atEpochEnd.get(epoch).get("kernel").data(), saved.get("kernel").data());
            assertArrayEquals(atEpochEnd.get(epoch).get("bias").data(), saved.get("bias").data());
        }
    }
}
