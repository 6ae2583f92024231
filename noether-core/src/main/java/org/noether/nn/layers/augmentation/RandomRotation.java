package org.noether.nn.layers.augmentation;

import java.util.Map;
import org.noether.data.AffineWarp;
import org.noether.io.ConfigReader;
import org.noether.tensor.Rng;

/**
 * Rotates each training image about its centre by a random angle {@code 2π·u}, u uniform in the
 * factor range (Keras's RandomRotation: the factor is a fraction of a full turn, positive
 * counter-clockwise; {@code factor = 0.1} turns by up to ±36°). Identity at inference.
 *
 * <p>Shape: unchanged, {@code [h, w, c]}. Corners that rotate in from outside are filled per
 * {@code fill_mode} (default "reflect").
 *
 * <pre>{@code new RandomRotation(0.1).fillMode("constant")}</pre>
 */
public final class RandomRotation extends GeometricAugmentation<RandomRotation> {
    private final FactorRange factor;

    /** Angles in {@code [−|factor|, |factor|]·2π}. */
    public RandomRotation(double factor) {
        this(FactorRange.of(factor));
    }

    /** Angles in {@code [lower, upper]·2π}, bounds in [−1, 1]. */
    public RandomRotation(FactorRange factor) {
        this.factor = factor.checkWithin("RandomRotation", "factor", -1, 1);
    }

    @Override
    protected AffineWarp drawWarp(int height, int width, Rng rng) {
        return AffineWarp.rotation(2 * Math.PI * factor.draw(rng), height, width);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("factor", factor.configValue());
        return config;
    }

    /** Rebuilds the layer from {@link #config()}; unknown keys are an error. */
    public static RandomRotation fromConfig(Map<String, Object> config) {
        ConfigReader read = configReader("RandomRotation", config);
        RandomRotation layer = readOptions(new RandomRotation(FactorRange.read(read, "factor", null)), read);
        read.finish();
        return layer;
    }
}
