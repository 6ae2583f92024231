package org.noether.train.callbacks;

import java.util.Locale;
import java.util.Map;

/**
 * A logged quantity watched for improvement, shared by early stopping and checkpoints: whether
 * lower or higher is better ("auto" infers it from the name, as Keras does: losses and errors
 * decrease, accuracies increase) and by how much a change must beat the best to count.
 */
final class Monitor {
    /** Which direction is an improvement. */
    enum Mode {
        AUTO, MIN, MAX
    }

    /** The mode called {@code name} ("auto", "min" or "max", any letter case). */
    static Mode mode(String name) {
        for (Mode mode : Mode.values()) {
            if (mode.name().equalsIgnoreCase(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("mode must be one of auto, min or max. Received: '" + name + "'");
    }

    private final String key;
    private final boolean lowerIsBetter;
    private final double minDelta;
    private boolean warnedMissing;

    Monitor(String key, Mode mode, double minDelta) {
        this.key = key;
        this.minDelta = Math.abs(minDelta);
        this.lowerIsBetter = switch (mode) {
            case MIN -> true;
            case MAX -> false;
            case AUTO -> inferLowerIsBetter(key);
        };
    }

    private static boolean inferLowerIsBetter(String key) {
        String name = key.toLowerCase(Locale.ROOT).replaceFirst("^val_", "");
        if (name.contains("loss") || name.contains("error") || name.equals("mae") || name.equals("mse")) {
            return true;
        }
        if (name.contains("acc") || name.contains("auc") || name.contains("precision") || name.contains("recall")) {
            return false;
        }
        throw new IllegalArgumentException("Cannot tell whether '" + key + "' should be minimized or maximized; "
                + "pass mode MIN or MAX");
    }

    String key() {
        return key;
    }

    /** The worst possible value, the starting best. */
    double initialBest() {
        return lowerIsBetter ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /** Whether {@code current} beats {@code reference} by more than the minimum delta. */
    boolean isImprovement(double current, double reference) {
        return lowerIsBetter ? current + minDelta < reference : current - minDelta > reference;
    }

    /** The monitored value in {@code logs}, or null (with a one-time warning naming what is available). */
    Double read(Map<String, Double> logs, String owner) {
        Double value = logs.get(key);
        if (value == null && !warnedMissing) {
            warnedMissing = true;
            System.err.println(owner + ": '" + key + "' is not in the logs; available: " + logs.keySet());
        }
        return value;
    }
}
