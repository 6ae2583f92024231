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
 * Maxout (Goodfellow et al. 2013): each output is the largest of {@code pieces} affine functions
 * of the input, {@code y_j = max_p (x·W_p + b_p)_j} — the notes'
 * {@code max(w₁ᵀx + b₁, w₂ᵀx + b₂)}. A learned, piecewise-linear activation.
 *
 * <p>Weights: kernel {@code [in, units·pieces]}, bias {@code [units·pieces]}, piece {@code p} of
 * unit {@code j} in column {@code j·pieces + p}. Shape: {@code [..., in] → [..., units]}.
 *
 * <pre>{@code new Maxout(64, 2)}</pre>
 */
public final class Maxout extends Layer {
    private final int units;
    private final int pieces;
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Tensor kernel;
    private Tensor bias;

    /** {@code units} outputs, each the maximum of {@code pieces} linear pieces. */
    public Maxout(int units, int pieces) {
        if (units <= 0 || pieces <= 0) {
            throw new IllegalArgumentException("Maxout needs positive units and pieces. Received: units=" + units
                    + ", pieces=" + pieces);
        }
        this.units = units;
        this.pieces = pieces;
    }

    /** How the kernel starts (default Glorot uniform). */
    public Maxout kernelInitializer(Initializer initializer) {
        if (isBuilt()) {
            throw new IllegalStateException(describe() + " is already built; set its options before adding it to a model");
        }
        this.kernelInitializer = initializer;
        return this;
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        if (inputShape.rank() < 1) {
            throw new IllegalArgumentException(describe() + " needs inputs with a feature axis. Received per-sample shape "
                    + inputShape);
        }
        return inputShape.withDim(-1, units);
    }

    @Override
    protected void createWeights(Shape inputShape, Rng rng) {
        kernel = addWeight("kernel", Shape.of(inputShape.dim(-1), units * pieces), kernelInitializer, rng, true);
        bias = addWeight("bias", Shape.of(units * pieces), Initializers.zeros(), rng, true);
    }

    @Override
    protected Tensor call(Tensor x, boolean training) {
        Tensor z = x.matmul(kernel).add(bias);
        int[] grouped = z.shape().dims();
        int[] withPieces = java.util.Arrays.copyOf(grouped, grouped.length + 1);
        withPieces[grouped.length - 1] = units;
        withPieces[grouped.length] = pieces;
        return z.reshape(withPieces).max(-1, false);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("units", units);
        config.put("pieces", pieces);
        config.put("kernel_initializer", Layers.initializerConfig(kernelInitializer));
        return config;
    }

    /** Rebuilds a Maxout layer from {@link #config()}; unknown keys are an error. */
    public static Maxout fromConfig(Map<String, Object> config) {
        ConfigReader read = Layers.configReader("Maxout", config);
        Maxout maxout = new Maxout(read.getInt("units"), read.getInt("pieces"))
                .kernelInitializer(Layers.initializer(read.value("kernel_initializer"), Initializers.glorotUniform()));
        read.finish();
        return maxout;
    }
}
