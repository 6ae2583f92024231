package org.noether.optimizers.schedules;

/**
 * Range checks for hyperparameters, with Keras-style messages that name the argument, the allowed
 * range and the value received: {@code Argument beta1 must be in [0, 1). Received: beta1=1.5}.
 *
 * <p>NaN and infinities fail every check, so a diverged value never slips in as a setting.
 *
 * <pre>{@code double rho = Hyperparameters.fraction("rho", rho, false);}</pre>
 */
public final class Hyperparameters {
    private Hyperparameters() {
    }

    /** {@code value} if it is finite and {@code > 0}. */
    public static double positive(String argument, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw outOfRange(argument, "a finite number > 0", value);
        }
        return value;
    }

    /** {@code value} if it is finite and {@code >= 0}. */
    public static double nonNegative(String argument, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw outOfRange(argument, "a finite number >= 0", value);
        }
        return value;
    }

    /** {@code value} if it lies in {@code [0, 1]} ({@code includeOne}) or {@code [0, 1)}. */
    public static double fraction(String argument, double value, boolean includeOne) {
        if (!(value >= 0 && (includeOne ? value <= 1 : value < 1))) {
            throw outOfRange(argument, includeOne ? "in [0, 1]" : "in [0, 1)", value);
        }
        return value;
    }

    /** {@code value} if it is {@code > 0}. */
    public static long positive(String argument, long value) {
        if (value <= 0) {
            throw outOfRange(argument, "> 0", value);
        }
        return value;
    }

    /** {@code value} if it is {@code >= 0}. */
    public static long nonNegative(String argument, long value) {
        if (value < 0) {
            throw outOfRange(argument, ">= 0", value);
        }
        return value;
    }

    private static IllegalArgumentException outOfRange(String argument, String range, Object value) {
        return new IllegalArgumentException("Argument " + argument + " must be " + range + ". Received: "
                + argument + "=" + value);
    }
}
