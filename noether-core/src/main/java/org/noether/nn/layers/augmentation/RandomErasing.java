package org.noether.nn.layers.augmentation;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.noether.data.ImageTransforms;
import org.noether.data.ImageTransforms.Box;
import org.noether.io.ConfigReader;
import org.noether.tensor.Rng;
import org.noether.tensor.Tensor;

/**
 * Occludes training images (the homework's "occlude parts of them"; Zhong et al., "Random Erasing
 * Data Augmentation", <a href="https://arxiv.org/abs/1708.04896">arXiv:1708.04896</a>) as Keras's
 * RandomErasing does: for each image a probability p is drawn uniformly from the {@code factor}
 * range and, with that probability, one random rectangle covering a fraction in the {@code scale}
 * range of the image ({@link Box#random}) is set to {@code fill_value}, or, when that is null
 * (default), to Gaussian noise {@code N(0,1)·value_range[1]}; fills are clipped to
 * {@code value_range}. Identity at inference.
 *
 * <p>Defaults are Keras's: {@code factor = 1} (the range [0, 1], so an image is erased with
 * probability 1/2 on average; {@code factor(1, 1)} erases every image), {@code scale = (0.02, 0.33)},
 * {@code value_range = (0, 255)} (set {@code valueRange(0, 1)} for images in [0, 1]).
 *
 * <p>Shape: unchanged, {@code [h, w, c]}. Gradient: passes through outside the rectangle, zero
 * inside it.
 *
 * <pre>{@code new RandomErasing().factor(0.5, 0.5).scale(0.05, 0.2).fillValue(0).valueRange(0, 1)}</pre>
 */
public final class RandomErasing extends ImageAugmentation<RandomErasing> {
    private FactorRange factor = new FactorRange(0, 1);
    private FactorRange scale = new FactorRange(0.02, 0.33);
    private Double fillValue;
    private FactorRange valueRange = new FactorRange(0, 255);

    /** Keras's defaults. */
    public RandomErasing() {
    }

    /** Erasing probabilities drawn from {@code [0, factor]}, factor in [0, 1] (as Keras reads one number). */
    public RandomErasing factor(double value) {
        return factor(0, value);
    }

    /** Erasing probabilities drawn from {@code [lower, upper]} within [0, 1]; {@code (p, p)} erases with probability p. */
    public RandomErasing factor(double lower, double upper) {
        checkNotBuilt();
        this.factor = FactorRange.of(lower, upper).checkWithin("RandomErasing", "factor", 0, 1);
        return this;
    }

    /** The range of the erased fraction of the image, within [0, 1]. */
    public RandomErasing scale(double lower, double upper) {
        checkNotBuilt();
        this.scale = FactorRange.of(lower, upper).checkWithin("RandomErasing", "scale", 0, 1);
        return this;
    }

    /** Erased pixels get {@code value} (clipped to the value range). */
    public RandomErasing fillValue(double value) {
        checkNotBuilt();
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("RandomErasing fill_value must be finite. Received: fill_value=" + value);
        }
        this.fillValue = value;
        return this;
    }

    /** Erased pixels get Gaussian noise {@code N(0,1)·value_range[1]}, clipped to the value range (the default). */
    public RandomErasing fillNoise() {
        checkNotBuilt();
        this.fillValue = null;
        return this;
    }

    /** The range of the images' values, {@code low < high} ([0, 255] by default). */
    public RandomErasing valueRange(double low, double high) {
        checkNotBuilt();
        if (!(low < high)) {
            throw new IllegalArgumentException("RandomErasing value_range must have low < high. Received: value_range=["
                    + low + ", " + high + "]");
        }
        this.valueRange = new FactorRange(low, high);
        return this;
    }

    @Override
    protected Tensor augment(Tensor images, Rng rng) {
        Box[] boxes = new Box[images.dim(0)];
        for (int i = 0; i < boxes.length; i++) {
            boolean erase = rng.nextDouble() < factor.draw(rng);
            Box box = Box.random(images.dim(1), images.dim(2), scale.lower(), scale.upper(), rng);
            boxes[i] = erase ? box : null;
        }
        Tensor fill = fillValue != null ? Tensor.scalar(fillValue)
                : Tensor.normal(images.shape(), 0, valueRange.upper(), rng);
        return ImageTransforms.erase(images, boxes, fill.clamp(valueRange.lower(), valueRange.upper()));
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("factor", List.of(factor.lower(), factor.upper()));
        config.put("scale", List.of(scale.lower(), scale.upper()));
        config.put("fill_value", fillValue);
        config.put("value_range", List.of(valueRange.lower(), valueRange.upper()));
        return config;
    }

    /** Rebuilds the layer from {@link #config()}; unknown keys are an error. */
    public static RandomErasing fromConfig(Map<String, Object> config) {
        ConfigReader read = configReader("RandomErasing", config);
        RandomErasing layer = new RandomErasing();
        // One number f means [0, f], as Keras clips the symmetric range [-f, f] to the bounds [0, 1].
        FactorRange factor = readRange(read, "factor", layer.factor);
        layer.factor(factor.lower(), factor.upper());
        FactorRange scale = readRange(read, "scale", layer.scale);
        layer.scale(scale.lower(), scale.upper());
        read.getOptionalDouble("fill_value").ifPresent(layer::fillValue);
        if (read.value("value_range") != null) {
            double[] bounds = read.getDoubleArray("value_range");
            if (bounds.length != 2) {
                throw new IllegalArgumentException("Config key 'value_range' of RandomErasing must be a pair [low, high]. "
                        + "Received: value_range=" + Arrays.toString(bounds));
            }
            layer.valueRange(bounds[0], bounds[1]);
        }
        readSeed(layer, read);
        read.finish();
        return layer;
    }

    private static FactorRange readRange(ConfigReader read, String key, FactorRange fallback) {
        return read.value(key) instanceof Number number ? FactorRange.of(0, number.doubleValue())
                : FactorRange.read(read, key, fallback);
    }
}
