package org.noether.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.noether.io.AtomicFiles;
import org.noether.io.Json;

/**
 * The per-epoch record of a {@code fit} call: the loss and every metric, training and validation
 * ({@code loss}, {@code accuracy}, {@code val_loss}, ...), exportable as CSV or JSON for plotting.
 *
 * <pre>{@code
 * History history = model.fit(x, y, new FitOptions().epochs(5));
 * List<Double> validationLoss = history.get("val_loss");
 * history.writeCsv(Path.of("history.csv"));
 * }</pre>
 */
public final class History implements Callback {
    private final List<Integer> epochs = new ArrayList<>();
    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private String stopReason;

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs, TrainingContext context) {
        epochs.add(epoch);
        for (Map.Entry<String, Double> entry : logs.entrySet()) {
            List<Double> series = values.computeIfAbsent(entry.getKey(), key -> new ArrayList<>());
            while (series.size() < epochs.size() - 1) {
                series.add(Double.NaN); // a key that appears late (none today) keeps rows aligned
            }
            series.add(entry.getValue());
        }
    }

    /** The 0-based indices of the epochs recorded. */
    public List<Integer> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** The names recorded: "loss", metric names, and their "val_" forms. */
    public List<String> keys() {
        return List.copyOf(values.keySet());
    }

    /** The values of {@code key}, one per epoch. */
    public List<Double> get(String key) {
        List<Double> series = values.get(key);
        if (series == null) {
            throw new IllegalArgumentException("History has no '" + key + "'; it has " + values.keySet());
        }
        return Collections.unmodifiableList(series);
    }

    /** The last epoch's value of {@code key}. */
    public double last(String key) {
        List<Double> series = get(key);
        if (series.isEmpty()) {
            throw new IllegalStateException("History has no epochs yet");
        }
        return series.get(series.size() - 1);
    }

    /** Why training stopped before the last epoch (early stopping, a NaN loss), or null. */
    public String stopReason() {
        return stopReason;
    }

    void setStopReason(String reason) {
        this.stopReason = reason;
    }

    /** One row per epoch: {@code epoch,loss,accuracy,...} with 1-based epoch numbers, as Keras's CSVLogger. */
    public String toCsv() {
        StringBuilder out = new StringBuilder("epoch");
        for (String key : values.keySet()) {
            out.append(',').append(key);
        }
        out.append('\n');
        for (int row = 0; row < epochs.size(); row++) {
            out.append(epochs.get(row) + 1);
            for (List<Double> series : values.values()) {
                out.append(',').append(row < series.size() ? format(series.get(row)) : "");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** {@code {"epoch": [1, 2, ...], "loss": [...], ...}} */
    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("epoch", epochs.stream().map(epoch -> epoch + 1).toList());
        for (Map.Entry<String, List<Double>> entry : values.entrySet()) {
            json.put(entry.getKey(), entry.getValue().stream().map(v -> Double.isFinite(v) ? v : null).toList());
        }
        if (stopReason != null) {
            json.put("stop_reason", stopReason);
        }
        return Json.write(json);
    }

    /** Writes {@link #toCsv()} to {@code file} (atomically). */
    public void writeCsv(Path file) throws IOException {
        AtomicFiles.writeString(file, toCsv());
    }

    /** Writes {@link #toJson()} to {@code file} (atomically). */
    public void writeJson(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
    }

    private static String format(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.8g", value) : "nan";
    }

    @Override
    public String toString() {
        return "History" + values;
    }
}
