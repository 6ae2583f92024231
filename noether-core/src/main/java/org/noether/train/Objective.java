package org.noether.train;

import java.util.ArrayList;
import java.util.List;
import org.noether.losses.Loss;
import org.noether.train.metrics.Metric;

/**
 * What training asks of one model output: the loss to minimise, its weight in the total loss, and
 * the metrics to report (Keras's per-output {@code loss}, {@code loss_weights} and {@code metrics}).
 *
 * <p>The training loss is {@code Σ weightₖ · lossₖ} over the outputs. With several outputs, the
 * logs name each part after its output, as Keras does: {@code <output>_loss} (unweighted) and
 * {@code <output>_<metric>}; with one output, plain {@code loss} and metric names.
 *
 * <pre>{@code new Objective("class_output", new SparseCategoricalCrossentropy(), 1.0, List.of(new Accuracy()))}</pre>
 *
 * @param output the output's name (its layer's name), used in log keys
 * @param loss the loss of this output
 * @param lossWeight the factor of this output's loss in the total (Keras's default 1)
 * @param metrics the metrics computed on this output, each instance used by this output only
 */
public record Objective(String output, Loss loss, double lossWeight, List<Metric> metrics) {
    /** Checks the parts and copies the metric list. */
    public Objective {
        if (loss == null) {
            throw new IllegalArgumentException("Output '" + output + "' needs a loss. Received: null");
        }
        if (!Double.isFinite(lossWeight)) {
            throw new IllegalArgumentException("The loss weight of output '" + output + "' must be finite. Received: "
                    + lossWeight);
        }
        metrics = List.copyOf(metrics);
    }

    /** An objective of weight 1. */
    public Objective(String output, Loss loss, List<Metric> metrics) {
        this(output, loss, 1.0, metrics);
    }

    /**
     * The objectives of the named outputs from Keras's compile arguments: one loss per output (or
     * one for all), one weight per output (null: all 1) and one list of metrics per output (null:
     * none); a list of another length is an error naming the outputs.
     */
    public static List<Objective> perOutput(List<String> outputs, List<Loss> losses, List<Double> lossWeights,
                                            List<List<Metric>> metrics) {
        requireOnePerOutput("losses", losses.size() == 1 ? outputs.size() : losses.size(), outputs);
        requireOnePerOutput("lossWeights", lossWeights == null ? outputs.size() : lossWeights.size(), outputs);
        requireOnePerOutput("metrics", metrics == null ? outputs.size() : metrics.size(), outputs);
        List<Objective> objectives = new ArrayList<>();
        for (int k = 0; k < outputs.size(); k++) {
            objectives.add(new Objective(outputs.get(k), losses.get(losses.size() == 1 ? 0 : k),
                    lossWeights == null ? 1.0 : lossWeights.get(k), metrics == null ? List.of() : metrics.get(k)));
        }
        return objectives;
    }

    private static void requireOnePerOutput(String what, int count, List<String> outputs) {
        if (count != outputs.size()) {
            throw new IllegalArgumentException("The model has " + outputs.size() + " outputs " + outputs + "; "
                    + what + " needs one entry per output. Received: " + count);
        }
    }
}
