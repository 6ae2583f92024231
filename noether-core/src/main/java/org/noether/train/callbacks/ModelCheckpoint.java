package org.noether.train.callbacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.noether.train.Callback;
import org.noether.train.TrainingContext;

/**
 * Saves the model after every epoch, or only when a monitored quantity improved
 * ({@code saveBestOnly}). The path may contain placeholders filled from the epoch number
 * (1-based) and the logs, as Keras's: {@code "checkpoints/model-{epoch:02d}-{val_loss:.4f}"}.
 * Each save writes to temporary files renamed into place, so an interrupted run never leaves a
 * half-written model.
 *
 * <pre>{@code new ModelCheckpoint(Path.of("best-model")).monitor("val_accuracy").saveBestOnly(true)}</pre>
 */
public final class ModelCheckpoint implements Callback {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");

    private final String pathTemplate;
    private String monitorKey = "val_loss";
    private Monitor.Mode mode = Monitor.Mode.AUTO;
    private boolean saveBestOnly;
    private Monitor monitor;
    private double best;
    private Path lastSaved;

    /** Saves to {@code path} (a model directory) after every epoch. */
    public ModelCheckpoint(Path path) {
        this.pathTemplate = path.toString();
    }

    /** The logged quantity that decides what is best (default "val_loss"). */
    public ModelCheckpoint monitor(String key) {
        this.monitorKey = key;
        return this;
    }

    /** Whether lower ("min") or higher ("max") is better; "auto" infers it from the name. */
    public ModelCheckpoint mode(String value) {
        this.mode = Monitor.mode(value);
        return this;
    }

    /** Only save when the monitored quantity improved (default false: save every epoch). */
    public ModelCheckpoint saveBestOnly(boolean value) {
        this.saveBestOnly = value;
        return this;
    }

    /** The path of the most recent save, or null. */
    public Path lastSaved() {
        return lastSaved;
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        monitor = new Monitor(monitorKey, mode, 0);
        best = monitor.initialBest();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs, TrainingContext context) {
        if (saveBestOnly) {
            Double current = monitor.read(logs, "ModelCheckpoint");
            if (current == null || !monitor.isImprovement(current, best)) {
                return;
            }
            best = current;
        }
        Path target = Path.of(fill(pathTemplate, epoch + 1, logs));
        try {
            context.model().save(target);
        } catch (IOException e) {
            throw new UncheckedIOException("ModelCheckpoint could not save epoch " + (epoch + 1) + " to " + target, e);
        }
        lastSaved = target;
    }

    /** The template with {@code {epoch}} and {@code {log_key}} placeholders replaced (with optional formats). */
    static String fill(String template, int epoch, Map<String, Double> logs) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String key = matcher.group(1);
            String format = matcher.group(2);
            Object value;
            if (key.equals("epoch")) {
                value = epoch;
            } else if (logs.containsKey(key)) {
                value = logs.get(key);
            } else {
                throw new IllegalArgumentException("ModelCheckpoint path '" + template + "' uses {" + key
                        + "}, which is not in the logs; available: epoch, " + logs.keySet());
            }
            String text = format == null ? String.valueOf(value) : String.format(Locale.ROOT, "%" + format, value);
            matcher.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
