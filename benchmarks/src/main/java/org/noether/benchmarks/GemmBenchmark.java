package org.noether.benchmarks;

import java.util.concurrent.TimeUnit;
import org.noether.kernel.Gemm;
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
 * {@code C = op(A)·op(B)} for square matrices and for the skinny products of the Keras tutorial
 * CNN at batch 64 (each named {@code layer-pass:MxNxK} and two letters, N or T, saying whether A and B are transposed). GFLOP/s = 2·m·n·k / time.
 *
 * <pre>{@code ./noether jmh GemmBenchmark -p shape=square:1024x1024x1024NN}</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBenchmark {
    @Param({"square:256x256x256NN", "square:512x512x512NN", "square:1024x1024x1024NN",
            "square:2048x2048x2048NN",
            "conv1-forward:43264x32x9NN", "conv2-forward:7744x64x288NN", "conv2-kernel-grad:288x64x7744TN",
            "conv2-input-grad:7744x288x64NT", "dense1-forward:64x128x1600NN", "dense1-kernel-grad:1600x128x64TN",
            "dense1-input-grad:64x1600x128NT"})
    public String shape;

    private int m;
    private int n;
    private int k;
    private boolean transA;
    private boolean transB;
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setUp() {
        String spec = shape.substring(shape.indexOf(':') + 1);
        String[] sizes = spec.substring(0, spec.length() - 2).split("x");
        m = Integer.parseInt(sizes[0]);
        n = Integer.parseInt(sizes[1]);
        k = Integer.parseInt(sizes[2]);
        transA = spec.charAt(spec.length() - 2) == 'T';
        transB = spec.charAt(spec.length() - 1) == 'T';
        Rng rng = new Rng(0);
        a = Tensor.uniform(Shape.of(m, k), -1, 1, rng).data();
        b = Tensor.uniform(Shape.of(k, n), -1, 1, rng).data();
        c = new float[m * n];
    }

    @Benchmark
    public float[] sgemm() {
        Gemm.sgemm(transA, transB, m, n, k, a, 0, transA ? m : k, b, 0, transB ? k : n, 0f, c, 0, n);
        return c;
    }
}
