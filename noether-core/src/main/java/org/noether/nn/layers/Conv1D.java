package org.noether.nn.layers;

import java.util.Map;
import org.noether.io.ConfigReader;
import org.noether.kernel.ConvGeometry;
import org.noether.nn.Layers;
import org.noether.nn.activations.Activation;
import org.noether.nn.activations.Activations;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * A 1-D convolution layer over sequences: {@code y[t, k] = f(Σ_{j,c} x[t·S + j·D − P, c]·K[j, c, k] + b_k)}
 * — the notes' first example (W=5, F=3, S=1, P=1, weights [1, −1, 1], bias −2, ReLU).
 *
 * <p>Weights: kernel {@code [k, c/groups, filters]}, bias {@code [filters]}. Shape:
 * {@code [w, c] → [1 + (w − F + 2P)/S, filters]}; a non-integer size is an error naming W, F, P
 * and S. Computed as a 2-D convolution of a one-pixel-high image.
 *
 * <pre>{@code new Conv1D(1, 3, "relu").padding(Padding.explicit(1))}</pre>
 */
public final class Conv1D extends ConvolutionLayer<Conv1D> {
    private Tensor kernel;
    private Tensor bias;

    /** {@code filters} filters of {@code kernelSize} taps, no activation. */
    public Conv1D(int filters, int kernelSize) {
        this(filters, kernelSize, Activations.LINEAR);
    }

    /** Filters followed by the activation of that Keras name. */
    public Conv1D(int filters, int kernelSize, String activation) {
        this(filters, kernelSize, Activations.get(activation));
    }

    /** Filters followed by {@code activation}. */
    public Conv1D(int filters, int kernelSize, Activation activation) {
        super(1, filters, new int[] {kernelSize}, activation);
    }

    private ConvGeometry geometry(Shape inputShape) {
        if (inputShape.rank() != 2) {
            throw new IllegalArgumentException(describe() + " expects sequences [steps, channels] per sample. "
                    + "Received per-sample shape " + inputShape);
        }
        int channels = inputShape.dim(1);
        if (channels % groups() != 0) {
            throw new IllegalArgumentException(describe() + ": groups=" + groups() + " must divide the input channels. "
                    + "Received per-sample shape " + inputShape);
        }
        return options().convolution(new int[] {1, 1, inputShape.dim(0), channels},
                new int[] {1, kernelSize()[0], channels / groups(), filters()});
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        return Shape.of(geometry(inputShape).outputWidth(), filters());
    }

    @Override
    protected void createWeights(Shape inputShape, Rng rng) {
        kernel = addWeight("kernel", Shape.of(kernelSize()[0], inputShape.dim(1) / groups(), filters()),
                kernelInitializer(), rng, true);
        if (useBias()) {
            bias = addWeight("bias", Shape.of(filters()), biasInitializer(), rng, true);
        }
    }

    @Override
    protected Tensor call(Tensor x, boolean training) {
        Tensor image = x.reshape(x.dim(0), 1, x.dim(1), x.dim(2));
        Tensor kernel2d = kernel.reshape(1, kernel.dim(0), kernel.dim(1), kernel.dim(2));
        Tensor y = org.noether.autograd.ops.Conv2D.apply(image, kernel2d, options());
        return finish(y.reshape(y.dim(0), y.dim(2), y.dim(3)), bias);
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static Conv1D fromConfig(Map<String, Object> config) {
        ConfigReader read = Layers.configReader("Conv1D", config);
        Conv1D layer = new Conv1D(read.getInt("filters"), read.getIntArray("kernel_size")[0], Activations.LINEAR);
        readOptions(layer, read);
        read.finish();
        return layer;
    }
}
