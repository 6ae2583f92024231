package org.noether.nn.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.noether.io.ConfigReader;
import org.noether.nn.Layer;
import org.noether.nn.Layers;
import org.noether.nn.initializers.Initializer;
import org.noether.nn.initializers.Initializers;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Layer normalization (Ba, Kiros and Hinton 2016, https://arxiv.org/abs/1607.06450): each sample
 * normalized over its own features, {@code y = γ·(x − μ)/√(σ² + ε) + β} with {@code μ} and the
 * biased {@code σ²} taken over the normalized axes of that sample alone — the same in training and
 * inference, and independent of the batch.
 *
 * <p>Weights: gamma and beta (unless {@code scale} or {@code center} is off), of the shape of the
 * normalized axes. Shape: unchanged. Defaults as Keras: axis −1, epsilon 1e-3, gamma ones, beta
 * zeros.
 *
 * <pre>{@code new LayerNormalization(); new LayerNormalization(1, 2, 3) // over height, width, channels}</pre>
 */
public final class LayerNormalization extends Layer {
    private final int[] axes;
    private double epsilon = 1e-3;
    private boolean center = true;
    private boolean scale = true;
    private Initializer betaInitializer = Initializers.zeros();
    private Initializer gammaInitializer = Initializers.ones();
    private Tensor gamma;
    private Tensor beta;

    /**
     * Normalizes over {@code axes}, counting the batch axis as 0 and negative values from the end;
     * the last axis when none are given.
     */
    public LayerNormalization(int... axes) {
        int[] given = axes.length == 0 ? new int[] {-1} : axes.clone();
        for (int axis : given) {
            if (axis == 0) {
                throw new IllegalArgumentException(type() + " cannot normalize over axis 0, the batch axis. "
                        + "Received: axis=" + Arrays.toString(given));
            }
        }
        this.axes = given;
    }

    private void checkNotBuilt() {
        if (isBuilt()) {
            throw new IllegalStateException(describe() + " is already built; set its options before adding it to a model");
        }
    }

    /** Added to the variance before the square root (default 1e-3). */
    public LayerNormalization epsilon(double value) {
        if (!(value >= 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(type() + " epsilon must be a finite number >= 0. Received: epsilon="
                    + value);
        }
        checkNotBuilt();
        this.epsilon = value;
        return this;
    }

    /** Whether to add the learned offset beta (default true). */
    public LayerNormalization center(boolean value) {
        checkNotBuilt();
        this.center = value;
        return this;
    }

    /** Whether to multiply by the learned scale gamma (default true). */
    public LayerNormalization scale(boolean value) {
        checkNotBuilt();
        this.scale = value;
        return this;
    }

    /** How beta starts (default zeros). */
    public LayerNormalization betaInitializer(Initializer value) {
        checkNotBuilt();
        this.betaInitializer = value;
        return this;
    }

    /** How gamma starts (default ones). */
    public LayerNormalization gammaInitializer(Initializer value) {
        checkNotBuilt();
        this.gammaInitializer = value;
        return this;
    }

    /** The normalized axes as given. */
    public int[] axes() {
        return axes.clone();
    }

    /** Added to the variance before the square root. */
    public double epsilon() {
        return epsilon;
    }

    /** The normalized axes as full-rank indices in increasing order, checked against {@code inputShape}. */
    private int[] resolvedAxes(Shape inputShape) {
        int[] resolved = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            resolved[i] = Normalization.resolveAxis(describe(), axes[i], inputShape);
        }
        Arrays.sort(resolved);
        for (int i = 1; i < resolved.length; i++) {
            if (resolved[i] == resolved[i - 1]) {
                throw new IllegalArgumentException(describe() + ": axis " + Arrays.toString(axes) + " names axis "
                        + resolved[i] + " twice for inputs of shape " + Normalization.batchShape(inputShape));
            }
        }
        return resolved;
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        resolvedAxes(inputShape);
        return inputShape;
    }

    @Override
    protected void createWeights(Shape inputShape, Rng rng) {
        int[] resolved = resolvedAxes(inputShape);
        int[] dims = new int[resolved.length];
        for (int i = 0; i < resolved.length; i++) {
            dims[i] = inputShape.dim(resolved[i] - 1);
        }
        if (scale) {
            gamma = addWeight("gamma", Shape.of(dims), gammaInitializer, rng, true);
        }
        if (center) {
            beta = addWeight("beta", Shape.of(dims), betaInitializer, rng, true);
        }
    }

    @Override
    protected Tensor call(Tensor x, boolean training) {
        int[] resolved = resolvedAxes(inputShape());
        Shape broadcast = Normalization.broadcastShape(inputShape(), resolved);
        Tensor[] moments = Normalization.moments(x, resolved);
        return Normalization.scale(moments[1], moments[2], gamma == null ? null : gamma.reshape(broadcast),
                beta == null ? null : beta.reshape(broadcast), epsilon);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("axis", axes.length == 1 ? axes[0] : WindowArguments.toList(axes));
        config.put("epsilon", epsilon);
        config.put("center", center);
        config.put("scale", scale);
        config.put("beta_initializer", Layers.initializerConfig(betaInitializer));
        config.put("gamma_initializer", Layers.initializerConfig(gammaInitializer));
        return config;
    }

    /** Rebuilds the layer from {@link #config()}; unknown keys are an error. */
    public static LayerNormalization fromConfig(Map<String, Object> config) {
        ConfigReader read = Layers.configReader("LayerNormalization", config)
                .expect("rms_scaling", value -> value == null || Boolean.FALSE.equals(value), "false");
        Object axis = read.value("axis");
        int[] axes = axis instanceof List<?> ? read.getIntArray("axis") : new int[] {read.getInt("axis", -1)};
        LayerNormalization layer = new LayerNormalization(axes)
                .epsilon(read.getDouble("epsilon", 1e-3))
                .center(read.getBoolean("center", true))
                .scale(read.getBoolean("scale", true))
                .betaInitializer(Layers.initializer(read.value("beta_initializer"), Initializers.zeros()))
                .gammaInitializer(Layers.initializer(read.value("gamma_initializer"), Initializers.ones()));
        read.finish();
        return layer;
    }
}
