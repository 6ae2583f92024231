package org.noether.nn.layers.augmentation;

import java.util.Map;
import org.noether.data.AffineWarp;
import org.noether.data.FillMode;
import org.noether.data.ImageTransforms;
import org.noether.data.Interpolation;
import org.noether.io.ConfigReader;
import org.noether.tensor.Rng;
import org.noether.tensor.Tensor;

/**
 * An augmentation that moves pixels by a random affine warp per image (shift, rotation, zoom),
 * resampled by {@link ImageTransforms#warp}: the options Keras's geometric layers share, with
 * Keras's defaults: {@code fill_mode="reflect"}, {@code interpolation="bilinear"},
 * {@code fill_value=0}.
 *
 * <p>Gradient: the warp is linear in the image, so the input gradient is exact (each output
 * pixel's gradient goes back to the pixels it was interpolated from, with the same weights).
 *
 * <pre>{@code new RandomTranslation(0.1, 0.1).fillMode("constant").fillValue(0).interpolation("nearest")}</pre>
 *
 * @param <L> the concrete layer, so that setters chain
 */
public abstract class GeometricAugmentation<L extends GeometricAugmentation<L>> extends ImageAugmentation<L> {
    private FillMode fillMode = FillMode.REFLECT;
    private Interpolation interpolation = Interpolation.BILINEAR;
    private double fillValue;

    /** How positions beyond the edge are read: "reflect" (default), "constant", "wrap" or "nearest". */
    public L fillMode(String mode) {
        return fillMode(FillMode.of(mode));
    }

    /** How positions beyond the edge are read. */
    public L fillMode(FillMode mode) {
        checkNotBuilt();
        this.fillMode = mode;
        return self();
    }

    /** "bilinear" (default) or "nearest". */
    public L interpolation(String name) {
        return interpolation(Interpolation.of(name));
    }

    /** How values between pixel centres are read. */
    public L interpolation(Interpolation value) {
        checkNotBuilt();
        this.interpolation = value;
        return self();
    }

    /** The value read beyond the edge with fill mode "constant" (default 0). */
    public L fillValue(double value) {
        checkNotBuilt();
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(type() + " fill_value must be finite. Received: fill_value=" + value);
        }
        this.fillValue = value;
        return self();
    }

    /** The warp of one {@code height × width} image, drawn from {@code rng}. */
    protected abstract AffineWarp drawWarp(int height, int width, Rng rng);

    @Override
    protected final Tensor augment(Tensor images, Rng rng) {
        AffineWarp[] warps = new AffineWarp[images.dim(0)];
        for (int i = 0; i < warps.length; i++) {
            warps[i] = drawWarp(images.dim(1), images.dim(2), rng);
        }
        return ImageTransforms.warp(images, warps, interpolation, fillMode, fillValue);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("fill_mode", fillMode.kerasName());
        config.put("interpolation", interpolation.kerasName());
        config.put("fill_value", fillValue);
        return config;
    }

    /** Sets the saved resampling options (absent: the defaults) and seed on {@code layer}. */
    protected static <L extends GeometricAugmentation<L>> L readOptions(L layer, ConfigReader read) {
        GeometricAugmentation<L> options = layer;
        layer.fillMode(read.getString("fill_mode", options.fillMode.kerasName()));
        layer.interpolation(read.getString("interpolation", options.interpolation.kerasName()));
        layer.fillValue(read.getDouble("fill_value", options.fillValue));
        return readSeed(layer, read);
    }
}
