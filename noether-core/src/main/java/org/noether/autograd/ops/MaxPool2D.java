package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.kernel.ConvGeometry;
import org.noether.kernel.Pooling;
import org.noether.kernel.Scratch;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Max pooling over NHWC images: each output is the largest input in its window, per channel.
 *
 * <p>Shape: {@code [n, h, w, c] → [n, oh, ow, c]} with {@code oh = 1 + ⌊(h − F + 2P)/S⌋}.
 * Gradient: g goes to the input position that won each window (the first on ties): where no
 * input lies in two windows, {@link MaxPool2DGrad} writes it input pixel by input pixel, else
 * {@link ScatterAdd} adds it at the winners, image by image in parallel (winners lie in their own
 * image); the winners are constants.
 */
public final class MaxPool2D extends Function {
    private final ConvGeometry geometry;
    private final int[] argmax;

    private MaxPool2D(ConvGeometry geometry, int[] argmax) {
        this.geometry = geometry;
        this.argmax = argmax;
    }

    /** Max pooling of {@code x} with the given geometry. */
    public static Tensor apply(Tensor x, ConvGeometry geometry) {
        float[] out = Scratch.floats(geometry.outputSize());
        int[] argmax = Scratch.ints(out.length);
        Pooling.max(geometry, x.data(), out, argmax);
        Shape shape = Shape.of(geometry.batch(), geometry.outputHeight(), geometry.outputWidth(),
                geometry.outputChannels());
        return new MaxPool2D(geometry, argmax).record(Tensor.wrap(out, shape), x);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        if (Pooling.windowsAreDisjoint(geometry)) {
            return new Tensor[] {MaxPool2DGrad.apply(g, argmax, geometry)};
        }
        return new Tensor[] {ScatterAdd.apply(g, argmax, input(0).shape(), input(0).shape().dim(0))};
    }
}
