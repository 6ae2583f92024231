package org.noether.data;

import java.util.Locale;

/**
 * What a geometric image transform reads where it looks beyond the image's edge, with Keras's
 * names ({@code fill_mode}) and meanings, shown for a row {@code a b c d}:
 *
 * <ul>
 * <li>{@code CONSTANT}: {@code k k k k | a b c d | k k k k}, k the fill value;
 * <li>{@code REFLECT}: {@code d c b a | a b c d | d c b a}, mirrored about the edge of the last
 *     pixel, so the edge pixel repeats (unlike {@code kernel.Boundary.REFLECT}, which mirrors about
 *     the centre of the edge pixel, as NumPy's "reflect" does);
 * <li>{@code WRAP}: {@code a b c d | a b c d | a b c d}, periodic;
 * <li>{@code NEAREST}: {@code a a a a | a b c d | d d d d}, the nearest edge pixel.
 * </ul>
 *
 * <pre>{@code FillMode mode = FillMode.of("reflect"); int column = mode.map(-1, 28);   // 0}</pre>
 */
public enum FillMode {
    CONSTANT, REFLECT, WRAP, NEAREST;

    /** The Keras name: "constant", "reflect", "wrap" or "nearest". */
    public String kerasName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode of a Keras name (any letter case). */
    public static FillMode of(String name) {
        for (FillMode mode : values()) {
            if (mode.kerasName().equalsIgnoreCase(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("fill_mode must be one of 'constant', 'reflect', 'wrap', 'nearest'. "
                + "Received: fill_mode='" + name + "'");
    }

    /**
     * The pixel that position {@code index} (possibly outside {@code [0, size)}) reads along an axis
     * of {@code size} pixels, or -1 where {@code CONSTANT} reads the fill value.
     */
    public int map(int index, int size) {
        if (index >= 0 && index < size) {
            return index;
        }
        return switch (this) {
            case CONSTANT -> -1;
            case WRAP -> Math.floorMod(index, size);
            case NEAREST -> index < 0 ? 0 : size - 1;
            case REFLECT -> {
                int folded = Math.floorMod(index, 2 * size);
                yield folded < size ? folded : 2 * size - 1 - folded;
            }
        };
    }
}
