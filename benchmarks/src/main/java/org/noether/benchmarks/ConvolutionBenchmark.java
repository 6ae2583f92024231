package org.noether.benchmarks;

import java.util.concurrent.TimeUnit;
import org.noether.kernel.Boundary;
import org.noether.kernel.ConvGeometry;
import org.noether.kernel.Convolution;
import org.noether.kernel.Padding;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two convolutions of the Keras tutorial CNN at batch 64, NHWC: {@code conv1} 28×28×1 → 26×26×32
 * and {@code conv2} 13×13×32 → 11×11×64, both 3×3 valid; and a MobileNet-style {@code depthwise}
 * 3×3 'same' convolution of 28×28×32 (32 groups of one channel). The forward pass and both
 * gradients.
 *
 * <pre>{@code ./noether jmh ConvolutionBenchmark -p layer=conv2}</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ConvolutionBenchmark {
    @Param({"conv1", "conv2", "depthwise"})
    public String layer;

    @Param({"64"})
    public int batch;

    private ConvGeometry geometry;
    private float[] x;
    private float[] kernel;
    private float[] y;
    private float[] dy;
    private float[] dx;
    private float[] dkernel;

    @Setup
    public void setUp() {
        int[] input = switch (layer) {
            case "conv1" -> new int[] {batch, 28, 28, 1};
            case "conv2" -> new int[] {batch, 13, 13, 32};
            default -> new int[] {batch, 28, 28, 32};
        };
        int[] kernelShape = switch (layer) {
            case "conv1" -> new int[] {3, 3, 1, 32};
            case "conv2" -> new int[] {3, 3, 32, 64};
            default -> new int[] {3, 3, 1, 32};
        };
        boolean depthwise = layer.equals("depthwise");
        geometry = ConvGeometry.convolution(layer, input, kernelShape, new int[] {1, 1}, new int[] {1, 1},
                depthwise ? Padding.same() : Padding.valid(), Boundary.ZEROS, depthwise ? 32 : 1);
        Rng rng = new Rng(0);
        x = Tensor.uniform(Shape.of(input), 0, 1, rng).data();
        kernel = Tensor.uniform(Shape.of(kernelShape), -0.1, 0.1, rng).data();
        int outputSize = geometry.batch() * geometry.outputPositions() * geometry.outputChannels();
        y = new float[outputSize];
        dy = Tensor.uniform(Shape.of(outputSize), -1, 1, rng).data();
        dx = new float[x.length];
        dkernel = new float[kernel.length];
    }

    @Benchmark
    public float[] forward() {
        Convolution.forward(geometry, x, kernel, y);
        return y;
    }

    @Benchmark
    public float[] inputGradient() {
        Convolution.inputGradient(geometry, dy, kernel, dx);
        return dx;
    }

    @Benchmark
    public float[] kernelGradient() {
        Convolution.kernelGradient(geometry, x, dy, dkernel);
        return dkernel;
    }
}
