package org.noether.nn.layers.augmentation;

import java.util.Locale;
import java.util.Map;
import org.noether.data.AffineWarp;
import org.noether.data.FillMode;
import org.noether.data.ImageTransforms;
import org.noether.data.Interpolation;
import org.noether.io.ConfigReader;
import org.noether.tensor.Rng;
import org.noether.tensor.Tensor;

/**
 * Mirrors each training image left–right and/or top–bottom, each with probability 1/2 (Keras's
 * RandomFlip modes "horizontal", "vertical" and the default "horizontal_and_vertical"). Identity at
 * inference.
 *
 * <p>In "horizontal_and_vertical" the two flips are drawn independently, so each of the four
 * mirror images is equally likely (as TensorFlow's Keras 2 layer did; Keras 3 draws one coin for
 * both, which only ever gives the identity or a half turn).
 *
 * <p>Shape: unchanged, {@code [h, w, c]}. A flip moves whole pixels, so values are copied exactly
 * and the input gradient is the same permutation applied to the output gradient.
 *
 * <pre>{@code new RandomFlip("horizontal")}</pre>
 */
public final class RandomFlip extends ImageAugmentation<RandomFlip> {
    /** Which mirror images a RandomFlip may make. */
    public enum Mode {
        HORIZONTAL, VERTICAL, HORIZONTAL_AND_VERTICAL;

        /** The Keras name, e.g. "horizontal_and_vertical". */
        public String kerasName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The mode of a Keras name (any letter case). */
        public static Mode of(String name) {
            for (Mode mode : values()) {
                if (mode.kerasName().equalsIgnoreCase(name)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("RandomFlip mode must be 'horizontal', 'vertical' or "
                    + "'horizontal_and_vertical'. Received: mode='" + name + "'");
        }
    }

    private final Mode mode;

    /** Flips both ways (Keras's default mode). */
    public RandomFlip() {
        this(Mode.HORIZONTAL_AND_VERTICAL);
    }

    /** "horizontal", "vertical" or "horizontal_and_vertical". */
    public RandomFlip(String mode) {
        this(Mode.of(mode));
    }

    /** Flips as {@code mode} says. */
    public RandomFlip(Mode mode) {
        this.mode = mode;
    }

    @Override
    protected Tensor augment(Tensor images, Rng rng) {
        AffineWarp[] warps = new AffineWarp[images.dim(0)];
        for (int i = 0; i < warps.length; i++) {
            boolean horizontal = mode != Mode.VERTICAL && rng.nextDouble() < 0.5;
            boolean vertical = mode != Mode.HORIZONTAL && rng.nextDouble() < 0.5;
            warps[i] = AffineWarp.flip(horizontal, vertical, images.dim(1), images.dim(2));
        }
        return ImageTransforms.warp(images, warps, Interpolation.NEAREST, FillMode.CONSTANT, 0);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("mode", mode.kerasName());
        return config;
    }

    /** Rebuilds the layer from {@link #config()}; unknown keys are an error. */
    public static RandomFlip fromConfig(Map<String, Object> config) {
        ConfigReader read = configReader("RandomFlip", config);
        RandomFlip layer = readSeed(new RandomFlip(read.getString("mode", Mode.HORIZONTAL_AND_VERTICAL.kerasName())),
                read);
        read.finish();
        return layer;
    }
}
