package org.noether.nn.layers.augmentation;

import java.util.List;
import org.noether.io.ConfigReader;
import org.noether.tensor.Rng;

/**
 * The range {@code [lower, upper]} from which an augmentation layer draws its amount, written as
 * Keras writes its factors: one number {@code f} means {@code [−|f|, |f|]}, a pair means that
 * range (in either order).
 *
 * <pre>{@code FactorRange.of(0.1);   // [-0.1, 0.1]      FactorRange.of(0.2, -0.1);   // [-0.1, 0.2]}</pre>
 */
public record FactorRange(double lower, double upper) {

    /** Checks that the bounds are ordered finite numbers. */
    public FactorRange {
        if (!Double.isFinite(lower) || !Double.isFinite(upper) || lower > upper) {
            throw new IllegalArgumentException("A factor range needs finite bounds with lower <= upper. Received: ["
                    + lower + ", " + upper + "]");
        }
    }

    /** {@code [−|factor|, |factor|]}. */
    public static FactorRange of(double factor) {
        return new FactorRange(-Math.abs(factor), Math.abs(factor));
    }

    /** The range between {@code a} and {@code b}, whichever is smaller first. */
    public static FactorRange of(double a, double b) {
        return new FactorRange(Math.min(a, b), Math.max(a, b));
    }

    /** A uniform draw from the range. */
    public double draw(Rng rng) {
        return lower == upper ? lower : rng.uniform(lower, upper);
    }

    /** Throws unless both bounds lie in {@code [min, max]}, naming {@code owner} and {@code name}. */
    FactorRange checkWithin(String owner, String name, double min, double max) {
        if (lower < min || upper > max) {
            throw new IllegalArgumentException(owner + " " + name + " must be a number (or a pair of numbers) in ["
                    + min + ", " + max + "]. Received: " + name + "=" + configValue());
        }
        return this;
    }

    /** As Keras saves it: one number for a symmetric range, else the pair. */
    Object configValue() {
        return lower == -upper ? (Object) upper : List.of(lower, upper);
    }

    /**
     * The range saved under {@code key} by {@link #configValue()} (or written by hand: a number or a
     * pair); {@code fallback} when the key is absent or null.
     */
    static FactorRange read(ConfigReader read, String key, FactorRange fallback) {
        Object value = read.value(key);
        if (value == null) {
            if (fallback == null) {
                throw new IllegalArgumentException("The config of " + read.owner() + " has no key '" + key
                        + "'; expected a number or a pair of numbers");
            }
            return fallback;
        }
        if (value instanceof double[] pair) {
            value = pair.length == 2 ? List.of(pair[0], pair[1]) : value;
        }
        if (value instanceof Number number) {
            return of(number.doubleValue());
        }
        if (value instanceof List<?> list && list.size() == 2 && list.get(0) instanceof Number a
                && list.get(1) instanceof Number b) {
            return of(a.doubleValue(), b.doubleValue());
        }
        throw new IllegalArgumentException("Config key '" + key + "' of " + read.owner()
                + " must be a number or a pair of numbers. Received: " + key + "=" + value);
    }
}
