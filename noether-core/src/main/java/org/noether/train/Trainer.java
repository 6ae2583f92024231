package org.noether.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.noether.autograd.GradMode;
import org.noether.data.Dataset;
import org.noether.losses.Loss;
import org.noether.optimizers.Optimizer;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.noether.train.metrics.Mean;
import org.noether.train.metrics.Metric;

/**
 * The training loop, as plain code: for each epoch, for each batch — forward, loss, backward,
 * optimizer step — with callbacks around it and validation after each epoch.
 *
 * <p>Losses are averaged over the epoch weighted by batch size, as Keras reports them; metrics
 * accumulate over all samples of the epoch. A loss that is NaN or infinite stops training before
 * the bad step is applied, so the weights stay finite, and says so.
 *
 * <pre>{@code
 * Trainer trainer = new Trainer(model, new Adam(), new CategoricalCrossentropy(), List.of(new Accuracy()), rng);
 * History history = trainer.fit(x, y, new FitOptions().epochs(5));
 * }</pre>
 */
public final class Trainer {
    private final TrainableModel model;
    private final Optimizer optimizer;
    private final Loss loss;
    private final List<Metric> metrics;
    private final Rng rng;
    private final Mean lossTracker = new Mean("loss");

    /** A loop that trains {@code model} with the given optimizer, loss and metrics; shuffling draws from {@code rng}. */
    public Trainer(TrainableModel model, Optimizer optimizer, Loss loss, List<Metric> metrics, Rng rng) {
        this.model = model;
        this.optimizer = optimizer;
        this.loss = loss;
        this.metrics = List.copyOf(metrics);
        this.rng = rng;
    }

    /** The optimizer. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The loss. */
    public Loss loss() {
        return loss;
    }

    /** The metrics, in the order they are reported. */
    public List<Metric> metrics() {
        return metrics;
    }

    /** One gradient step on one batch; returns that batch's loss and metrics. */
    public Map<String, Double> trainOnBatch(Tensor x, Tensor y) {
        checkBatch(x, y, "trainOnBatch");
        resetTrackers();
        double value = step(x, y);
        if (!Double.isFinite(value)) {
            throw new ArithmeticException("trainOnBatch: the loss is " + value + "; the step was not applied. "
                    + "Lower the learning rate, scale the inputs, or clip gradients.");
        }
        return logs("");
    }

    /** Trains for the configured epochs; returns the per-epoch history. */
    public History fit(Tensor x, Tensor y, FitOptions options) {
        checkBatch(x, y, "fit");
        Tensor trainX = x;
        Tensor trainY = y;
        Tensor validationX = options.validationX();
        Tensor validationY = options.validationY();
        if (validationX != null) {
            checkBatch(validationX, validationY, "fit validationData");
        } else if (options.validationSplit() > 0) {
            Dataset.Pair split = new Dataset(x, y).validationSplit(options.validationSplit());
            trainX = split.first().x();
            trainY = split.first().y();
            validationX = split.second().x();
            validationY = split.second().y();
        }
        int samples = trainX.dim(0);
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
                Tensor batchX = order == null ? trainX.slice(from, to) : trainX.take(range(order, from, to));
                Tensor batchY = order == null ? trainY.slice(from, to) : trainY.take(range(order, from, to));
                double value = step(batchX, batchY);
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
            if (validationX != null && !epochLogs.isEmpty()) {
                epochLogs.putAll(evaluate(validationX, validationY, options.batchSize(), "val_"));
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
        checkBatch(x, y, "evaluate");
        if (batchSize < 1) {
            throw new IllegalArgumentException("evaluate: batchSize must be >= 1. Received: " + batchSize);
        }
        return evaluate(x, y, batchSize, "");
    }

    private Map<String, Double> evaluate(Tensor x, Tensor y, int batchSize, String prefix) {
        resetTrackers();
        int samples = x.dim(0);
        try (var _ = GradMode.disabled()) {
            for (int from = 0; from < samples; from += batchSize) {
                int to = Math.min(samples, from + batchSize);
                Tensor batchY = y.slice(from, to);
                Tensor predicted = model.forward(x.slice(from, to), false);
                lossTracker.update(loss.compute(batchY, predicted).item(), to - from);
                for (Metric metric : metrics) {
                    metric.update(batchY, predicted);
                }
            }
        }
        return logs(prefix);
    }

    /** The model's outputs for all of {@code x}, computed in batches with recording off. */
    public static Tensor predict(TrainableModel model, Tensor x, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1. Received: " + batchSize);
        }
        int samples = x.dim(0);
        float[] out = null;
        Shape perSample = null;
        try (var _ = GradMode.disabled()) {
            for (int from = 0; from < samples; from += batchSize) {
                int to = Math.min(samples, from + batchSize);
                Tensor predicted = model.forward(x.slice(from, to), false);
                if (out == null) {
                    perSample = predicted.shape().dropFirst();
                    out = new float[samples * perSample.size()];
                }
                System.arraycopy(predicted.data(), 0, out, from * perSample.size(), predicted.size());
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("predict: no samples (input shape " + x.shape() + ")");
        }
        return Tensor.wrap(out, perSample.prepend(samples));
    }

    private double step(Tensor x, Tensor y) {
        List<Tensor> parameters = model.trainableTensors();
        for (Tensor parameter : parameters) {
            parameter.setGrad(null);
        }
        Tensor predicted = model.forward(x, true);
        Tensor value = loss.compute(y, predicted);
        if (value.size() != 1) {
            throw new IllegalStateException("The loss must be a scalar, but " + loss.name() + " returned shape "
                    + value.shape());
        }
        double lossValue = value.item();
        if (!Double.isFinite(lossValue)) {
            return lossValue;
        }
        value.backward();
        optimizer.step(parameters);
        lossTracker.update(lossValue, x.dim(0));
        Tensor detached = predicted.detach();
        for (Metric metric : metrics) {
            metric.update(y, detached);
        }
        return lossValue;
    }

    private void resetTrackers() {
        lossTracker.reset();
        for (Metric metric : metrics) {
            metric.reset();
        }
    }

    private Map<String, Double> logs(String prefix) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put(prefix + "loss", lossTracker.result());
        for (Metric metric : metrics) {
            logs.put(prefix + metric.name(), metric.result());
        }
        return logs;
    }

    private static int[] range(int[] order, int from, int to) {
        return java.util.Arrays.copyOfRange(order, from, to);
    }

    private static void checkBatch(Tensor x, Tensor y, String where) {
        if (x == null || y == null) {
            throw new IllegalArgumentException(where + " needs both inputs and targets");
        }
        if (x.rank() == 0 || y.rank() == 0 || x.dim(0) != y.dim(0)) {
            throw new IllegalArgumentException(where + ": inputs " + x.shape() + " and targets " + y.shape()
                    + " must have the same number of samples (first dimension)");
        }
        if (x.dim(0) == 0) {
            throw new IllegalArgumentException(where + ": no samples (input shape " + x.shape() + ")");
        }
    }
}
