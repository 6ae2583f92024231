package org.noether.benchmarks;

import java.util.concurrent.TimeUnit;
import org.noether.examples.FashionCnn;
import org.noether.examples.FashionMlp;
import org.noether.losses.SparseCategoricalCrossentropy;
import org.noether.models.Model;
import org.noether.optimizers.Adam;
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
 * One {@code trainOnBatch} (forward, loss, backward, Adam update) of the Keras tutorial CNN or the
 * MLP 784-128-10, and one CNN inference pass, on random images.
 *
 * <pre>{@code ./noether jmh TrainingStepBenchmark -p network=cnn -p batch=64}</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TrainingStepBenchmark {
    @Param({"cnn", "mlp"})
    public String network;

    @Param({"64", "128"})
    public int batch;

    private Model model;
    private Tensor images;
    private Tensor labels;

    @Setup
    public void setUp() {
        model = network.equals("cnn") ? FashionCnn.network() : FashionMlp.network();
        model.compile(new Adam(1e-3), new SparseCategoricalCrossentropy());
        model.build(28, 28, 1);
        Rng rng = new Rng(0);
        images = Tensor.uniform(Shape.of(batch, 28, 28, 1), 0, 1, rng);
        float[] classes = new float[batch];
        for (int i = 0; i < batch; i++) {
            classes[i] = i % 10;
        }
        labels = Tensor.of(classes, batch);
    }

    @Benchmark
    public Object trainOnBatch() {
        return model.trainOnBatch(images, labels);
    }

    @Benchmark
    public Tensor predictOnBatch() {
        return model.predictOnBatch(images);
    }
}
