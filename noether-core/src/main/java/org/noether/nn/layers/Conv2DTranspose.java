package org.noether.nn.layers;

import java.util.Arrays;
import java.util.Map;
import org.noether.autograd.ops.Conv2DInputGrad;
import org.noether.io.ConfigReader;
import org.noether.kernel.ConvGeometry;
import org.noether.kernel.Padding;
import org.noether.nn.Layers;
import org.noether.nn.activations.Activation;
import org.noether.nn.activations.Activations;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * A transposed 2-D convolution ("deconvolution"): each input pixel spreads a weighted copy of the
 * kernel over a window of the output, windows {@code S} apart and overlapping where they meet —
 * {@code y[i·S + m·D − P, j·S + n·D − P, k] += x[i, j, c]·K[m, n, k, c]}, then {@code f(y + b)}. It is
 * the input gradient of the convolution with the same kernel, strides and padding, so it maps a
 * convolution's output size back to its input size: the upsampling half of an encoder–decoder.
 *
 * <p>Weights: kernel {@code [kh, kw, filters, c]} (Keras's layout: output channels before input
 * channels), bias {@code [filters]}. Shape: {@code [h, w, c] → [oh, ow, filters]} with Keras's rule
 * per axis, {@code F = (kh−1)·D + 1}: "valid" {@code oh = h·S + max(F − S, 0)}, "same"
 * {@code oh = h·S}; with {@code output_padding} p, {@code oh = (h−1)·S + F − 2·pad + p} where pad is
 * {@code ⌊F/2⌋} for "same" and 0 for "valid".
 *
 * <pre>{@code new Conv2DTranspose(32, 3).strides(2).padding("same") // [14, 14, 64] -> [28, 28, 32]}</pre>
 */
public final class Conv2DTranspose extends ConvolutionLayer<Conv2DTranspose> {
    private int[] outputPadding;
    private Tensor kernel;
    private Tensor bias;

    /** {@code filters} square {@code kernelSize × kernelSize} filters, no activation. */
    public Conv2DTranspose(int filters, int kernelSize) {
        this(filters, new int[] {kernelSize}, Activations.LINEAR);
    }

    /** Square filters followed by the activation of that Keras name. */
    public Conv2DTranspose(int filters, int kernelSize, String activation) {
        this(filters, new int[] {kernelSize}, Activations.get(activation));
    }

    /** Filters of {@code kernelSize = {height, width}} (or one value for both) followed by {@code activation}. */
    public Conv2DTranspose(int filters, int[] kernelSize, Activation activation) {
        super(2, filters, kernelSize, activation);
    }

    /** "valid" (default) or "same"; a transposed convolution takes no other padding. */
    @Override
    public Conv2DTranspose padding(Padding value) {
        if (!value.mode().equals("valid") && !value.mode().equals("same")) {
            throw new IllegalArgumentException(type() + " padding must be 'valid' or 'same'. Received: " + value);
        }
        return super.padding(value);
    }

    /** Only one group: Keras's Conv2DTranspose has no grouped form. */
    @Override
    public Conv2DTranspose groups(int value) {
        if (value != 1) {
            throw new IllegalArgumentException(type() + " does not support groups. Received: groups=" + value);
        }
        return super.groups(value);
    }

    /**
     * Extra rows and columns at the end of the output (one value, or one per axis), each smaller
     * than the stride: among the output sizes that a stride-S convolution maps onto the same input
     * size, picks the one wanted. Default none (Keras's {@code None}: the sizes in the class comment).
     */
    public Conv2DTranspose outputPadding(int... values) {
        if (isBuilt()) {
            throw new IllegalStateException(describe() + " is already built; set its options before adding it to a model");
        }
        if (values == null) {
            this.outputPadding = null;
            return this;
        }
        if (values.length != 1 && values.length != 2) {
            throw new IllegalArgumentException(type() + " output_padding needs 1 or 2 values. Received: "
                    + Arrays.toString(values));
        }
        int[] expanded = {values[0], values[values.length - 1]};
        if (expanded[0] < 0 || expanded[1] < 0) {
            throw new IllegalArgumentException(type() + " output_padding must be >= 0. Received: "
                    + Arrays.toString(values));
        }
        this.outputPadding = expanded;
        return this;
    }

    /** The output padding per axis, or null for none. */
    public int[] outputPadding() {
        return outputPadding == null ? null : outputPadding.clone();
    }

    /** The convolution whose input gradient this layer computes, for a batch of {@code batch} samples. */
    private ConvGeometry geometry(int batch, Shape inputShape) {
        if (inputShape.rank() != 3) {
            throw new IllegalArgumentException(describe() + " expects images [height, width, channels] per sample. "
                    + "Received per-sample shape " + inputShape);
        }
        int[] size = kernelSize();
        return options().transposed(new int[] {batch, inputShape.dim(0), inputShape.dim(1), inputShape.dim(2)},
                new int[] {size[0], size[1], filters(), inputShape.dim(2)}, outputPadding);
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        ConvGeometry g = geometry(1, inputShape);
        return Shape.of(g.inputHeight(), g.inputWidth(), filters());
    }

    @Override
    protected void createWeights(Shape inputShape, Rng rng) {
        int[] size = kernelSize();
        kernel = addWeight("kernel", Shape.of(size[0], size[1], filters(), inputShape.dim(2)), kernelInitializer(),
                rng, true);
        if (useBias()) {
            bias = addWeight("bias", Shape.of(filters()), biasInitializer(), rng, true);
        }
    }

    @Override
    protected Tensor call(Tensor x, boolean training) {
        ConvGeometry g = geometry(x.dim(0), x.shape().dropFirst());
        return finish(Conv2DInputGrad.apply(x, kernel, g), bias);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.remove("groups");
        config.put("output_padding", outputPadding == null ? null : WindowArguments.toList(outputPadding));
        return config;
    }

    /** Rebuilds the layer from {@link #config()}; unknown keys are an error. */
    public static Conv2DTranspose fromConfig(Map<String, Object> config) {
        ConfigReader read = Layers.configReader("Conv2DTranspose", config);
        Conv2DTranspose layer = new Conv2DTranspose(read.getInt("filters"), read.getIntArray("kernel_size"),
                Activations.LINEAR);
        readOptions(layer, read);
        layer.outputPadding(WindowArguments.readPerAxis(read, "output_padding", null));
        read.finish();
        return layer;
    }
}
