package org.noether.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.noether.io.SafeTensors;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * A tiny real model for training-loop tests: {@code y = x·W + b} with {@code W: [in, out]}, that
 * records every batch it is called on (and whether in training), so tests can see which samples
 * the loop fed, in which order, and for what.
 */
public final class LinearModel implements TrainableModel {
    /** One forward call: the batch (a copy) and the mode. */
    public record Call(Tensor x, boolean training) {
    }

    /** The file {@link #save} writes inside the directory it is given. */
    public static final String WEIGHTS_FILE = "weights.safetensors";

    private final Tensor kernel;
    private final Tensor bias;
    private final List<Call> calls = new ArrayList<>();

    /** Weights uniform in [−0.5, 0.5) from {@code seed}. */
    public LinearModel(int in, int out, long seed) {
        Rng rng = new Rng(seed);
        kernel = Tensor.uniform(Shape.of(in, out), -0.5, 0.5, rng).requiresGrad(true);
        bias = Tensor.uniform(Shape.of(out), -0.5, 0.5, rng).requiresGrad(true);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        calls.add(new Call(x.copy(), training));
        return x.matmul(kernel).add(bias);
    }

    @Override
    public List<Tensor> trainableTensors() {
        return List.of(kernel, bias);
    }

    @Override
    public Map<String, Tensor> weightSnapshot() {
        Map<String, Tensor> snapshot = new LinkedHashMap<>();
        snapshot.put("kernel", kernel.copy());
        snapshot.put("bias", bias.copy());
        return snapshot;
    }

    @Override
    public void loadWeights(Map<String, Tensor> weights) {
        assign(kernel, weights.get("kernel"));
        assign(bias, weights.get("bias"));
    }

    private static void assign(Tensor target, Tensor values) {
        if (!values.shape().equals(target.shape())) {
            throw new IllegalArgumentException("shape " + values.shape() + ", expected " + target.shape());
        }
        System.arraycopy(values.data(), 0, target.data(), 0, target.size());
    }

    @Override
    public void save(Path directory) throws IOException {
        SafeTensors.write(directory.resolve(WEIGHTS_FILE), weightSnapshot(), Map.of());
    }

    /** Reads the weights a {@link #save} wrote to {@code directory}. */
    public static Map<String, Tensor> readSaved(Path directory) throws IOException {
        return SafeTensors.read(directory.resolve(WEIGHTS_FILE)).tensors();
    }

    /** The weight matrix (a parameter: changed in place by training). */
    public Tensor kernel() {
        return kernel;
    }

    /** The bias (a parameter). */
    public Tensor bias() {
        return bias;
    }

    /** Every forward call so far, in order. */
    public List<Call> calls() {
        return calls;
    }

    /** Forgets the recorded calls. */
    public void clearCalls() {
        calls.clear();
    }

    /** Sets every weight to {@code value}. */
    public void fill(float value) {
        java.util.Arrays.fill(kernel.data(), value);
        java.util.Arrays.fill(bias.data(), value);
    }

    /** The first input feature of each sample of each recorded call in the given mode: sample ids when x[i, 0] = i. */
    public List<List<Integer>> sampleIds(boolean training) {
        List<List<Integer>> batches = new ArrayList<>();
        for (Call call : calls) {
            if (call.training() == training) {
                List<Integer> ids = new ArrayList<>();
                for (int row = 0; row < call.x().dim(0); row++) {
                    ids.add(Math.round(call.x().get(row, 0)));
                }
                batches.add(ids);
            }
        }
        return batches;
    }
}
