package org.noether.nn.layers;

import java.util.Map;
import org.noether.io.ConfigReader;
import org.noether.kernel.Scratch;
import org.noether.nn.Layer;
import org.noether.nn.Layers;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Dropout (the notes' remedy for overfitting): in training, each value is zeroed with probability
 * {@code rate} and the survivors are scaled by {@code 1/(1−rate)} ("inverted" dropout), so that
 * inference needs no rescaling and is the identity.
 *
 * <p>Shape: unchanged. The random masks come from the model's seed.
 *
 * <pre>{@code new Dropout(0.5)}</pre>
 */
public final class Dropout extends Layer {
    private final double rate;
    private Rng rng;

    /** Drops each value with probability {@code rate} in {@code [0, 1)}. */
    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Dropout rate must be in [0, 1). Received: rate=" + rate);
        }
        this.rate = rate;
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        return inputShape;
    }

    @Override
    protected void createWeights(Shape inputShape, Rng buildRng) {
        this.rng = buildRng.split();
    }

    @Override
    protected Tensor call(Tensor x, boolean training) {
        if (!training || rate == 0) {
            return x;
        }
        float keep = (float) (1 / (1 - rate));
        float[] mask = Scratch.floats(x.size());
        for (int i = 0; i < mask.length; i++) {
            mask[i] = rng.nextDouble() < rate ? 0f : keep;
        }
        return x.mul(Tensor.wrap(mask, x.shape()));
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("rate", rate);
        return config;
    }

    /** Rebuilds the layer from {@link #config()}; unknown keys are an error. */
    public static Dropout fromConfig(Map<String, Object> config) {
        ConfigReader read = Layers.configReader("Dropout", config);
        Dropout dropout = new Dropout(read.getDouble("rate"));
        read.finish();
        return dropout;
    }
}
