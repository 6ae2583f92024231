package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.kernel.ConvGeometry;
import org.noether.kernel.Convolution;
import org.noether.kernel.Scratch;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * The input gradient of a convolution, {@code dx = ∂⟨g, conv(x, w)⟩/∂x}: each output gradient
 * spread back over the window it was computed from, weighted by the kernel — the transposed
 * convolution, which is also what {@code Conv2DTranspose} computes.
 *
 * <p>Shape: {@code g [n, oh, ow, k]}, {@code w [kh, kw, c/groups, k]} → {@code [n, h, w, c]} of
 * the geometry. Gradient (it is bilinear in g and w): {@code ∂/∂g = conv(ddx, w)},
 * {@code ∂/∂w = kernelGrad(ddx, g)}.
 */
public final class Conv2DInputGrad extends Function {
    private final ConvGeometry geometry;

    private Conv2DInputGrad(ConvGeometry geometry) {
        this.geometry = geometry;
    }

    /** The transposed convolution of {@code g} with {@code w} for {@code geometry}. */
    public static Tensor apply(Tensor g, Tensor w, ConvGeometry geometry) {
        Shape expected = Shape.of(geometry.batch(), geometry.outputHeight(), geometry.outputWidth(),
                geometry.outputChannels());
        if (!g.shape().equals(expected)) {
            throw new IllegalArgumentException(geometry + ": the output gradient has shape " + g.shape() + ", expected "
                    + expected);
        }
        float[] out = Scratch.floats(geometry.inputSize());
        Convolution.inputGradient(geometry, g.data(), w.data(), out);
        Shape shape = Shape.of(geometry.batch(), geometry.inputHeight(), geometry.inputWidth(),
                geometry.inputChannels());
        return new Conv2DInputGrad(geometry).record(Tensor.wrap(out, shape), g, w);
    }

    @Override
    protected Tensor[] backward(Tensor ddx) {
        return new Tensor[] {
            needsGrad(0) ? Conv2D.apply(ddx, input(1), geometry) : null,
            needsGrad(1) ? Conv2DKernelGrad.apply(ddx, input(0), geometry) : null};
    }
}
