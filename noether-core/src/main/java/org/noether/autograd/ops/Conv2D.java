package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.kernel.ChannelBias;
import org.noether.kernel.ConvGeometry;
import org.noether.kernel.ConvOptions;
import org.noether.kernel.Convolution;
import org.noether.kernel.Scratch;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * 2-D convolution (cross-correlation) of NHWC images with a kernel:
 * {@code y[n,oy,ox,k] = Σ_{ky,kx,c} x[n, oy·S + ky·D − P, ox·S + kx·D − P, c]·w[ky,kx,c,k]}.
 *
 * <p>Shape: {@code x [n, h, w, c]}, {@code w [kh, kw, c/groups, k]} → {@code [n, oh, ow, k]} with
 * {@code oh = 1 + (h − F + 2P)/S} (see {@link ConvGeometry}). Gradient: the input's is the
 * transposed convolution of g ({@link Conv2DInputGrad}), the kernel's the correlation of x with g
 * ({@link Conv2DKernelGrad}); both are ops with gradients of their own, so convolutions can be
 * differentiated any number of times.
 */
public final class Conv2D extends Function {
    private final ConvGeometry geometry;

    private Conv2D(ConvGeometry geometry) {
        this.geometry = geometry;
    }

    /** {@code conv(x, w)} with the given strides, dilation, padding, border and groups. */
    public static Tensor apply(Tensor x, Tensor w, ConvOptions options) {
        return apply(x, w, options.convolution(x.shape().dims(), w.shape().dims()));
    }

    /**
     * {@code f(conv(x, w) + bias)} in one pass: the bias and activation are applied to each tile of
     * the product while it is in cache. Recorded as the convolution followed by
     * {@link BiasActivation}, the two sharing one array: neither gradient reads the convolution's own
     * output. {@code bias} may be null.
     */
    public static Tensor applyWithBias(Tensor x, Tensor w, ConvOptions options, Tensor bias,
                                       ChannelBias.Function function) {
        ConvGeometry geometry = options.convolution(x.shape().dims(), w.shape().dims());
        BiasActivation.checkBias(geometry.outputChannels(), bias, "the filters of ", geometry);
        float[] out = Scratch.floats(geometry.outputSize());
        Convolution.forward(geometry, x.data(), w.data(), bias == null ? null : bias.data(), function, out);
        Tensor convolved = new Conv2D(geometry).record(Tensor.wrap(out, outputShape(geometry)), x, w);
        return BiasActivation.recordApplied(convolved, bias, function);
    }

    private static Shape outputShape(ConvGeometry geometry) {
        return Shape.of(geometry.batch(), geometry.outputHeight(), geometry.outputWidth(), geometry.outputChannels());
    }

    /** {@code conv(x, w)} for a geometry already worked out (used by the gradient ops). */
    static Tensor apply(Tensor x, Tensor w, ConvGeometry geometry) {
        float[] out = Scratch.floats(geometry.outputSize());
        Convolution.forward(geometry, x.data(), w.data(), out);
        return new Conv2D(geometry).record(Tensor.wrap(out, outputShape(geometry)), x, w);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {
            needsGrad(0) ? Conv2DInputGrad.apply(g, input(1), geometry) : null,
            needsGrad(1) ? Conv2DKernelGrad.apply(input(0), g, geometry) : null};
    }
}
