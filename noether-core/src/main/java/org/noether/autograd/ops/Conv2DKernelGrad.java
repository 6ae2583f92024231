package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.kernel.ConvGeometry;
import org.noether.kernel.Convolution;
import org.noether.kernel.Scratch;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * The kernel gradient of a convolution, {@code dw = ∂⟨g, conv(x, w)⟩/∂w}: the correlation of the
 * input patches with the output gradient, {@code dw[ky,kx,c,k] = Σ_{n,oy,ox} x[patch]·g[n,oy,ox,k]}.
 *
 * <p>Shape: {@code x [n, h, w, c]}, {@code g [n, oh, ow, k]} → {@code [kh, kw, c/groups, k]}.
 * Gradient (bilinear in x and g): {@code ∂/∂x = inputGrad(g, ddw)}, {@code ∂/∂g = conv(x, ddw)}.
 */
public final class Conv2DKernelGrad extends Function {
    private final ConvGeometry geometry;

    private Conv2DKernelGrad(ConvGeometry geometry) {
        this.geometry = geometry;
    }

    /** The kernel gradient for input {@code x} and output gradient {@code g}. */
    public static Tensor apply(Tensor x, Tensor g, ConvGeometry geometry) {
        Shape shape = Shape.of(geometry.kernelHeight(), geometry.kernelWidth(), geometry.groupInputChannels(),
                geometry.outputChannels());
        float[] out = Scratch.floats(shape.size());
        Convolution.kernelGradient(geometry, x.data(), g.data(), out);
        return new Conv2DKernelGrad(geometry).record(Tensor.wrap(out, shape), x, g);
    }

    @Override
    protected Tensor[] backward(Tensor ddw) {
        return new Tensor[] {
            needsGrad(0) ? Conv2DInputGrad.apply(input(1), ddw, geometry) : null,
            needsGrad(1) ? Conv2D.apply(input(0), ddw, geometry) : null};
    }
}
