package org.noether.kernel;

import java.util.Locale;

/**
 * How much a convolution or pooling pads its input along one spatial axis, as Keras and the notes
 * name it:
 *
 * <ul>
 * <li>{@code valid}: none; the window stays inside the input;
 * <li>{@code same}: enough that the output has {@code ⌈W/S⌉} positions (W with stride 1), split
 *     as evenly as possible with the odd one at the end (TensorFlow's rule);
 * <li>{@code full}: {@code (F−1)·D} on each side, so every partial overlap is an output;
 * <li>explicit: given amounts before and after, per axis.
 * </ul>
 *
 * <pre>{@code Padding.same(); Padding.explicit(1, 1); Padding.of("valid")}</pre>
 */
public final class Padding {
    private final String mode;
    private final int[] amounts;

    private Padding(String mode, int[] amounts) {
        this.mode = mode;
        this.amounts = amounts;
    }

    /** No padding. */
    public static Padding valid() {
        return new Padding("valid", null);
    }

    /** Output size {@code ⌈W/S⌉}. */
    public static Padding same() {
        return new Padding("same", null);
    }

    /** {@code (F−1)·D} on each side. */
    public static Padding full() {
        return new Padding("full", null);
    }

    /**
     * Explicit amounts: one value for every side of every axis, a (before, after) pair for every
     * axis, or (before, after) pairs per axis in order — e.g. {@code explicit(1)},
     * {@code explicit(1, 2)} (1 before, 2 after on each axis), {@code explicit(0, 0, 1, 1)} for
     * (top, bottom, left, right).
     */
    public static Padding explicit(int... amounts) {
        if (amounts.length == 0) {
            throw new IllegalArgumentException("Explicit padding needs at least one amount");
        }
        for (int amount : amounts) {
            if (amount < 0) {
                throw new IllegalArgumentException("Padding amounts must be >= 0. Received: "
                        + java.util.Arrays.toString(amounts));
            }
        }
        return new Padding("explicit", amounts.clone());
    }

    /** "valid", "same" or "full" (any case). */
    public static Padding of(String mode) {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "valid" -> valid();
            case "same" -> same();
            case "full" -> full();
            default -> throw new IllegalArgumentException("Padding must be 'valid', 'same', 'full' or explicit "
                    + "amounts. Received: '" + mode + "'");
        };
    }

    /** "valid", "same", "full" or "explicit". */
    public String mode() {
        return mode;
    }

    /** The explicit amounts as given, or null for a named mode. */
    public int[] amounts() {
        return amounts == null ? null : amounts.clone();
    }

    /**
     * The (before, after) padding of spatial axis {@code axis} of {@code axes}, for an input of
     * {@code size} positions, a window of {@code window} positions spaced {@code dilation} apart
     * and stride {@code stride}.
     */
    public int[] resolve(int axis, int axes, int size, int window, int stride, int dilation) {
        int span = (window - 1) * dilation + 1;
        return switch (mode) {
            case "valid" -> new int[] {0, 0};
            case "full" -> new int[] {span - 1, span - 1};
            case "same" -> {
                int outputs = (size + stride - 1) / stride;
                int total = Math.max((outputs - 1) * stride + span - size, 0);
                yield new int[] {total / 2, total - total / 2};
            }
            default -> explicitFor(axis, axes);
        };
    }

    private int[] explicitFor(int axis, int axes) {
        if (amounts.length == 1) {
            return new int[] {amounts[0], amounts[0]};
        }
        if (amounts.length == 2) {
            return new int[] {amounts[0], amounts[1]};
        }
        if (amounts.length == 2 * axes) {
            return new int[] {amounts[2 * axis], amounts[2 * axis + 1]};
        }
        throw new IllegalArgumentException("Explicit padding " + java.util.Arrays.toString(amounts) + " does not fit "
                + axes + " spatial axes: give 1 amount, a (before, after) pair, or " + 2 * axes + " amounts");
    }

    @Override
    public String toString() {
        return amounts == null ? mode : java.util.Arrays.toString(amounts);
    }
}
