package org.noether.nn.layers.augmentation;

import java.util.Map;
import org.noether.data.AffineWarp;
import org.noether.io.ConfigReader;
import org.noether.tensor.Rng;

/**
 * Zooms each training image about its centre: output pixels read the input {@code 1 + u} times as
 * far from the centre vertically and {@code 1 + v} horizontally, u and v uniform in the height and
 * width factor ranges (Keras's RandomZoom: a positive factor zooms out, a negative one in;
 * without a width factor, v = u and the aspect ratio is kept). Identity at inference.
 *
 * <p>Shape: unchanged, {@code [h, w, c]}; the centre pixel keeps its value. Space that a zoom out
 * uncovers is filled per {@code fill_mode} (default "reflect").
 *
 * <pre>{@code new RandomZoom(0.2); new RandomZoom(FactorRange.of(-0.3, -0.1), null);   // zoom in 10–30%}</pre>
 */
public final class RandomZoom extends GeometricAugmentation<RandomZoom> {
    private final FactorRange heightFactor;
    private final FactorRange widthFactor;

    /** Zooms by up to {@code ±heightFactor} on both axes together (aspect ratio kept). */
    public RandomZoom(double heightFactor) {
        this(FactorRange.of(heightFactor), null);
    }

    /** Zooms by up to {@code ±heightFactor} vertically and {@code ±widthFactor} horizontally, independently. */
    public RandomZoom(double heightFactor, double widthFactor) {
        this(FactorRange.of(heightFactor), FactorRange.of(widthFactor));
    }

    /** Zooms drawn from the given ranges (bounds in [−1, 1]); a null width range keeps the aspect ratio. */
    public RandomZoom(FactorRange heightFactor, FactorRange widthFactor) {
        this.heightFactor = heightFactor.checkWithin("RandomZoom", "height_factor", -1, 1);
        this.widthFactor = widthFactor == null ? null : widthFactor.checkWithin("RandomZoom", "width_factor", -1, 1);
    }

    @Override
    protected AffineWarp drawWarp(int height, int width, Rng rng) {
        double zoomY = 1 + heightFactor.draw(rng);
        double zoomX = widthFactor == null ? zoomY : 1 + widthFactor.draw(rng);
        return AffineWarp.zoom(zoomY, zoomX, height, width);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("height_factor", heightFactor.configValue());
        config.put("width_factor", widthFactor == null ? null : widthFactor.configValue());
        return config;
    }

    /** Rebuilds the layer from {@link #config()}; unknown keys are an error. */
    public static RandomZoom fromConfig(Map<String, Object> config) {
        ConfigReader read = configReader("RandomZoom", config);
        FactorRange height = FactorRange.read(read, "height_factor", null);
        FactorRange width = read.value("width_factor") == null ? null : FactorRange.read(read, "width_factor", null);
        RandomZoom layer = readOptions(new RandomZoom(height, width), read);
        read.finish();
        return layer;
    }
}
