package org.noether.autograd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.noether.autograd.ops.AvgPool2D;
import org.noether.autograd.ops.BatchNorm;
import org.noether.autograd.ops.Conv2D;
import org.noether.autograd.ops.MaxPool2D;
import org.noether.kernel.Boundary;
import org.noether.kernel.ConvGeometry;
import org.noether.kernel.ConvOptions;
import org.noether.kernel.Padding;
import org.noether.kernel.Scratch;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Inside a training step, the activation-sized results and gradients of batch normalization,
 * pooling, comparisons, {@code where}, the layout operations, powers and the convolution's kernel
 * gradient are arrays of the step's {@link Scratch}, reused by the next step, not new arrays that the collector must reclaim every step (a small residual network
 * with batch normalization left 30 MB per step).
 */
class StepBuffersTest {

    @Test
    void resultsAndGradientsComeFromTheStepsScratch() {
        Scratch scratch = new Scratch();
        Tensor x = Tensor.uniform(Shape.of(4, 6, 6, 8), -1, 1, new Rng(2)).requiresGrad(true);
        Tensor gamma = Tensor.uniform(Shape.of(8), 0.5, 1.5, new Rng(3)).requiresGrad(true);
        Tensor beta = Tensor.uniform(Shape.of(8), -0.5, 0.5, new Rng(4)).requiresGrad(true);
        ConvGeometry pool = ConvGeometry.pooling("pool", new int[] {4, 6, 6, 8}, 2, 2, new int[] {2, 2},
                Padding.valid(), Boundary.ZEROS);
        try (Scratch.Scope step = scratch.enter()) {
            Tensor normalized = BatchNorm.apply(x, gamma, beta, 1e-3).output();
            Tensor largest = MaxPool2D.apply(normalized, pool);
            Tensor mean = AvgPool2D.apply(normalized, pool);
            Tensor larger = largest.maximum(mean);
            Tensor[] results = {normalized, largest, mean, larger, larger.gt(mean)};
            String[] names = {"batch normalization", "max pooling", "average pooling", "maximum", "gt"};
            for (int i = 0; i < results.length; i++) {
                assertTrue(scratch.handedOut(results[i].data()), names[i] + " allocated its result");
            }
            Tensor[] gradients = Autograd.grad(larger.sum(), new Tensor[] {x, normalized, largest, mean}, false);
            for (int i = 0; i < gradients.length; i++) {
                assertTrue(scratch.handedOut(gradients[i].data()), "gradient " + i + " was allocated");
            }
        }
    }

    @Test
    void layoutOperationsPowersAndKernelGradientsComeFromTheStepsScratch() {
        Scratch scratch = new Scratch();
        Tensor x = Tensor.uniform(Shape.of(2, 5, 5, 3), -1, 1, new Rng(5)).requiresGrad(true);
        Tensor kernel = Tensor.uniform(Shape.of(3, 3, 3, 4), -1, 1, new Rng(6)).requiresGrad(true);
        try (Scratch.Scope step = scratch.enter()) {
            Tensor[] results = {Tensor.concat(3, x, x), x.pad(1, 1, 2), x.permute(0, 3, 1, 2), x.slice(1, 1, 4),
                x.pow(3)};
            String[] names = {"concat", "pad", "permute", "slice", "pow"};
            for (int i = 0; i < results.length; i++) {
                assertTrue(scratch.handedOut(results[i].data()), names[i] + " allocated its result");
            }
            Tensor y = Conv2D.apply(x, kernel, ConvOptions.defaults());
            Tensor kernelGradient = Autograd.grad(y.sum(), new Tensor[] {kernel}, false)[0];
            assertTrue(scratch.handedOut(kernelGradient.data()), "the kernel gradient was allocated");
        }
    }
}
