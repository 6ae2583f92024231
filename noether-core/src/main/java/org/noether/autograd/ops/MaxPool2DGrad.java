package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.kernel.ConvGeometry;
import org.noether.kernel.Pooling;
import org.noether.kernel.Scratch;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * The gradient of max pooling over disjoint windows: {@code dx[i] = g[window(i)]} where input
 * position i won its window, else 0. Linear in g, and the adjoint of reading g's windows at their
 * winners.
 *
 * <p>Shape: {@code [n, oh, ow, c] → [n, h, w, c]}, for a geometry whose windows
 * {@link Pooling#windowsAreDisjoint do not overlap}. Gradient: {@link Gather} of g at the winners.
 *
 * <pre>{@code Tensor dx = MaxPool2DGrad.apply(dy, argmax, geometry);}</pre>
 */
public final class MaxPool2DGrad extends Function {
    private final int[] argmax;
    private final int batch;

    private MaxPool2DGrad(int[] argmax, int batch) {
        this.argmax = argmax;
        this.batch = batch;
    }

    /** The input gradient of max pooling for output gradient {@code g} and the windows' winners. */
    public static Tensor apply(Tensor g, int[] argmax, ConvGeometry geometry) {
        float[] out = Scratch.floats(geometry.inputSize());
        Pooling.maxGradient(geometry, g.data(), argmax, out);
        Shape shape = Shape.of(geometry.batch(), geometry.inputHeight(), geometry.inputWidth(),
                geometry.inputChannels());
        return new MaxPool2DGrad(argmax, geometry.batch()).record(Tensor.wrap(out, shape), g);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {Gather.apply(g, argmax, input(0).shape(), batch)};
    }
}
