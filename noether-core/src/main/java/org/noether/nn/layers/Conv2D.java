package org.noether.nn.layers;

import java.util.Map;
import org.noether.io.ConfigReader;
import org.noether.kernel.ChannelBias;
import org.noether.kernel.ConvGeometry;
import org.noether.nn.Layers;
import org.noether.nn.activations.Activation;
import org.noether.nn.activations.Activations;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * A 2-D convolution layer: {@code y = f(conv(x, K) + b)}, the notes'
 * {@code a_{y,x,k} = f(Σ_{m,n,l} a_{y+m−1, x+n−1, l}·K_{m,n,l,k} + b_k)} — the same kernel slid
 * over every position, so a feature learned in one place is found everywhere.
 *
 * <p>Weights: kernel {@code [kh, kw, c/groups, filters]} (Keras's layout; the notes' "18 filters
 * of size K×K" for 3 → 6 channels is {@code [K, K, 3, 6]}), bias {@code [filters]}. Shape:
 * {@code [h, w, c] → [oh, ow, filters]} with {@code oh = 1 + (h − F + 2P)/S} per axis, where
 * {@code F = (kh−1)·D + 1}; a non-integer size is an error naming W, F, P and S.
 *
 * <pre>{@code new Conv2D(32, 3, "relu"); new Conv2D(20, 11).padding("same").boundary(Boundary.PERIODIC);}</pre>
 */
public final class Conv2D extends ConvolutionLayer<Conv2D> {
    private Tensor kernel;
    private Tensor bias;

    /** {@code filters} square {@code kernelSize × kernelSize} filters, no activation. */
    public Conv2D(int filters, int kernelSize) {
        this(filters, new int[] {kernelSize}, Activations.LINEAR);
    }

    /** Square filters followed by the activation of that Keras name. */
    public Conv2D(int filters, int kernelSize, String activation) {
        this(filters, new int[] {kernelSize}, Activations.get(activation));
    }

    /** Square filters followed by {@code activation}. */
    public Conv2D(int filters, int kernelSize, Activation activation) {
        this(filters, new int[] {kernelSize}, activation);
    }

    /** Filters of {@code kernelSize = {height, width}} followed by {@code activation}. */
    public Conv2D(int filters, int[] kernelSize, Activation activation) {
        super(2, filters, kernelSize, activation);
    }

    private ConvGeometry geometry(Shape inputShape) {
        if (inputShape.rank() != 3) {
            throw new IllegalArgumentException(describe() + " expects images [height, width, channels] per sample. "
                    + "Received per-sample shape " + inputShape);
        }
        int[] size = kernelSize();
        int channels = inputShape.dim(2);
        if (channels % groups() != 0) {
            throw new IllegalArgumentException(describe() + ": groups=" + groups() + " must divide the input channels. "
                    + "Received per-sample shape " + inputShape);
        }
        return options().convolution(new int[] {1, inputShape.dim(0), inputShape.dim(1), channels},
                new int[] {size[0], size[1], channels / groups(), filters()});
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        ConvGeometry g = geometry(inputShape);
        return Shape.of(g.outputHeight(), g.outputWidth(), filters());
    }

    @Override
    protected void createWeights(Shape inputShape, Rng rng) {
        int[] size = kernelSize();
        kernel = addWeight("kernel", Shape.of(size[0], size[1], inputShape.dim(2) / groups(), filters()),
                kernelInitializer(), rng, true);
        if (useBias()) {
            bias = addWeight("bias", Shape.of(filters()), biasInitializer(), rng, true);
        }
    }

    @Override
    protected Tensor call(Tensor x, boolean training) {
        ChannelBias.Function fused = Activations.fused(activation());
        if (fused != null && (bias != null || fused != ChannelBias.Function.IDENTITY)) {
            return org.noether.autograd.ops.Conv2D.applyWithBias(x, kernel, options(), bias, fused);
        }
        return finish(org.noether.autograd.ops.Conv2D.apply(x, kernel, options()), bias);
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static Conv2D fromConfig(Map<String, Object> config) {
        ConfigReader read = Layers.configReader("Conv2D", config);
        Conv2D layer = new Conv2D(read.getInt("filters"), read.getIntArray("kernel_size"), Activations.LINEAR);
        readOptions(layer, read);
        read.finish();
        return layer;
    }
}
