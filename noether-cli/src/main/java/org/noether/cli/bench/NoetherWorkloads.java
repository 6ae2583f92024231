package org.noether.cli.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.noether.autograd.Autograd;
import org.noether.data.Dataset;
import org.noether.examples.BurgersPinn;
import org.noether.examples.FashionCnn;
import org.noether.examples.FashionMlp;
import org.noether.examples.LeNet5;
import org.noether.kernel.Gemm;
import org.noether.kernel.Parallel;
import org.noether.kernel.Scratch;
import org.noether.losses.SparseCategoricalCrossentropy;
import org.noether.models.Model;
import org.noether.models.Sequential;
import org.noether.nn.layers.Dense;
import org.noether.nn.layers.Input;
import org.noether.optimizers.Adam;
import org.noether.optimizers.Optimizer;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Noether's side of {@code noether bench}: the workloads of {@code torch_bench.py}, the same
 * networks, batch sizes, optimizer and step counts, timed by the same {@link Timing}. Figures go
 * into a map under the names the PyTorch script uses, so that the two sides line up.
 *
 * <pre>{@code Map<String, Double> figures = new NoetherWorkloads(images, labels, timing, 40).run(Set.of());}</pre>
 */
final class NoetherWorkloads {
    /** Distinct batches cycled through in training, as on the PyTorch side. */
    private static final int BATCHES = 20;

    private final Dataset data;
    private final Timing timing;
    private final int steps;

    /**
     * @param data   training images {@code [n, 28, 28, 1]} and labels, at least {@code 20 × 128}
     * @param timing warm-up and timed repeats
     * @param steps  training steps per repeat
     */
    NoetherWorkloads(Dataset data, Timing timing, int steps) {
        this.data = data;
        this.timing = timing;
        this.steps = steps;
    }

    /** GFLOP/s of {@code C = A·B} for n×n matrices. */
    double sgemm(int n) {
        Rng rng = new Rng(0);
        float[] a = Tensor.uniform(Shape.of(n, n), 0, 1, rng).data();
        float[] b = Tensor.uniform(Shape.of(n, n), 0, 1, rng).data();
        float[] c = new float[n * n];
        // About 2·10¹⁰ operations per repeat (a tenth of a second): a single 1024 product per repeat
        // left the timing to the JIT's warm-up and the machine's noise.
        int reps = (int) Math.max(1, 2e10 / (2.0 * n * n * n));
        double seconds = timing.medianSeconds(() -> {
            for (int r = 0; r < reps; r++) {
                Gemm.sgemm(false, false, n, n, n, a, 0, n, b, 0, n, 0f, c, 0, n);
            }
        });
        return 2.0 * n * n * n * reps / seconds / 1e9;
    }

    /** Images per second of {@code trainOnBatch} with Adam and sparse categorical cross-entropy. */
    double trainingThroughput(Model model, int batch) {
        return steps * batch / timing.medianSeconds(trainingSteps(model, batch));
    }

    /** {@code steps} calls of {@code trainOnBatch} on the model, compiled with Adam, cycling through the batches. */
    private Runnable trainingSteps(Model model, int batch) {
        model.compile(new Adam(1e-3), new SparseCategoricalCrossentropy());
        model.build(28, 28, 1);
        List<Dataset> batches = batches(batch);
        return () -> {
            for (int step = 0; step < steps; step++) {
                Dataset slice = batches.get(step % batches.size());
                model.trainOnBatch(slice.x(), slice.y());
            }
        };
    }

    /**
     * Memory and collector figures of training {@code model} at batch 64, per step, after warm-up,
     * keyed {@code name + "_64_..."}. A kernel whose vectors the JIT failed to keep in registers
     * shows here as megabytes per step.
     */
    Map<String, Double> trainingGarbage(String name, Model model) {
        Runnable run = trainingSteps(model, 64);
        timing.warmUp(run);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getTotalThreadAllocatedBytes();
        long collectionsBefore = collectorCount();
        long collectorMillisBefore = collectorMillis();
        long start = System.nanoTime();
        for (int i = 0; i < timing.repeats(); i++) {
            run.run();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int totalSteps = steps * timing.repeats();
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put(name + "_64_allocated_mb_per_step",
                (threads.getTotalThreadAllocatedBytes() - allocatedBefore) / 1e6 / totalSteps);
        figures.put(name + "_64_gc_share", (collectorMillis() - collectorMillisBefore) / 1e3 / seconds);
        figures.put(name + "_64_collections_per_step", (double) (collectorCount() - collectionsBefore) / totalSteps);
        return figures;
    }

    private static long collectorCount() {
        long total = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionCount());
        }
        return total;
    }

    private static long collectorMillis() {
        long total = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionTime());
        }
        return total;
    }

    /** Images per second of inference on batches of 256. */
    double cnnInference() {
        Model model = FashionCnn.network();
        model.build(28, 28, 1);
        Tensor x = data.x().slice(0, 0, 256);
        int calls = Math.max(1, steps / 4);
        double seconds = timing.medianSeconds(() -> {
            for (int i = 0; i < calls; i++) {
                model.predictOnBatch(x);
            }
        });
        return calls * 256 / seconds;
    }

    /**
     * Milliseconds of one Adam step on Raissi's Burgers loss: a tanh MLP 2-20×8-1, the residual
     * with u_x, u_t and u_xx at 10,000 collocation points, 50 initial and 50 boundary points.
     */
    double pinnStepMillis() {
        Rng rng = new Rng(0);
        Sequential net = new Sequential(new Input(2));
        for (int layer = 0; layer < 8; layer++) {
            net.add(new Dense(20, "tanh"));
        }
        net.add(new Dense(1));
        net.build();
        Tensor interior = BurgersPinn.points(rng, 10_000, -1, 1, 0, 1).requiresGrad(true);
        Tensor initial = BurgersPinn.points(rng, 50, -1, 1, 0, 0);
        Tensor initialU = initial.slice(1, 0, 1).mul(Math.PI).sin().neg();
        Tensor boundary = Tensor.concat(0, BurgersPinn.points(rng, 25, -1, -1, 0, 1), BurgersPinn.points(rng, 25, 1, 1, 0, 1));
        Optimizer optimizer = new Adam(1e-3);
        List<Tensor> weights = net.trainableTensors();
        Tensor[] weightArray = weights.toArray(Tensor[]::new);
        int calls = Math.max(1, steps / 4);
        Scratch scratch = new Scratch();
        double seconds = timing.medianSeconds(() -> {
            for (int i = 0; i < calls; i++) {
                try (Scratch.Scope step = scratch.enter()) {
                    pinnStep(net, interior, initial, initialU, boundary, optimizer, weights, weightArray);
                }
            }
        });
        return 1e3 * seconds / calls;
    }

    /** One Adam step on the Burgers loss. */
    private static void pinnStep(Sequential net, Tensor interior, Tensor initial, Tensor initialU, Tensor boundary,
                                 Optimizer optimizer, List<Tensor> weights, Tensor[] weightArray) {
        Tensor loss = BurgersPinn.residual(net, interior).square().mean()
                .add(net.apply(initial).sub(initialU).square().mean())
                .add(net.apply(boundary).square().mean());
        Tensor[] gradients = Autograd.grad(loss, weightArray, false);
        for (int w = 0; w < weights.size(); w++) {
            weights.get(w).setGrad(gradients[w]);
        }
        optimizer.step(weights);
    }

    /** Every figure, keyed as the PyTorch script keys them; {@code only} empty means all. */
    Map<String, Double> run(java.util.Set<String> only, int[] gemmSizes, boolean scaling) {
        Map<String, Double> figures = new LinkedHashMap<>();
        if (only.isEmpty() || only.contains("gemm")) {
            for (int n : gemmSizes) {
                figures.put("sgemm_" + n + "_gflops", sgemm(n));
            }
        }
        if (only.isEmpty() || only.contains("cnn_train")) {
            figures.put("cnn_train_64_images_per_s", trainingThroughput(FashionCnn.network(), 64));
            figures.put("cnn_train_128_images_per_s", trainingThroughput(FashionCnn.network(), 128));
            if (scaling && Parallel.threads() > 1) {
                int threads = Parallel.threads();
                Parallel.setThreads(1);
                try {
                    figures.put("cnn_train_64_images_per_s_1_thread", trainingThroughput(FashionCnn.network(), 64));
                } finally {
                    Parallel.setThreads(threads);
                }
            }
            figures.putAll(trainingGarbage("cnn_train", FashionCnn.network()));
        }
        if (only.isEmpty() || only.contains("cnn_infer")) {
            figures.put("cnn_infer_256_images_per_s", cnnInference());
        }
        if (only.isEmpty() || only.contains("mlp_train")) {
            figures.put("mlp_train_64_images_per_s", trainingThroughput(FashionMlp.network(), 64));
        }
        if (only.isEmpty() || only.contains("lenet_train")) {
            figures.put("lenet_train_64_images_per_s", trainingThroughput(LeNet5.network(), 64));
            figures.putAll(trainingGarbage("lenet_train", LeNet5.network()));
        }
        if (only.isEmpty() || only.contains("pinn")) {
            figures.put("pinn_step_ms", pinnStepMillis());
        }
        return figures;
    }

    private List<Dataset> batches(int batch) {
        List<Dataset> batches = new ArrayList<>();
        for (int i = 0; i < BATCHES; i++) {
            batches.add(data.slice(i * batch, (i + 1) * batch));
        }
        return batches;
    }
}
