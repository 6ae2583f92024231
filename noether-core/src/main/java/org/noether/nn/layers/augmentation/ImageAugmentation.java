package org.noether.nn.layers.augmentation;

import java.util.Map;
import org.noether.io.ConfigReader;
import org.noether.nn.Layer;
import org.noether.nn.Layers;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * What every image augmentation layer shares (Keras's {@code BaseImagePreprocessingLayer}): it
 * transforms images {@code [h, w, c]} per sample only in training and is the identity at inference
 * (evaluate, predict); its random draws come from its own stream, split from the model's seed at
 * build time (or from {@code seed}, when given, as Keras's {@code seed} argument).
 *
 * <p>Shape: unchanged. Gradients: every augmentation is differentiable in its input (see
 * {@link org.noether.data.ImageTransforms}), with the random parameters held fixed; the layers have
 * no weights.
 *
 * <pre>{@code new Sequential(new Input(28, 28, 1), new RandomFlip("horizontal"), new RandomRotation(0.05), ...)}</pre>
 *
 * @param <L> the concrete layer, so that setters chain
 */
public abstract class ImageAugmentation<L extends ImageAugmentation<L>> extends Layer {
    private Long seed;
    private Rng rng;

    @SuppressWarnings("unchecked")
    protected final L self() {
        return (L) this;
    }

    /** Throws if the layer is built: options must be set before the first batch. */
    protected final void checkNotBuilt() {
        if (isBuilt()) {
            throw new IllegalStateException(describe() + " is already built; set its options before adding it to a model");
        }
    }

    /** Draws from a stream seeded by {@code value} instead of the model's seed. */
    public L seed(long value) {
        checkNotBuilt();
        this.seed = value;
        return self();
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        if (inputShape.rank() != 3) {
            throw new IllegalArgumentException(describe() + " expects images [height, width, channels] per sample. "
                    + "Received per-sample shape " + inputShape);
        }
        return inputShape;
    }

    @Override
    protected final void createWeights(Shape inputShape, Rng buildRng) {
        Rng split = buildRng.split(); // drawn even with a seed, so other layers' draws do not depend on it
        this.rng = seed == null ? split : new Rng(seed);
    }

    @Override
    protected final Tensor call(Tensor x, boolean training) {
        return training ? augment(x, rng) : x;
    }

    /** The transformed batch {@code [n, h, w, c]}, drawing from {@code rng}. */
    protected abstract Tensor augment(Tensor images, Rng rng);

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        if (seed != null) {
            config.put("seed", seed);
        }
        return config;
    }

    /**
     * A reader for a saved config of {@code type} that accepts Keras's {@code data_format} when it
     * says channels_last (Noether's images are NHWC).
     */
    protected static ConfigReader configReader(String type, Map<String, Object> config) {
        return Layers.configReader(type, config).expect("data_format",
                value -> value == null || "channels_last".equals(value), "\"channels_last\" (images are NHWC)");
    }

    /** Sets the saved {@code seed} (absent or null: none) on {@code layer}. */
    protected static <L extends ImageAugmentation<L>> L readSeed(L layer, ConfigReader read) {
        if (read.value("seed") != null) {
            layer.seed(read.getLong("seed"));
        }
        return layer;
    }
}
