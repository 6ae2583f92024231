package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.kernel.ConvGeometry;
import org.noether.kernel.Pooling;
import org.noether.kernel.Scratch;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Average pooling over NHWC images: each output is the mean of its window, per channel (zero
 * padding is not counted, as in Keras).
 *
 * <p>Shape: {@code [n, h, w, c] → [n, oh, ow, c]} with {@code oh = 1 + ⌊(h − F + 2P)/S⌋}.
 * Gradient: g spread evenly over each window ({@link AvgPool2DGrad}).
 */
public final class AvgPool2D extends Function {
    private final ConvGeometry geometry;

    private AvgPool2D(ConvGeometry geometry) {
        this.geometry = geometry;
    }

    /** Average pooling of {@code x} with the given geometry. */
    public static Tensor apply(Tensor x, ConvGeometry geometry) {
        float[] out = Scratch.floats(geometry.outputSize());
        Pooling.average(geometry, x.data(), out);
        Shape shape = Shape.of(geometry.batch(), geometry.outputHeight(), geometry.outputWidth(),
                geometry.outputChannels());
        return new AvgPool2D(geometry).record(Tensor.wrap(out, shape), x);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {AvgPool2DGrad.apply(g, geometry)};
    }
}
