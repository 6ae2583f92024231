package org.noether.data;

import java.util.Locale;

/**
 * How a geometric image transform reads a value between pixel centres (Keras's
 * {@code interpolation}): {@code NEAREST} takes the closest pixel; {@code BILINEAR} mixes the four
 * surrounding pixels with weights {@code (1−fy)(1−fx), (1−fy)fx, fy(1−fx), fy·fx}, where
 * {@code fx, fy} are the fractional parts of the position.
 *
 * <pre>{@code Interpolation.of("bilinear")}</pre>
 */
public enum Interpolation {
    NEAREST, BILINEAR;

    /** The Keras name: "nearest" or "bilinear". */
    public String kerasName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The interpolation of a Keras name (any letter case). */
    public static Interpolation of(String name) {
        for (Interpolation interpolation : values()) {
            if (interpolation.kerasName().equalsIgnoreCase(name)) {
                return interpolation;
            }
        }
        throw new IllegalArgumentException("interpolation must be 'nearest' or 'bilinear'. Received: interpolation='"
                + name + "'");
    }
}
