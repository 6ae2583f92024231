package org.noether.autograd.ops;

import org.noether.autograd.Autograd;
import org.noether.autograd.Function;
import org.noether.autograd.GradMode;
import org.noether.kernel.ChannelNormalization;
import org.noether.kernel.Scratch;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Batch normalization with the batch's own statistics, over every axis but the last (the channel
 * axis of NHWC activations): {@code y = (x − μ)·γ/√(σ² + ε) + β}, with per-channel mean {@code μ}
 * and biased variance {@code σ²} of the batch.
 *
 * <p>Shape: {@code x [..., c]}, {@code γ, β [c]} (either may be null) → like x. Gradient: a fused
 * kernel ({@link ChannelNormalization#backward}) that includes the paths through μ and σ²; when
 * the gradient itself is being recorded (a second derivative), the same formula as tensor
 * operations instead, so that it can be differentiated again.
 */
public final class BatchNorm extends Function {
    private final double epsilon;
    private final float[] mean;
    private final float[] inverseStd;

    /** The output and the batch statistics (constants, for the moving averages). */
    public record Result(Tensor output, Tensor mean, Tensor variance) {
    }

    private BatchNorm(double epsilon, float[] mean, float[] inverseStd) {
        this.epsilon = epsilon;
        this.mean = mean;
        this.inverseStd = inverseStd;
    }

    /** Normalizes {@code x} with its batch statistics, then scales by {@code gamma} and shifts by {@code beta}. */
    public static Result apply(Tensor x, Tensor gamma, Tensor beta, double epsilon) {
        int channels = x.dim(-1);
        int rows = x.size() / Math.max(1, channels);
        check(gamma, channels, "gamma", x);
        check(beta, channels, "beta", x);
        float[] mean = new float[channels];
        float[] variance = new float[channels];
        float[] inverseStd = new float[channels];
        ChannelNormalization.statistics(x.data(), rows, channels, epsilon, mean, variance, inverseStd);
        float[] out = Scratch.floats(x.size());
        ChannelNormalization.normalize(x.data(), rows, channels, mean, inverseStd,
                gamma == null ? null : gamma.data(), beta == null ? null : beta.data(), out);
        Tensor y = new BatchNorm(epsilon, mean, inverseStd).record(Tensor.wrap(out, x.shape()), x, gamma, beta);
        return new Result(y, Tensor.wrap(mean, Shape.of(channels)), Tensor.wrap(variance, Shape.of(channels)));
    }

    private static void check(Tensor weight, int channels, String name, Tensor x) {
        if (weight != null && !weight.shape().equals(Shape.of(channels))) {
            throw new IllegalArgumentException("batch normalization: " + name + " has shape " + weight.shape()
                    + ", expected [" + channels + "] for input " + x.shape());
        }
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        Tensor x = input(0);
        Tensor gamma = input(1);
        Tensor beta = input(2);
        if (GradMode.isEnabled()) {
            return recordedBackward(g, x, gamma, beta);
        }
        int channels = x.dim(-1);
        int rows = x.size() / Math.max(1, channels);
        float[] dx = Scratch.floats(x.size());
        float[] dgamma = gamma != null && needsGrad(1) ? new float[channels] : null;
        float[] dbeta = beta != null && needsGrad(2) ? new float[channels] : null;
        ChannelNormalization.backward(x.data(), g.data(), rows, channels, mean, inverseStd,
                gamma == null ? null : gamma.data(), dx, dgamma, dbeta);
        return new Tensor[] {
            needsGrad(0) ? Tensor.wrap(dx, x.shape()) : null,
            dgamma == null ? null : Tensor.wrap(dgamma, gamma.shape()),
            dbeta == null ? null : Tensor.wrap(dbeta, beta.shape())};
    }

    /** The gradient as recorded tensor operations: differentiating the same formula written with ops. */
    private Tensor[] recordedBackward(Tensor g, Tensor x, Tensor gamma, Tensor beta) {
        int[] axes = new int[x.rank() - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i;
        }
        Tensor batchMean = x.mean(true, axes);
        Tensor centered = x.sub(batchMean);
        Tensor scaled = centered.mul(centered.square().mean(true, axes).add(epsilon).pow(-0.5));
        Tensor y = gamma == null ? scaled : scaled.mul(gamma);
        y = beta == null ? y : y.add(beta);
        Tensor[] targets = {x, gamma, beta};
        Tensor[] wanted = java.util.Arrays.stream(targets).filter(t -> t != null).toArray(Tensor[]::new);
        Tensor[] grads = Autograd.grad(new Tensor[] {y}, new Tensor[] {g}, wanted, true);
        Tensor[] result = new Tensor[3];
        for (int i = 0, j = 0; i < 3; i++) {
            if (targets[i] != null) {
                result[i] = needsGrad(i) ? grads[j] : null;
                j++;
            }
        }
        return result;
    }
}
