package org.noether.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noether.io.Json;

/** History: per-epoch values by key, and their CSV and JSON exports. */
class HistoryTest {
    @TempDir
    Path directory;

    private static Map<String, Double> logs(double loss, double accuracy, double validationLoss) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", loss);
        logs.put("accuracy", accuracy);
        logs.put("val_loss", validationLoss);
        return logs;
    }

    private static History threeEpochs() {
        History history = new History();
        TrainingContext context = new TrainingContext(new LinearModel(1, 1, 0), 3, 10);
        history.onEpochEnd(0, logs(0.5, 0.25, 0.6), context);
        history.onEpochEnd(1, logs(0.123456789, 0.75, 0.4), context);
        history.onEpochEnd(2, logs(0.0625, 1, Double.NaN), context);
        return history;
    }

    @Test
    void recordsEachKeyPerEpoch() {
        History history = threeEpochs();
        assertEquals(List.of("loss", "accuracy", "val_loss"), history.keys());
        assertEquals(List.of(0, 1, 2), history.epochs());
        assertEquals(List.of(0.5, 0.123456789, 0.0625), history.get("loss"));
        assertEquals(1.0, history.last("accuracy"));
        assertNull(history.stopReason());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> history.get("val_acc"));
        assertTrue(error.getMessage().contains("'val_acc'") && error.getMessage().contains("val_loss"),
                error.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> history.get("loss").add(1.0));
    }

    @Test
    void csvHasOneRowPerEpochWithOneBasedEpochs() {
        assertEquals("""
                epoch,loss,accuracy,val_loss
                1,0.50000000,0.25000000,0.60000000
                2,0.12345679,0.75000000,0.40000000
                3,0.062500000,1.0000000,nan
                """, threeEpochs().toCsv());
    }

    @SuppressWarnings("unchecked")
    @Test
    void jsonHoldsTheSeriesAndTheStopReason() {
        History history = threeEpochs();
        history.setStopReason("Epoch 3: early stopping");
        Map<String, Object> json = Json.parseObject(history.toJson());
        assertEquals(List.of("epoch", "loss", "accuracy", "val_loss", "stop_reason"), List.copyOf(json.keySet()));
        assertEquals(List.of(1L, 2L, 3L), json.get("epoch"));
        List<Object> loss = (List<Object>) json.get("loss");
        assertEquals(0.123456789, ((Number) loss.get(1)).doubleValue());
        assertEquals(Arrays.asList(0.6, 0.4, null), json.get("val_loss"), "NaN is written as null");
        assertEquals("Epoch 3: early stopping", json.get("stop_reason"));
        assertTrue(!Json.parseObject(threeEpochs().toJson()).containsKey("stop_reason"));
    }

    @Test
    void writesFiles() throws IOException {
        History history = threeEpochs();
        Path csv = directory.resolve("logs/history.csv");
        Path json = directory.resolve("history.json");
        history.writeCsv(csv);
        history.writeJson(json);
        assertEquals(history.toCsv(), Files.readString(csv));
        assertEquals(Json.parseObject(history.toJson()), Json.parseObject(Files.readString(json)));
    }
}
