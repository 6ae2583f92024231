package org.noether.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.noether.autograd.GradMode;
import org.noether.kernel.Scratch;
import org.noether.losses.Loss;
import org.noether.optimizers.Optimizer;
import org.noether.tensor.Rng;
import org.noether.tensor.Tensor;
import org.noether.train.metrics.Mean;
import org.noether.train.metrics.Metric;
import org.noether.train.metrics.Metrics;

/**
 * The training loop, as plain code: for each epoch, for each batch — forward, loss, backward,
 * optimizer step — with callbacks around it and validation after each epoch.
 *
 * <p>Losses are averaged over the epoch weighted by batch size, as Keras reports them; metrics
 * accumulate over all samples of the epoch. A loss that is NaN or infinite stops training before
 * the bad step is applied, so the weights stay finite, and says so.
 *
 * <p>A model of several inputs and outputs takes one tensor per input and one target per output
 * (batching, shuffling and the validation split treat them all alike); each output has an
 * {@link Objective}, and the loss minimised is {@code Σ weightₖ · lossₖ}. The single-tensor
 * methods are the one-input, one-output case.
 *
 * <pre>{@code
 * Trainer trainer = new Trainer(model, new Adam(), new CategoricalCrossentropy(), List.of(new Accuracy()), rng);
 * History history = trainer.fit(x, y, new FitOptions().epochs(5));
 * }</pre>
 */
public final class Trainer {
    private final TrainableModel model;
    private final Optimizer optimizer;
    private final List<Objective> objectives;
    private final Rng rng;
    /** Arrays of one step's activations and gradients, reused by the next step. */
    private final Scratch scratch = new Scratch();
    /** The same for evaluation batches, kept apart so that the last step's gradients stay readable. */
    private final Scratch evaluationScratch = new Scratch();
    private final Mean lossTracker = new Mean("loss");
    private final List<Mean> outputLossTrackers = new ArrayList<>();

    /**
     * A loop that trains {@code model} with the given optimizer, loss and metrics; shuffling draws
     * from {@code rng}. A model of several outputs applies the loss to each and reports every
     * metric on each (from copies of the built-in metrics given).
     */
    public Trainer(TrainableModel model, Optimizer optimizer, Loss loss, List<Metric> metrics, Rng rng) {
        this(model, optimizer, sameForEveryOutput(model.outputNames(), loss, metrics), rng);
    }

    /** A loop that trains {@code model} with one objective per model output, in output order. */
    public Trainer(TrainableModel model, Optimizer optimizer, List<Objective> objectives, Rng rng) {
        List<String> outputs = model.outputNames();
        if (objectives.size() != outputs.size()) {
            throw new IllegalArgumentException("The model has " + outputs.size() + " outputs " + outputs
                    + "; give one loss (objective) per output. Received: " + objectives.size());
        }
        Map<Metric, String> owners = new IdentityHashMap<>();
        for (Objective objective : objectives) {
            for (Metric metric : objective.metrics()) {
                String owner = owners.putIfAbsent(metric, objective.output());
                if (owner != null && !owner.equals(objective.output())) {
                    throw new IllegalArgumentException("The same '" + metric.name() + "' metric is given to two "
                            + "outputs ('" + owner + "' and '" + objective.output() + "'); a metric accumulates one "
                            + "output's values, so give each output its own instance");
                }
            }
        }
        this.model = model;
        this.optimizer = optimizer;
        this.objectives = List.copyOf(objectives);
        this.rng = rng;
        for (Objective objective : this.objectives) {
            outputLossTrackers.add(new Mean(objective.output() + "_loss"));
        }
    }

    private static List<Objective> sameForEveryOutput(List<String> outputs, Loss loss, List<Metric> metrics) {
        List<Objective> objectives = new ArrayList<>();
        for (String output : outputs) {
            objectives.add(new Objective(output, loss, objectives.isEmpty() ? metrics : copies(metrics, output)));
        }
        return objectives;
    }

    private static List<Metric> copies(List<Metric> metrics, String output) {
        List<Metric> copies = new ArrayList<>();
        for (Metric metric : metrics) {
            try {
                copies.add(Metrics.fromConfig(metric.name(), metric.config()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("The metric '" + metric.name() + "' cannot be copied for output '"
                        + output + "' (" + e.getMessage() + "); give each output its own metrics", e);
            }
        }
        return copies;
    }

    /** The optimizer. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The loss, per output, its weight and metrics, in output order. */
    public List<Objective> objectives() {
        return objectives;
    }

    /** The loss (of the first output, for a model of several; see {@link #objectives()}). */
    public Loss loss() {
        return objectives.getFirst().loss();
    }

    /** The metrics, in the order they are reported (every output's, in output order). */
    public List<Metric> metrics() {
        return objectives.stream().flatMap(objective -> objective.metrics().stream()).toList();
    }

    /** One gradient step on one batch; returns that batch's loss and metrics. */
    public Map<String, Double> trainOnBatch(Tensor x, Tensor y) {
        return trainOnBatch(Collections.singletonList(x), Collections.singletonList(y));
    }

    /** One gradient step on one batch of several inputs and targets; returns that batch's loss and metrics. */
    public Map<String, Double> trainOnBatch(List<Tensor> inputs, List<Tensor> targets) {
        TrainingData batch = checked(inputs, targets, "trainOnBatch");
        resetTrackers();
        double value = step(batch);
        if (!Double.isFinite(value)) {
            throw new ArithmeticException("trainOnBatch: the loss is " + value + "; the step was not applied. "
                    + "Lower the learning rate, scale the inputs, or clip gradients.");
        }
        return logs("");
    }

    /** Trains for the configured epochs; returns the per-epoch history. */
    public History fit(Tensor x, Tensor y, FitOptions options) {
        return fit(Collections.singletonList(x), Collections.singletonList(y), options);
    }

    /** Trains a model of several inputs and outputs (one tensor each) for the configured epochs. */
    public History fit(List<Tensor> inputs, List<Tensor> targets, FitOptions options) {
        TrainingData train = checked(inputs, targets, "fit");
        TrainingData validation = null;
        if (options.validationInputs() != null) {
            validation = checked(options.validationInputs(), options.validationTargets(), "fit validationData");
        } else if (options.validationSplit() > 0) {
            TrainingData[] parts = train.validationSplit(options.validationSplit());
            train = parts[0];
            validation = parts[1];
        }
        int samples = train.samples();
        int batchSize = Math.min(options.batchSize(), samples);
        int steps = (samples + batchSize - 1) / batchSize;
        TrainingContext context = new TrainingContext(model, options.epochs(), steps);
        History history = new History();
        List<Callback> callbacks = new ArrayList<>();
        callbacks.add(history);
        callbacks.addAll(options.callbacks());
        ProgressLogger.forVerbosity(options.verbosity(), options.output()).ifPresent(callbacks::add);

        for (Callback callback : callbacks) {
            callback.onTrainBegin(context);
        }
        Map<String, Double> epochLogs = new LinkedHashMap<>();
        for (int epoch = options.initialEpoch(); epoch < options.epochs() && !context.isStopRequested(); epoch++) {
            for (Callback callback : callbacks) {
                callback.onEpochBegin(epoch, context);
            }
            resetTrackers();
            int[] order = options.shuffle() ? rng.permutation(samples) : null;
            for (int batch = 0; batch < steps; batch++) {
                int from = batch * batchSize;
                int to = Math.min(samples, from + batchSize);
                double value = step(order == null ? train.slice(from, to)
                        : train.take(TrainingData.range(order, from, to)));
                if (!Double.isFinite(value)) {
                    context.stopTraining("Epoch " + (epoch + 1) + ", batch " + (batch + 1) + ": the loss is " + value
                            + "; training stopped before applying that step. Lower the learning rate, scale the "
                            + "inputs, or clip gradients.");
                    if (options.verbosity() != FitOptions.Verbosity.SILENT) {
                        options.output().println(context.stopReason());
                    }
                    break;
                }
                Map<String, Double> batchLogs = logs("");
                for (Callback callback : callbacks) {
                    callback.onTrainBatchEnd(batch, batchLogs, context);
                }
            }
            epochLogs = logs("");
            if (lossTracker.count() == 0) {
                // No batch completed (the first loss was not finite): an empty mean reads 0, a perfect epoch.
                epochLogs.replaceAll((key, value) -> Double.NaN);
            }
            if (validation != null && !epochLogs.isEmpty()) {
                epochLogs.putAll(evaluate(validation, options.batchSize(), "val_"));
            }
            for (Callback callback : callbacks) {
                callback.onEpochEnd(epoch, epochLogs, context);
            }
        }
        for (Callback callback : callbacks) {
            callback.onTrainEnd(epochLogs, context);
        }
        history.setStopReason(context.stopReason());
        return history;
    }

    /** Loss and metrics over all of {@code x, y}, in batches, without changing the model. */
    public Map<String, Double> evaluate(Tensor x, Tensor y, int batchSize) {
        return evaluate(Collections.singletonList(x), Collections.singletonList(y), batchSize);
    }

    /** Loss and metrics over all of several inputs and targets, in batches, without changing the model. */
    public Map<String, Double> evaluate(List<Tensor> inputs, List<Tensor> targets, int batchSize) {
        TrainingData data = checked(inputs, targets, "evaluate");
        if (batchSize < 1) {
            throw new IllegalArgumentException("evaluate: batchSize must be >= 1. Received: " + batchSize);
        }
        return evaluate(data, batchSize, "");
    }

    private Map<String, Double> evaluate(TrainingData data, int batchSize, String prefix) {
        resetTrackers();
        int samples = data.samples();
        try (var _ = GradMode.disabled()) {
            for (int from = 0; from < samples; from += batchSize) {
                TrainingData batch = data.slice(from, Math.min(samples, from + batchSize));
                // Only numbers leave a batch (losses and metric sums): its arrays serve the next one.
                try (Scratch.Scope inBatch = evaluationScratch.enter()) {
                    List<Tensor> predicted = outputs(batch.inputs(), false);
                    Tensor[] losses = losses(batch.targets(), predicted);
                    record(batch, predicted, total(losses).item(), losses);
                }
            }
        }
        return logs(prefix);
    }

    private double step(TrainingData batch) {
        try (Scratch.Scope step = scratch.enter()) {
            return stepInScratch(batch);
        }
    }

    private double stepInScratch(TrainingData batch) {
        List<Tensor> parameters = model.trainableTensors();
        for (Tensor parameter : parameters) {
            parameter.setGrad(null);
        }
        List<Tensor> predicted = outputs(batch.inputs(), true);
        Tensor[] losses = losses(batch.targets(), predicted);
        Tensor total = total(losses);
        double lossValue = total.item();
        if (!Double.isFinite(lossValue)) {
            return lossValue;
        }
        total.backward();
        optimizer.step(parameters);
        record(batch, predicted.stream().map(Tensor::detach).toList(), lossValue, losses);
        return lossValue;
    }

    private List<Tensor> outputs(List<Tensor> inputs, boolean training) {
        List<Tensor> predicted = model.forward(inputs, training);
        if (predicted.size() != objectives.size()) {
            throw new IllegalStateException("The model returned " + predicted.size() + " outputs; its objectives "
                    + "expect " + objectives.size());
        }
        return predicted;
    }

    /** Each output's loss, a scalar tensor recorded for differentiation. */
    private Tensor[] losses(List<Tensor> targets, List<Tensor> predicted) {
        Tensor[] losses = new Tensor[objectives.size()];
        for (int k = 0; k < losses.length; k++) {
            Loss loss = objectives.get(k).loss();
            losses[k] = loss.compute(targets.get(k), predicted.get(k));
            if (losses[k].size() != 1) {
                throw new IllegalStateException("The loss must be a scalar, but " + loss.name() + " returned shape "
                        + losses[k].shape());
            }
        }
        return losses;
    }

    /** {@code Σ weightₖ · lossₖ}; one unweighted loss is returned as it is. */
    private Tensor total(Tensor[] losses) {
        Tensor total = null;
        for (int k = 0; k < losses.length; k++) {
            double weight = objectives.get(k).lossWeight();
            Tensor weighted = weight == 1 ? losses[k] : losses[k].mul(weight);
            total = total == null ? weighted : total.add(weighted);
        }
        return total;
    }

    private void record(TrainingData batch, List<Tensor> predicted, double total, Tensor[] losses) {
        int samples = batch.samples();
        lossTracker.update(total, samples);
        for (int k = 0; k < objectives.size(); k++) {
            outputLossTrackers.get(k).update(losses[k].item(), samples);
            for (Metric metric : objectives.get(k).metrics()) {
                metric.update(batch.targets().get(k), predicted.get(k));
            }
        }
    }

    private void resetTrackers() {
        lossTracker.reset();
        for (Mean tracker : outputLossTrackers) {
            tracker.reset();
        }
        for (Metric metric : metrics()) {
            metric.reset();
        }
    }

    /**
     * The logs as Keras names them: {@code loss} and metric names for one output; {@code loss} (the
     * total), {@code <output>_loss} and {@code <output>_<metric>} for several.
     */
    private Map<String, Double> logs(String prefix) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put(prefix + "loss", lossTracker.result());
        boolean several = objectives.size() > 1;
        if (several) {
            for (Mean tracker : outputLossTrackers) {
                logs.put(prefix + tracker.name(), tracker.result());
            }
        }
        for (Objective objective : objectives) {
            for (Metric metric : objective.metrics()) {
                logs.put(prefix + (several ? objective.output() + "_" : "") + metric.name(), metric.result());
            }
        }
        return logs;
    }

    private TrainingData checked(List<Tensor> inputs, List<Tensor> targets, String where) {
        TrainingData data = TrainingData.of(inputs, targets, where);
        if (targets.size() != objectives.size()) {
            throw new IllegalArgumentException(where + ": the model has " + objectives.size() + " outputs "
                    + model.outputNames() + " and needs one target tensor each. Received: " + targets.size());
        }
        return data;
    }
}
