package org.noether.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.noether.losses.Loss;
import org.noether.losses.MeanSquaredError;
import org.noether.losses.SparseCategoricalCrossentropy;
import org.noether.nn.Node;
import org.noether.nn.layers.Concatenate;
import org.noether.nn.layers.Dense;
import org.noether.optimizers.SGD;
import org.noether.tensor.Expect;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.noether.train.FitOptions;
import org.noether.train.History;
import org.noether.train.metrics.Accuracy;
import org.noether.train.metrics.MeanAbsoluteError;
import org.noether.train.metrics.Metric;

/**
 * Training a model of two inputs and two outputs: one loss per output summed with weights, logs
 * named per output as Keras names them, validation numbers equal to {@code evaluate}, and losses
 * and metrics equal to references computed from the predictions.
 */
class FunctionalTrainingTest {
    private static final int SAMPLES = 40;
    private static final Tensor FEATURES = Tensor.uniform(Shape.of(SAMPLES, 3), -1, 1, new Rng(1));
    private static final Tensor EXTRA = Tensor.uniform(Shape.of(SAMPLES, 2), -1, 1, new Rng(2));

    /** Class {@code (i·7) mod 3}, value {@code Σ features + extra₀}. */
    private static List<Tensor> targets() {
        float[] labels = new float[SAMPLES];
        float[] values = new float[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            labels[i] = (i * 7) % 3;
            values[i] = FEATURES.get(i, 0) + FEATURES.get(i, 1) + FEATURES.get(i, 2) + EXTRA.get(i, 0);
        }
        return List.of(Tensor.vector(labels), Tensor.of(values, SAMPLES, 1));
    }

    /** features, extra → class probabilities ("class_out") and a value ("value_out"). */
    private static FunctionalModel twoHeads() {
        Node features = Node.input(3);
        Node extra = Node.input(2);
        Node hidden = new Dense(8, "tanh").on(new Concatenate().on(features, extra));
        Node classOut = new Dense(3, "softmax").name("class_out").on(hidden);
        Node valueOut = new Dense(1).name("value_out").on(new Concatenate().on(hidden, extra));
        return Model.of(List.of(features, extra), List.of(classOut, valueOut)).seed(11);
    }

    private static void compile(FunctionalModel model, double learningRate) {
        model.compile(new SGD(learningRate), List.<Loss>of(new SparseCategoricalCrossentropy(), new MeanSquaredError()),
                List.of(1.0, 0.5), List.of(List.<Metric>of(new Accuracy()), List.<Metric>of(new MeanAbsoluteError())));
    }

    private static List<Tensor> rows(List<Tensor> tensors, int from, int to) {
        return tensors.stream().map(tensor -> tensor.slice(from, to)).toList();
    }

    @Test
    void fitNamesLossesAndMetricsPerOutputAndValidatesLikeEvaluate() {
        FunctionalModel model = twoHeads();
        compile(model, 0.1);
        List<Tensor> inputs = List.of(FEATURES, EXTRA);
        History history = model.fit(inputs, targets(),
                new FitOptions().epochs(4).batchSize(8).validationSplit(0.25).verbose(0));
        List<String> keys = List.of("loss", "class_out_loss", "value_out_loss", "class_out_accuracy",
                "value_out_mean_absolute_error");
        assertEquals(keys, history.keys().subList(0, 5));
        assertEquals(keys.stream().map(key -> "val_" + key).toList(), history.keys().subList(5, 10));
        assertTrue(history.last("loss") < history.get("loss").getFirst(), history.toString());

        // The last epoch's validation ran on the final weights over the last quarter of every tensor.
        Map<String, Double> evaluated = model.evaluate(rows(inputs, 30, 40), rows(targets(), 30, 40), 8);
        for (String key : keys) {
            assertEquals(evaluated.get(key), history.last("val_" + key), key);
        }
        double total = history.last("class_out_loss") + 0.5 * history.last("value_out_loss");
        assertEquals(total, history.last("loss"), 1e-5 * total);
    }

    @Test
    void evaluateMatchesReferencesComputedFromThePredictions() {
        FunctionalModel model = twoHeads();
        compile(model, 0.1);
        List<Tensor> inputs = List.of(FEATURES, EXTRA);
        List<Tensor> targets = targets();
        Map<String, Double> logs = model.evaluate(inputs, targets, 7);
        List<Tensor> predicted = model.predict(inputs);
        double crossEntropy = 0;
        double squared = 0;
        double absolute = 0;
        int correct = 0;
        for (int i = 0; i < SAMPLES; i++) {
            int label = Math.round(targets.get(0).get(i));
            crossEntropy -= Math.log(predicted.get(0).get(i, label)) / SAMPLES;
            int best = 0;
            for (int c = 1; c < 3; c++) {
                best = predicted.get(0).get(i, c) > predicted.get(0).get(i, best) ? c : best;
            }
            correct += best == label ? 1 : 0;
            double error = (double) predicted.get(1).get(i, 0) - targets.get(1).get(i, 0);
            squared += error * error / SAMPLES;
            absolute += Math.abs(error) / SAMPLES;
        }
        assertEquals(crossEntropy, logs.get("class_out_loss"), 1e-5);
        assertEquals(squared, logs.get("value_out_loss"), 1e-5);
        assertEquals(crossEntropy + 0.5 * squared, logs.get("loss"), 1e-5);
        assertEquals(correct / (double) SAMPLES, logs.get("class_out_accuracy"), 1e-12);
        assertEquals(absolute, logs.get("value_out_mean_absolute_error"), 1e-5);
    }

    @Test
    void trainOnBatchReportsTheBatchBeforeItsStep() {
        FunctionalModel model = twoHeads();
        compile(model, 0.0);
        List<Tensor> inputs = rows(List.of(FEATURES, EXTRA), 0, 10);
        List<Tensor> targets = rows(targets(), 0, 10);
        Map<String, Double> evaluated = model.evaluate(inputs, targets, 10);
        assertEquals(evaluated, model.trainOnBatch(inputs, targets));
    }

    @Test
    void oneLossAndItsMetricsServeEveryOutput() {
        Node input = Node.input(3);
        Node first = new Dense(1).name("first").on(input);
        Node second = new Dense(1).name("second").on(input);
        FunctionalModel model = Model.of(List.of(input), List.of(first, second)).seed(5);
        model.compile(new SGD(0.05), new MeanSquaredError(), new MeanAbsoluteError());
        Tensor y = targets().get(1);
        Map<String, Double> logs = model.evaluate(List.of(FEATURES), List.of(y, y.mul(-1)));
        assertEquals(List.of("loss", "first_loss", "second_loss", "first_mean_absolute_error",
                "second_mean_absolute_error"), List.copyOf(logs.keySet()));
        assertEquals(logs.get("first_loss") + logs.get("second_loss"), logs.get("loss"), 1e-5);
        assertTrue(logs.get("first_mean_absolute_error") != logs.get("second_mean_absolute_error").doubleValue());
    }

    @Test
    void targetsAndCompileArgumentsMustMatchTheOutputs() {
        FunctionalModel model = twoHeads();
        compile(model, 0.1);
        List<Tensor> inputs = List.of(FEATURES, EXTRA);
        Expect.thrown(IllegalArgumentException.class, () -> model.fit(inputs, targets().subList(0, 1),
                new FitOptions().verbose(0)), "2 outputs [class_out, value_out]", "Received: 1");
        Expect.thrown(IllegalArgumentException.class, () -> model.fit(List.of(FEATURES), targets(),
                new FitOptions().verbose(0)), "takes 2 inputs");
        Expect.thrown(IllegalArgumentException.class, () -> model.evaluate(inputs,
                List.of(targets().getFirst(), targets().get(1).slice(0, 30))), "same number of samples", "[30, 1]");
        Expect.thrown(IllegalArgumentException.class, () -> model.compile(new SGD(0.1),
                List.<Loss>of(new MeanSquaredError(), new MeanSquaredError(), new MeanSquaredError()), null, null),
                "2 outputs [class_out, value_out]", "losses needs one entry per output", "Received: 3");
        Expect.thrown(IllegalArgumentException.class, () -> model.compile(new SGD(0.1),
                List.<Loss>of(new MeanSquaredError()), List.of(1.0), null), "lossWeights", "Received: 1");
        Metric shared = new MeanAbsoluteError();
        Expect.thrown(IllegalArgumentException.class, () -> model.compile(new SGD(0.1),
                List.<Loss>of(new MeanSquaredError()), null, List.of(List.of(shared), List.of(shared))),
                "mean_absolute_error", "two outputs");
    }
}
