package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.kernel.ConvGeometry;
import org.noether.kernel.Pooling;
import org.noether.kernel.Scratch;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * The gradient of average pooling: each output gradient divided evenly over its window's input
 * positions. Linear, and the adjoint of {@link AvgPool2D}.
 *
 * <p>Shape: {@code [n, oh, ow, c] → [n, h, w, c]}. Gradient: {@link AvgPool2D} of g.
 */
public final class AvgPool2DGrad extends Function {
    private final ConvGeometry geometry;

    private AvgPool2DGrad(ConvGeometry geometry) {
        this.geometry = geometry;
    }

    /** The input gradient of average pooling for output gradient {@code g}. */
    public static Tensor apply(Tensor g, ConvGeometry geometry) {
        float[] out = Scratch.floats(geometry.inputSize());
        Pooling.averageGradient(geometry, g.data(), out);
        Shape shape = Shape.of(geometry.batch(), geometry.inputHeight(), geometry.inputWidth(),
                geometry.inputChannels());
        return new AvgPool2DGrad(geometry).record(Tensor.wrap(out, shape), g);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {AvgPool2D.apply(g, geometry)};
    }
}
