package org.noether.nn.layers;

import java.util.Arrays;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * The arithmetic that batch and layer normalization share, written with differentiable tensor ops
 * so that gradients (through the statistics too) come from autograd:
 * {@code y = (x − μ)·γ/√(σ² + ε) + β}, with {@code μ} and the biased {@code σ²} taken over some
 * axes and kept as size-1 axes so that they broadcast back.
 *
 * <pre>{@code Tensor[] moments = Normalization.moments(x, 0, 1, 2); // per-channel statistics of NHWC images}</pre>
 */
final class Normalization {
    private Normalization() {
    }

    /**
     * {@code {μ, x − μ, σ²}} over {@code axes} (full-rank indices, batch axis included), with
     * {@code μ = mean(x)} and the biased {@code σ² = mean((x − μ)²)} keeping the reduced axes with size 1.
     */
    static Tensor[] moments(Tensor x, int... axes) {
        Tensor mean = x.mean(true, axes);
        Tensor centered = x.sub(mean);
        Tensor variance = centered.square().mean(true, axes);
        return new Tensor[] {mean, centered, variance};
    }

    /** {@code centered·γ/√(variance + ε) + β}; {@code gamma} or {@code beta} may be null (not used). */
    static Tensor scale(Tensor centered, Tensor variance, Tensor gamma, Tensor beta, double epsilon) {
        Tensor inverse = variance.add(epsilon).pow(-0.5);
        if (gamma != null) {
            inverse = inverse.mul(gamma);
        }
        Tensor out = centered.mul(inverse);
        return beta == null ? out : out.add(beta);
    }

    /**
     * Keras's {@code axis} (counting the batch axis as 0, negative from the end) as a full-rank index
     * for inputs of per-sample shape {@code inputShape}; the batch axis itself is refused.
     */
    static int resolveAxis(String owner, int axis, Shape inputShape) {
        int rank = inputShape.rank() + 1;
        int resolved = axis < 0 ? axis + rank : axis;
        if (resolved < 1 || resolved >= rank) {
            throw new IllegalArgumentException(owner + ": axis=" + axis + " is not a feature axis of inputs of shape "
                    + batchShape(inputShape) + " (axis 0 is the batch). Received per-sample shape " + inputShape);
        }
        return resolved;
    }

    /** The full-rank shape, 1 on every axis but {@code axes}, on which a weight of those axes broadcasts. */
    static Shape broadcastShape(Shape inputShape, int... axes) {
        int[] dims = new int[inputShape.rank() + 1];
        Arrays.fill(dims, 1);
        for (int axis : axes) {
            dims[axis] = inputShape.dim(axis - 1);
        }
        return Shape.of(dims);
    }

    /** {@code (None, 4, 5)}: a per-sample shape with the batch axis in front, as errors show it. */
    static String batchShape(Shape inputShape) {
        StringBuilder text = new StringBuilder("(None");
        for (int dim : inputShape.dims()) {
            text.append(", ").append(dim);
        }
        return text.append(')').toString();
    }
}
