package org.noether.data;

/**
 * An affine map from the pixels of a transformed image back to the positions of the original it
 * reads: output pixel {@code (x, y)} (column, row; pixel centres at whole numbers, y pointing down)
 * takes the value at
 * {@code (xx·x + xy·y + x0, yx·x + yy·y + y0)} of the input, as Keras's image transforms do. Mapping
 * output to input (rather than the reverse) gives every output pixel exactly one value.
 *
 * <p>The factories build the transforms of Keras's augmentation layers; a rotation or zoom acts
 * about the image centre {@code ((w−1)/2, (h−1)/2)}.
 *
 * <pre>{@code AffineWarp quarterTurn = AffineWarp.rotation(Math.PI / 2, 28, 28);   // counter-clockwise}</pre>
 */
public record AffineWarp(double xx, double xy, double x0, double yx, double yy, double y0) {

    /** Checks that every coefficient is a finite number. */
    public AffineWarp {
        for (double coefficient : new double[] {xx, xy, x0, yx, yy, y0}) {
            if (!Double.isFinite(coefficient)) {
                throw new IllegalArgumentException("AffineWarp coefficients must be finite. Received: xx=" + xx
                        + ", xy=" + xy + ", x0=" + x0 + ", yx=" + yx + ", yy=" + yy + ", y0=" + y0);
            }
        }
    }

    /** Every pixel reads itself. */
    public static AffineWarp identity() {
        return new AffineWarp(1, 0, 0, 0, 1, 0);
    }

    /** Content moves {@code down} rows and {@code right} columns (negative: up, left). */
    public static AffineWarp translation(double down, double right) {
        return new AffineWarp(1, 0, -right, 0, 1, -down);
    }

    /**
     * Content turns by {@code angle} radians about the centre of a {@code height × width} image,
     * counter-clockwise as displayed for a positive angle (Keras's RandomRotation convention).
     */
    public static AffineWarp rotation(double angle, int height, int width) {
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double centreX = (width - 1) / 2.0;
        double centreY = (height - 1) / 2.0;
        return new AffineWarp(cos, -sin, centreX - cos * centreX + sin * centreY,
                sin, cos, centreY - sin * centreX - cos * centreY);
    }

    /**
     * Output pixels read the input {@code zoomY} and {@code zoomX} times as far from the centre: a
     * factor above 1 zooms out (content shrinks), below 1 zooms in, as Keras's RandomZoom's
     * {@code 1 + factor}. The centre pixel keeps its value.
     */
    public static AffineWarp zoom(double zoomY, double zoomX, int height, int width) {
        return new AffineWarp(zoomX, 0, (width - 1) / 2.0 * (1 - zoomX), 0, zoomY, (height - 1) / 2.0 * (1 - zoomY));
    }

    /** A mirror image: left–right if {@code horizontal}, top–bottom if {@code vertical}. */
    public static AffineWarp flip(boolean horizontal, boolean vertical, int height, int width) {
        return new AffineWarp(horizontal ? -1 : 1, 0, horizontal ? width - 1 : 0,
                0, vertical ? -1 : 1, vertical ? height - 1 : 0);
    }

    /** The input column read by output pixel {@code (x, y)}. */
    public double inputX(double x, double y) {
        return xx * x + xy * y + x0;
    }

    /** The input row read by output pixel {@code (x, y)}. */
    public double inputY(double x, double y) {
        return yx * x + yy * y + y0;
    }
}
