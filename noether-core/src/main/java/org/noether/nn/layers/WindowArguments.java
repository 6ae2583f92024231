package org.noether.nn.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.noether.io.ConfigReader;
import org.noether.kernel.Boundary;
import org.noether.kernel.Padding;

/**
 * The arguments that convolution and pooling layers share, per spatial axis: validation (one value
 * for every axis, or one per axis, all positive), their saved-config form (lists of integers,
 * padding as a mode name or explicit amounts, the boundary as a lower-case name), and the mapping
 * of a 1-D padding onto the width of a one-pixel-high image.
 *
 * <pre>{@code int[] pool = WindowArguments.perAxis("MaxPooling2D", "pool_size", 2, new int[] {2}); // {2, 2}}</pre>
 */
final class WindowArguments {
    private WindowArguments() {
    }

    /** {@code values} expanded to {@code rank} axes; {@code owner} and {@code name} appear in the error. */
    static int[] perAxis(String owner, String name, int rank, int[] values) {
        if (values == null || values.length != 1 && values.length != rank) {
            throw new IllegalArgumentException(owner + " " + name + " needs 1 or " + rank + " values. Received: "
                    + Arrays.toString(values));
        }
        int[] expanded = new int[rank];
        for (int axis = 0; axis < rank; axis++) {
            expanded[axis] = values.length == 1 ? values[0] : values[axis];
            if (expanded[axis] <= 0) {
                throw new IllegalArgumentException(owner + " " + name + " must be positive. Received: "
                        + Arrays.toString(values));
            }
        }
        return expanded;
    }

    /**
     * The per-axis values saved under {@code key}: a list, or one number for every axis (as Keras
     * accepts in its constructors); {@code fallback} when absent or null.
     */
    static int[] readPerAxis(ConfigReader read, String key, int[] fallback) {
        Object saved = read.value(key);
        if (saved == null) {
            return fallback;
        }
        return saved instanceof Number ? new int[] {read.getInt(key)} : read.getIntArray(key);
    }

    /** An int array as a config value (a list, so that configs compare equal by value). */
    static List<Integer> toList(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    /** "valid", "same", "full", or the explicit amounts as a list. */
    static Object paddingConfig(Padding padding) {
        return padding.amounts() == null ? padding.mode() : toList(padding.amounts());
    }

    /** The padding saved by {@link #paddingConfig}, or {@code fallback} when absent. */
    static Padding readPadding(ConfigReader read, Padding fallback) {
        Object saved = read.value("padding");
        if (saved instanceof List<?>) {
            return Padding.explicit(read.getIntArray("padding"));
        }
        return saved == null ? fallback : Padding.of(read.getString("padding"));
    }

    /** "zeros", "periodic" or "reflect". */
    static String boundaryConfig(Boundary boundary) {
        return boundary.name().toLowerCase(Locale.ROOT);
    }

    /** The boundary saved by {@link #boundaryConfig} ("zeros" when absent). */
    static Boundary readBoundary(ConfigReader read) {
        String name = read.getString("boundary", "zeros");
        for (Boundary boundary : Boundary.values()) {
            if (boundary.name().equalsIgnoreCase(name)) {
                return boundary;
            }
        }
        throw new IllegalArgumentException(read.owner() + " boundary must be one of "
                + Arrays.stream(Boundary.values()).map(WindowArguments::boundaryConfig).toList() + ". Received: '"
                + name + "'");
    }

    /**
     * A 1-D padding applied to the width of a height-1 image; a named mode already pads the height
     * (one tap, stride 1) by nothing.
     */
    static Padding onWidthOnly(Padding padding) {
        int[] amounts = padding.amounts();
        if (amounts == null) {
            return padding;
        }
        if (amounts.length > 2) {
            throw new IllegalArgumentException("A 1-D layer takes explicit padding as one amount or a (before, after) "
                    + "pair. Received: " + padding);
        }
        int before = amounts[0];
        int after = amounts.length > 1 ? amounts[1] : amounts[0];
        return Padding.explicit(0, 0, before, after);
    }
}
