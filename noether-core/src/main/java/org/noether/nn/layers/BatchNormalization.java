package org.noether.nn.layers;

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
 * Batch normalization (Ioffe and Szegedy 2015, https://arxiv.org/abs/1502.03167): each channel
 * shifted and scaled to zero mean and unit variance, then given a learned scale and offset,
 * {@code y = γ·(x − μ)/√(σ² + ε) + β}.
 *
 * <p>In training {@code μ} and {@code σ²} are the current batch's mean and (biased) variance over
 * every axis but the channel axis — N, H, W for images, N for dense features — and gradients flow
 * through them; each training call also updates the non-trainable moving statistics as Keras does,
 * {@code moving = moving·momentum + batch·(1 − momentum)}. In inference the moving statistics are
 * used, so a sample's output does not depend on the rest of its batch.
 *
 * <p>Weights (Keras's names and order): gamma and beta (trainable, unless {@code scale} or
 * {@code center} is off), moving_mean and moving_variance (non-trainable, saved with the model),
 * all of shape {@code [channels]}. Shape: unchanged. Defaults as Keras: axis −1, momentum 0.99,
 * epsilon 1e-3, gamma and moving variance start at 1, beta and moving mean at 0.
 *
 * <pre>{@code new Conv2D(32, 3).useBias(false), new BatchNormalization(), new ActivationLayer("relu")}</pre>
 */
public final class BatchNormalization extends Layer {
    private int axis = -1;
    private double momentum = 0.99;
    private double epsilon = 1e-3;
    private boolean center = true;
    private boolean scale = true;
    private Initializer betaInitializer = Initializers.zeros();
    private Initializer gammaInitializer = Initializers.ones();
    private Initializer movingMeanInitializer = Initializers.zeros();
    private Initializer movingVarianceInitializer = Initializers.ones();
    private Tensor gamma;
    private Tensor beta;
    private Tensor movingMean;
    private Tensor movingVariance;

    /** Normalizes the last axis with Keras's defaults. */
    public BatchNormalization() {
    }

    private void checkNotBuilt() {
        if (isBuilt()) {
            throw new IllegalStateException(describe() + " is already built; set its options before adding it to a model");
        }
    }

    /** The channel axis, counting the batch axis as 0 and negative values from the end (default −1). */
    public BatchNormalization axis(int value) {
        if (value == 0) {
            throw new IllegalArgumentException(type() + " axis cannot be 0, the batch axis. Received: axis=0");
        }
        checkNotBuilt();
        this.axis = value;
        return this;
    }

    /** Weight of the old value in each moving-statistics update, in [0, 1] (default 0.99). */
    public BatchNormalization momentum(double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(type() + " momentum must be in [0, 1]. Received: momentum=" + value);
        }
        checkNotBuilt();
        this.momentum = value;
        return this;
    }

    /** Added to the variance before the square root (default 1e-3). */
    public BatchNormalization epsilon(double value) {
        if (!(value >= 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(type() + " epsilon must be a finite number >= 0. Received: epsilon="
                    + value);
        }
        checkNotBuilt();
        this.epsilon = value;
        return this;
    }

    /** Whether to add the learned offset beta (default true). */
    public BatchNormalization center(boolean value) {
        checkNotBuilt();
        this.center = value;
        return this;
    }

    /** Whether to multiply by the learned scale gamma (default true). */
    public BatchNormalization scale(boolean value) {
        checkNotBuilt();
        this.scale = value;
        return this;
    }

    /** How beta starts (default zeros). */
    public BatchNormalization betaInitializer(Initializer value) {
        checkNotBuilt();
        this.betaInitializer = value;
        return this;
    }

    /** How gamma starts (default ones). */
    public BatchNormalization gammaInitializer(Initializer value) {
        checkNotBuilt();
        this.gammaInitializer = value;
        return this;
    }

    /** How the moving mean starts (default zeros). */
    public BatchNormalization movingMeanInitializer(Initializer value) {
        checkNotBuilt();
        this.movingMeanInitializer = value;
        return this;
    }

    /** How the moving variance starts (default ones). */
    public BatchNormalization movingVarianceInitializer(Initializer value) {
        checkNotBuilt();
        this.movingVarianceInitializer = value;
        return this;
    }

    /** The channel axis as given (the batch axis counts as 0). */
    public int axis() {
        return axis;
    }

    /** Weight of the old value in each moving-statistics update. */
    public double momentum() {
        return momentum;
    }

    /** Added to the variance before the square root. */
    public double epsilon() {
        return epsilon;
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        Normalization.resolveAxis(describe(), axis, inputShape);
        return inputShape;
    }

    @Override
    protected void createWeights(Shape inputShape, Rng rng) {
        Shape channels = Shape.of(inputShape.dim(Normalization.resolveAxis(describe(), axis, inputShape) - 1));
        if (scale) {
            gamma = addWeight("gamma", channels, gammaInitializer, rng, true);
        }
        if (center) {
            beta = addWeight("beta", channels, betaInitializer, rng, true);
        }
        movingMean = addWeight("moving_mean", channels, movingMeanInitializer, rng, false);
        movingVariance = addWeight("moving_variance", channels, movingVarianceInitializer, rng, false);
    }

    @Override
    protected Tensor call(Tensor x, boolean training) {
        Shape inputShape = inputShape();
        int channelAxis = Normalization.resolveAxis(describe(), axis, inputShape);
        Shape broadcast = Normalization.broadcastShape(inputShape, channelAxis);
        Tensor scaleWeight = gamma == null ? null : gamma.reshape(broadcast);
        Tensor offset = beta == null ? null : beta.reshape(broadcast);
        if (!training) {
            Tensor centered = x.sub(movingMean.reshape(broadcast));
            return Normalization.scale(centered, movingVariance.reshape(broadcast), scaleWeight, offset, epsilon);
        }
        if (channelAxis == x.rank() - 1) {
            // Channels last (NHWC, or features of a dense layer): the fused two-pass kernel.
            org.noether.autograd.ops.BatchNorm.Result result =
                    org.noether.autograd.ops.BatchNorm.apply(x, gamma, beta, epsilon);
            updateMoving(movingMean, result.mean());
            updateMoving(movingVariance, result.variance());
            return result.output();
        }
        int[] reduced = new int[x.rank() - 1];
        for (int a = 0, i = 0; a < x.rank(); a++) {
            if (a != channelAxis) {
                reduced[i++] = a;
            }
        }
        Tensor[] moments = Normalization.moments(x, reduced);
        updateMoving(movingMean, moments[0]);
        updateMoving(movingVariance, moments[2]);
        return Normalization.scale(moments[1], moments[2], scaleWeight, offset, epsilon);
    }

    /** {@code moving ← moving·momentum + batch·(1 − momentum)}, in float32 as Keras computes it. */
    private void updateMoving(Tensor moving, Tensor batch) {
        float keep = (float) momentum;
        float take = (float) (1 - momentum);
        float[] values = moving.data();
        float[] batchValues = batch.data(); // one value per channel: the other axes have size 1
        for (int c = 0; c < values.length; c++) {
            values[c] = values[c] * keep + batchValues[c] * take;
        }
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("axis", axis);
        config.put("momentum", momentum);
        config.put("epsilon", epsilon);
        config.put("center", center);
        config.put("scale", scale);
        config.put("beta_initializer", Layers.initializerConfig(betaInitializer));
        config.put("gamma_initializer", Layers.initializerConfig(gammaInitializer));
        config.put("moving_mean_initializer", Layers.initializerConfig(movingMeanInitializer));
        config.put("moving_variance_initializer", Layers.initializerConfig(movingVarianceInitializer));
        return config;
    }

    /** Rebuilds the layer from {@link #config()}; unknown keys are an error. */
    public static BatchNormalization fromConfig(Map<String, Object> config) {
        ConfigReader read = Layers.configReader("BatchNormalization", config)
                .expect("synchronized", value -> value == null || Boolean.FALSE.equals(value), "false");
        BatchNormalization layer = new BatchNormalization()
                .axis(read.getInt("axis", -1))
                .momentum(read.getDouble("momentum", 0.99))
                .epsilon(read.getDouble("epsilon", 1e-3))
                .center(read.getBoolean("center", true))
                .scale(read.getBoolean("scale", true))
                .betaInitializer(Layers.initializer(read.value("beta_initializer"), Initializers.zeros()))
                .gammaInitializer(Layers.initializer(read.value("gamma_initializer"), Initializers.ones()))
                .movingMeanInitializer(Layers.initializer(read.value("moving_mean_initializer"), Initializers.zeros()))
                .movingVarianceInitializer(Layers.initializer(read.value("moving_variance_initializer"),
                        Initializers.ones()));
        read.finish();
        return layer;
    }
}
