package org.noether.nn.layers.augmentation;

import java.util.Map;
import org.noether.data.AffineWarp;
import org.noether.io.ConfigReader;
import org.noether.tensor.Rng;

/**
 * Shifts each training image by a random {@code u·h} rows and {@code v·w} columns, u and v uniform
 * in the height and width factor ranges (Keras's RandomTranslation: positive moves content down and
 * right; {@code heightFactor = 0.2} shifts by up to ±20% of the height). Identity at inference.
 *
 * <p>Shape: unchanged, {@code [h, w, c]}. The strip that moves in from outside is filled per
 * {@code fill_mode} (default "reflect"); a shift by whole pixels copies pixels exactly.
 *
 * <pre>{@code new RandomTranslation(0.1, 0.1).fillMode("constant")}</pre>
 */
public final class RandomTranslation extends GeometricAugmentation<RandomTranslation> {
    private final FactorRange heightFactor;
    private final FactorRange widthFactor;

    /** Shifts of up to {@code ±heightFactor·h} rows and {@code ±widthFactor·w} columns. */
    public RandomTranslation(double heightFactor, double widthFactor) {
        this(FactorRange.of(heightFactor), FactorRange.of(widthFactor));
    }

    /** Shifts drawn from the given ranges (fractions of the image size, bounds in [−1, 1]). */
    public RandomTranslation(FactorRange heightFactor, FactorRange widthFactor) {
        this.heightFactor = heightFactor.checkWithin("RandomTranslation", "height_factor", -1, 1);
        this.widthFactor = widthFactor.checkWithin("RandomTranslation", "width_factor", -1, 1);
    }

    @Override
    protected AffineWarp drawWarp(int height, int width, Rng rng) {
        double down = heightFactor.draw(rng) * height;
        return AffineWarp.translation(down, widthFactor.draw(rng) * width);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("height_factor", heightFactor.configValue());
        config.put("width_factor", widthFactor.configValue());
        return config;
    }

    /** Rebuilds the layer from {@link #config()}; unknown keys are an error. */
    public static RandomTranslation fromConfig(Map<String, Object> config) {
        ConfigReader read = configReader("RandomTranslation", config);
        RandomTranslation layer = readOptions(new RandomTranslation(FactorRange.read(read, "height_factor", null),
                FactorRange.read(read, "width_factor", null)), read);
        read.finish();
        return layer;
    }
}
