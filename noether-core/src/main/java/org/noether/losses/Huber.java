package org.noether.losses;

import java.util.Map;
import org.noether.io.ConfigReader;
import org.noether.tensor.Tensor;

/**
 * Huber loss, Keras {@code "huber_loss"} (alias {@code "huber"}): quadratic for small errors,
 * linear for large ones, so that outliers pull less than in {@link MeanSquaredError}.
 *
 * <p>With {@code e = yPred − yTrue}: {@code ℓ(e) = ½e²} where {@code |e| ≤ δ}, else
 * {@code δ|e| − ½δ²}; {@code loss = mean_samples( mean_j ℓ(e_j) )}. Keras default {@code δ = 1}.
 *
 * <p>Shape: {@code yTrue} and {@code yPred} {@code [batch, ..., d]} (matched by
 * {@link TargetShapes}); the per-sample loss is the mean over the last axis; the result is a scalar.
 *
 * <pre>{@code Tensor loss = new Huber(0.5).compute(yTrue, yPred);}</pre>
 *
 * @param delta where the loss turns from quadratic to linear; positive
 */
public record Huber(double delta) implements Loss {
    /** The Keras name. */
    public static final String NAME = "huber_loss";

    /** Checks that {@code delta} is positive. */
    public Huber {
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("huber_loss: delta must be a positive number. Received: delta=" + delta);
        }
    }

    /** Huber loss with Keras's default {@code delta = 1}. */
    public Huber() {
        this(1.0);
    }

    @Override
    public Tensor compute(Tensor yTrue, Tensor yPred) {
        TargetShapes.Aligned pair = TargetShapes.align(NAME, yTrue, yPred);
        Tensor error = pair.yPred().sub(pair.yTrue());
        Tensor size = error.abs();
        Tensor quadratic = error.square().mul(0.5);
        Tensor linear = size.mul(delta).sub(0.5 * delta * delta);
        return Reduction.meanOverLastAxis(quadratic.where(size.le(Tensor.scalar(delta)), linear));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> config() {
        return Losses.ordered("delta", delta);
    }

    static Huber fromConfig(ConfigReader config) {
        return new Huber(config.getDouble("delta", new Huber().delta()));
    }
}
