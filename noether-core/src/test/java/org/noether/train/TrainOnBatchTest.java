package org.noether.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.noether.losses.MeanSquaredError;
import org.noether.optimizers.SGD;
import org.noether.tensor.Rng;
import org.noether.tensor.Tensor;
import org.noether.train.metrics.MeanAbsoluteError;
import org.noether.train.metrics.Metric;

/**
 * trainOnBatch: the returned loss and metrics are the batch's under the weights before the step,
 * and the step is one SGD update computed by hand; a NaN loss raises and leaves the weights alone.
 */
class TrainOnBatchTest {
    private static final Tensor INPUTS = TrainerFitTest.indexedInputs(4);
    private static final Tensor TARGETS = TrainerFitTest.regressionTargets(4);

    @Test
    void trainOnBatchReturnsThatBatchsLossAndAppliesOneStep() {
        LinearModel model = new LinearModel(2, 1, 7);
        Tensor x = INPUTS.mul(0.5);
        Tensor y = TARGETS;
        Map<String, Tensor> before = model.weightSnapshot();
        Trainer trainer = new Trainer(model, new SGD(0.1), new MeanSquaredError(),
                List.<Metric>of(new MeanAbsoluteError()), new Rng(1));
        Map<String, Double> logs = trainer.trainOnBatch(x, y);

        double loss = 0;
        double absolute = 0;
        double[] kernelGradient = new double[2];
        double biasGradient = 0;
        for (int i = 0; i < 4; i++) {
            double residual = before.get("bias").data()[0] + x.get(i, 0) * (double) before.get("kernel").data()[0]
                    + x.get(i, 1) * (double) before.get("kernel").data()[1] - y.get(i, 0);
            loss += residual * residual / 4;
            absolute += Math.abs(residual) / 4;
            kernelGradient[0] += 2 * residual * x.get(i, 0) / 4;
            kernelGradient[1] += 2 * residual * x.get(i, 1) / 4;
            biasGradient += 2 * residual / 4;
        }
        assertEquals(List.of("loss", "mean_absolute_error"), List.copyOf(logs.keySet()));
        assertEquals(loss, logs.get("loss"), 1e-6 * loss);
        assertEquals(absolute, logs.get("mean_absolute_error"), 1e-6 * absolute);
        for (int k = 0; k < 2; k++) {
            assertEquals(before.get("kernel").data()[k] - 0.1 * kernelGradient[k], model.kernel().data()[k], 1e-5);
        }
        assertEquals(before.get("bias").data()[0] - 0.1 * biasGradient, model.bias().data()[0], 1e-5);

        Map<String, Double> again = trainer.trainOnBatch(x, y);
        assertTrue(again.get("loss") < logs.get("loss"), "the next call reports the next batch only");
    }

    @Test
    void gradientsStayReadableAfterTheStepAndAnEvaluation() {
        // A step's arrays are reused by the next step only: evaluation has arrays of its own.
        LinearModel model = new LinearModel(2, 1, 7);
        Trainer trainer = new Trainer(model, new SGD(0.1), new MeanSquaredError(), List.of(), new Rng(1));
        trainer.trainOnBatch(INPUTS, TARGETS);
        float[] gradient = model.kernel().grad().data().clone();
        trainer.evaluate(INPUTS.mul(3), TARGETS.mul(2), 2);
        trainer.evaluate(INPUTS, TARGETS, 1);
        assertArrayEquals(gradient, model.kernel().grad().data(), 0f);
    }

    @Test
    void trainOnBatchRaisesOnANanLossWithoutStepping() {
        LinearModel model = new LinearModel(2, 1, 7);
        Map<String, Tensor> before = model.weightSnapshot();
        Tensor x = INPUTS.copy();
        x.data()[3] = Float.NaN;
        Trainer trainer = TrainerFitTest.regression(model, 0.1, 1);
        ArithmeticException error = assertThrows(ArithmeticException.class,
                () -> trainer.trainOnBatch(x, TARGETS));
        assertTrue(error.getMessage().contains("NaN") && error.getMessage().contains("not applied"),
                error.getMessage());
        assertArrayEquals(before.get("kernel").data(), model.kernel().data());
        assertArrayEquals(before.get("bias").data(), model.bias().data());
    }
}
