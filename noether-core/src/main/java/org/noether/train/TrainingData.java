package org.noether.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.noether.data.Dataset;
import org.noether.tensor.Tensor;

/**
 * The inputs and targets of a model with one tensor per model input and per model output, sample
 * {@code i} being row {@code i} of every one of them: slicing, gathering and splitting apply to all
 * alike, so each sample keeps its inputs with its targets.
 *
 * <p>Shape: every tensor is {@code [n, ...]} with the same {@code n}.
 *
 * <pre>{@code TrainingData batch = TrainingData.of(xs, ys, "fit").slice(0, 32);}</pre>
 */
record TrainingData(List<Tensor> inputs, List<Tensor> targets) {

    /** Checks that there is at least one input and one target and that all hold the same number of samples. */
    static TrainingData of(List<Tensor> inputs, List<Tensor> targets, String where) {
        if (inputs == null || targets == null || inputs.isEmpty() || targets.isEmpty()
                || inputs.stream().anyMatch(Objects::isNull) || targets.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(where + " needs both inputs and targets");
        }
        int samples = -1;
        boolean consistent = true;
        for (Tensor tensor : concat(inputs, targets)) {
            consistent &= tensor.rank() > 0 && (samples < 0 || tensor.dim(0) == samples);
            samples = tensor.rank() > 0 ? tensor.dim(0) : samples;
        }
        if (!consistent) {
            throw new IllegalArgumentException(where + ": inputs " + shapes(inputs) + " and targets " + shapes(targets)
                    + " must have the same number of samples (first dimension)");
        }
        if (samples == 0) {
            throw new IllegalArgumentException(where + ": no samples (inputs " + shapes(inputs) + ")");
        }
        return new TrainingData(List.copyOf(inputs), List.copyOf(targets));
    }

    /** Number of samples. */
    int samples() {
        return inputs.getFirst().dim(0);
    }

    /** Samples {@code [from, to)} of every tensor. */
    TrainingData slice(int from, int to) {
        return map(tensor -> tensor.slice(from, to));
    }

    /** The samples at {@code indices}, in that order, of every tensor. */
    TrainingData take(int[] indices) {
        return map(tensor -> tensor.take(indices));
    }

    /** Training and validation parts as Keras's {@code validation_split} makes them ({@link Dataset#validationSplit}). */
    TrainingData[] validationSplit(double fraction) {
        int trainSize = new Dataset(inputs.getFirst(), targets.getFirst()).validationSplit(fraction).first().size();
        return new TrainingData[] {slice(0, trainSize), slice(trainSize, samples())};
    }

    private TrainingData map(UnaryOperator<Tensor> part) {
        return new TrainingData(inputs.stream().map(part).toList(), targets.stream().map(part).toList());
    }

    private static List<Tensor> concat(List<Tensor> first, List<Tensor> second) {
        List<Tensor> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** {@code [100, 3]} for one tensor, {@code [[100, 3], [100, 5]]} for several. */
    static String shapes(List<Tensor> tensors) {
        List<String> shapes = tensors.stream().map(tensor -> tensor.shape().toString()).toList();
        return shapes.size() == 1 ? shapes.getFirst() : shapes.toString();
    }

    /** A copy of {@code indices[from, to)} (the rows of one shuffled batch). */
    static int[] range(int[] indices, int from, int to) {
        return Arrays.copyOfRange(indices, from, to);
    }
}
