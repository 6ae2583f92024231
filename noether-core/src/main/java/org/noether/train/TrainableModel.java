package org.noether.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.noether.tensor.Tensor;

/**
 * What the training loop and its callbacks need from a model: a forward pass, the tensors to
 * optimize, and access to the weights (to keep the best ones, or save a checkpoint). A model of
 * several inputs or outputs also implements the list form of {@code forward} and names its outputs.
 *
 * <pre>{@code Map<String, Tensor> best = model.weightSnapshot(); ... model.loadWeights(best);}</pre>
 */
public interface TrainableModel {
    /** The model's output for a batch; {@code training} turns on dropout and batch statistics. */
    Tensor forward(Tensor x, boolean training);

    /**
     * The outputs for a batch of each input (a model of several inputs and outputs overrides this;
     * by default the model has one input and one output, computed by {@link #forward(Tensor, boolean)}).
     */
    default List<Tensor> forward(List<Tensor> inputs, boolean training) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("This model takes one input. Received: " + inputs.size() + " inputs");
        }
        return List.of(forward(inputs.getFirst(), training));
    }

    /** The outputs' names, in output order, which name their losses and metrics in the logs when there are several. */
    default List<String> outputNames() {
        return List.of("output");
    }

    /** The tensors an optimizer updates (each a leaf that requires a gradient). */
    List<Tensor> trainableTensors();

    /** A copy of every weight, by path name (e.g. "dense/kernel"). */
    Map<String, Tensor> weightSnapshot();

    /** Overwrites the weights with values from {@link #weightSnapshot()} or a saved file. */
    void loadWeights(Map<String, Tensor> weights);

    /** Writes the model (config and weights) to {@code directory}. */
    void save(Path directory) throws IOException;
}
