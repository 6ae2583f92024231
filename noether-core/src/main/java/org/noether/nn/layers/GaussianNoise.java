package org.noether.nn.layers;

import java.util.Map;
import org.noether.data.ImageTransforms;
import org.noether.io.ConfigReader;
import org.noether.nn.Layer;
import org.noether.nn.Layers;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Additive zero-centred Gaussian noise, {@code y = x + ε} with {@code ε ~ N(0, stddev²)} drawn anew
 * for every value, in training only (Keras's GaussianNoise, a regularizer and the homework's noisy
 * images); the identity at inference.
 *
 * <p>Shape: unchanged, any rank. Gradient: {@code ∂y/∂x = 1}. The noise comes from the model's seed
 * (or from {@code seed}, when given, as Keras's {@code seed} argument).
 *
 * <pre>{@code new GaussianNoise(0.1)}</pre>
 */
public final class GaussianNoise extends Layer {
    private final double stddev;
    private Long seed;
    private Rng rng;

    /** Noise of standard deviation {@code stddev} in [0, 1] (Keras's bounds). */
    public GaussianNoise(double stddev) {
        if (!(stddev >= 0 && stddev <= 1)) {
            throw new IllegalArgumentException("GaussianNoise stddev must be a number in [0, 1]. Received: stddev="
                    + stddev);
        }
        this.stddev = stddev;
    }

    /** Draws from a stream seeded by {@code value} instead of the model's seed. */
    public GaussianNoise seed(long value) {
        if (isBuilt()) {
            throw new IllegalStateException(describe() + " is already built; set its seed before adding it to a model");
        }
        this.seed = value;
        return this;
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        return inputShape;
    }

    @Override
    protected void createWeights(Shape inputShape, Rng buildRng) {
        Rng split = buildRng.split(); // drawn even with a seed, so other layers' draws do not depend on it
        this.rng = seed == null ? split : new Rng(seed);
    }

    @Override
    protected Tensor call(Tensor x, boolean training) {
        return training && stddev > 0 ? ImageTransforms.addGaussianNoise(x, stddev, rng) : x;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("stddev", stddev);
        if (seed != null) {
            config.put("seed", seed);
        }
        return config;
    }

    /** Rebuilds the layer from {@link #config()}; unknown keys are an error. */
    public static GaussianNoise fromConfig(Map<String, Object> config) {
        ConfigReader read = Layers.configReader("GaussianNoise", config);
        GaussianNoise layer = new GaussianNoise(read.getDouble("stddev"));
        if (read.value("seed") != null) {
            layer.seed(read.getLong("seed"));
        }
        read.finish();
        return layer;
    }
}
