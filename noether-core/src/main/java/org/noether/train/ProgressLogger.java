package org.noether.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Prints training progress: on a terminal a Keras-style bar redrawn in place
 * ({@code 1200/1875 [=========>....] - ETA: 3s - loss: 0.5432 - accuracy: 0.8123}), elsewhere
 * (a file, a pipe, CI) one line per epoch, so logs stay readable.
 *
 * <pre>{@code new FitOptions().verbose(2) // one line per epoch}</pre>
 */
final class ProgressLogger implements Callback {
    private static final int BAR_WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final boolean bar;
    private long epochStart;
    private long lastDraw;

    private ProgressLogger(PrintStream out, boolean bar) {
        this.out = out;
        this.bar = bar;
    }

    /** The logger for a verbosity setting, or none when silent. */
    static Optional<Callback> forVerbosity(FitOptions.Verbosity verbosity, PrintStream out) {
        return switch (verbosity) {
            case SILENT -> Optional.empty();
            case PROGRESS_BAR -> Optional.of(new ProgressLogger(out, true));
            case ONE_LINE_PER_EPOCH -> Optional.of(new ProgressLogger(out, false));
            case AUTO -> Optional.of(new ProgressLogger(out, out == System.out && interactiveTerminal()));
        };
    }

    /** True on an interactive terminal outside CI. */
    static boolean interactiveTerminal() {
        String ci = System.getenv("CI");
        if (ci != null && !ci.isEmpty() && !ci.equalsIgnoreCase("false")) {
            return false;
        }
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }

    @Override
    public void onEpochBegin(int epoch, TrainingContext context) {
        epochStart = System.nanoTime();
        lastDraw = 0;
        if (bar) {
            out.println("Epoch " + (epoch + 1) + "/" + context.epochs());
        }
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs, TrainingContext context) {
        if (!bar) {
            return;
        }
        long now = System.nanoTime();
        int steps = context.stepsPerEpoch();
        if (now - lastDraw < REDRAW_NANOS && batch + 1 < steps) {
            return;
        }
        lastDraw = now;
        int done = batch + 1;
        double elapsed = (now - epochStart) / 1e9;
        double eta = elapsed / done * (steps - done);
        int filled = (int) ((long) BAR_WIDTH * done / steps);
        StringBuilder line = new StringBuilder("\r");
        String width = Integer.toString(steps);
        line.append(String.format(Locale.ROOT, "%" + width.length() + "d/%s [", done, width));
        for (int i = 0; i < BAR_WIDTH; i++) {
            line.append(i < filled ? '=' : i == filled ? '>' : '.');
        }
        line.append("] - ETA: ").append(formatSeconds(eta)).append(formatLogs(logs));
        out.print(line);
        out.flush();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs, TrainingContext context) {
        String elapsed = formatSeconds((System.nanoTime() - epochStart) / 1e9);
        if (bar) {
            out.println("\r" + " ".repeat(BAR_WIDTH + 20) + "\r" + context.stepsPerEpoch() + "/"
                    + context.stepsPerEpoch() + " - " + elapsed + formatLogs(logs));
        } else {
            out.println("Epoch " + (epoch + 1) + "/" + context.epochs() + " - " + elapsed + formatLogs(logs));
        }
        out.flush();
    }

    private static String formatLogs(Map<String, Double> logs) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Double> entry : logs.entrySet()) {
            text.append(" - ").append(entry.getKey()).append(": ")
                    .append(String.format(Locale.ROOT, "%.4f", entry.getValue()));
        }
        return text.toString();
    }

    private static String formatSeconds(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        long whole = Math.round(seconds);
        return whole / 60 + "m" + String.format(Locale.ROOT, "%02d", whole % 60) + "s";
    }
}
