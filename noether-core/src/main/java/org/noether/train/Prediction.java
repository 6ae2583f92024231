package org.noether.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.noether.autograd.GradMode;
import org.noether.kernel.Scratch;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Inference over a whole data set: the model's outputs for every sample, computed batch by batch
 * with recording off. Each batch's activations reuse the previous batch's arrays; only the outputs
 * are kept, copied into one tensor per output {@code [samples, ...]}.
 *
 * <pre>{@code List<Tensor> outputs = Prediction.predict(model, List.of(x), 256);}</pre>
 */
public final class Prediction {
    private Prediction() {
    }

    /** The model's outputs (one tensor per output) for all samples of its inputs, in batches, with recording off. */
    public static List<Tensor> predict(TrainableModel model, List<Tensor> inputs, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1. Received: " + batchSize);
        }
        if (inputs.isEmpty() || inputs.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("predict needs one input tensor per model input. Received: " + inputs);
        }
        int samples = inputs.getFirst().rank() == 0 ? -1 : inputs.getFirst().dim(0);
        for (Tensor input : inputs) {
            if (input.rank() == 0 || input.dim(0) != samples) {
                throw new IllegalArgumentException("predict: the inputs " + TrainingData.shapes(inputs)
                        + " must be batches with the same number of samples (first dimension)");
            }
        }
        List<float[]> out = new ArrayList<>();
        List<Shape> perSample = new ArrayList<>();
        Scratch scratch = new Scratch();
        try (var _ = GradMode.disabled()) {
            for (int from = 0; from < samples; from += batchSize) {
                int start = from;
                int to = Math.min(samples, from + batchSize);
                List<Tensor> predicted;
                try (Scratch.Scope batch = scratch.enter()) {
                    predicted = model.forward(inputs.stream().map(x -> x.slice(start, to)).toList(), false);
                }
                for (int k = 0; k < predicted.size(); k++) {
                    if (out.size() == k) {
                        perSample.add(predicted.get(k).shape().dropFirst());
                        out.add(new float[samples * perSample.get(k).size()]);
                    }
                    System.arraycopy(predicted.get(k).data(), 0, out.get(k), from * perSample.get(k).size(),
                            predicted.get(k).size());
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("predict: no samples (inputs " + TrainingData.shapes(inputs) + ")");
        }
        List<Tensor> results = new ArrayList<>();
        for (int k = 0; k < out.size(); k++) {
            results.add(Tensor.wrap(out.get(k), perSample.get(k).prepend(samples)));
        }
        return results;
    }
}
