package org.noether.train.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.noether.autograd.GradMode;
import org.noether.tensor.Tensor;

/** Hand cases (the Keras documentation's among them), accumulation, reset and shape errors. */
class AccuracyMetricsTest {

    private static double once(Metric metric, Tensor yTrue, Tensor yPred) {
        metric.reset();
        metric.update(yTrue, yPred);
        return metric.result();
    }

    @Test
    void categoricalAccuracyComparesArgmaxes() {
        Tensor yTrue = Tensor.of(new float[][] {{0, 0, 1}, {0, 1, 0}});
        Tensor yPred = Tensor.of(new float[][] {{0.1f, 0.9f, 0.8f}, {0.05f, 0.95f, 0}});
        assertEquals(0.5, once(new CategoricalAccuracy(), yTrue, yPred));
        // A tie goes to the first index: [0.4, 0.4, 0.2] predicts class 0.
        assertEquals(1.0, once(new CategoricalAccuracy(), Tensor.of(new float[][] {{1, 0, 0}}),
                Tensor.of(new float[][] {{0.4f, 0.4f, 0.2f}})));
    }

    @Test
    void sparseCategoricalAccuracyTakesIndicesWithOrWithoutTheTrailingOne() {
        Tensor yPred = Tensor.of(new float[][] {{0.1f, 0.6f, 0.3f}, {0.05f, 0.95f, 0}});
        assertEquals(0.5, once(new SparseCategoricalAccuracy(), Tensor.of(new float[] {2, 1}, 2, 1), yPred));
        assertEquals(0.5, once(new SparseCategoricalAccuracy(), Tensor.vector(2, 1), yPred));
        assertEquals(0.5, once(new SparseCategoricalAccuracy(), Tensor.vector(1, 7), yPred)); // 7 never matches
        // Both rows predict class 1: neither 1.5 nor -1 is a class index, so neither matches.
        assertEquals(0.0, once(new SparseCategoricalAccuracy(), Tensor.vector(1.5f, -1), yPred));
    }

    @Test
    void binaryAccuracyThresholdsStrictly() {
        Tensor yTrue = Tensor.of(new float[] {1, 1, 0, 0}, 4, 1);
        Tensor yPred = Tensor.of(new float[] {0.98f, 1, 0, 0.6f}, 4, 1);
        assertEquals(0.75, once(new BinaryAccuracy(), yTrue, yPred));
        assertEquals(0.75, once(new BinaryAccuracy(), Tensor.vector(1, 1, 0, 0), yPred));
        // 0.5 is not above 0.5; with threshold 0.7 the 0.6 becomes right.
        assertEquals(0.0, once(new BinaryAccuracy(), Tensor.vector(1), Tensor.vector(0.5f)));
        assertEquals(1.0, once(new BinaryAccuracy(0.7), yTrue, yPred));
    }

    @Test
    void aSampleWithSeveralOutputsScoresItsFraction() {
        // Sample 1: 1 of 2 outputs right; sample 2: both right. Keras: mean(0.5, 1) = 0.75.
        Tensor yTrue = Tensor.of(new float[][] {{1, 0}, {0, 1}});
        Tensor yPred = Tensor.of(new float[][] {{0.9f, 0.8f}, {0.1f, 0.7f}});
        assertEquals(0.75, once(new BinaryAccuracy(), yTrue, yPred));
        // Per-pixel classes of a 2-sample, 2-position map: sample 1 gets 1 of 2 pixels, sample 2 both.
        Tensor pixelsTrue = Tensor.of(new float[] {1, 0, 0, 1, 1, 0, 1, 0}, 2, 2, 2);
        Tensor pixelsPred = Tensor.of(new float[] {0.9f, 0.1f, 0.8f, 0.2f, 0.6f, 0.4f, 0.7f, 0.3f}, 2, 2, 2);
        assertEquals(0.75, once(new CategoricalAccuracy(), pixelsTrue, pixelsPred));
    }

    @Test
    void accumulatesTheFractionOverAllSamplesNotTheMeanOfBatchMeans() {
        Metric accuracy = new SparseCategoricalAccuracy();
        // Batch 1: 3 samples, 2 right. Batch 2: 1 sample, wrong. 2/4, not (2/3 + 0)/2.
        accuracy.update(Tensor.vector(0, 1, 2), Tensor.of(new float[][] {{1, 0, 0}, {0, 1, 0}, {1, 0, 0}}));
        assertEquals(2.0 / 3, accuracy.result(), 1e-15);
        accuracy.update(Tensor.vector(2), Tensor.of(new float[][] {{0, 1, 0}}));
        assertEquals(0.5, accuracy.result(), 1e-15);
        accuracy.reset();
        assertEquals(0, accuracy.result());
        accuracy.update(Tensor.vector(1), Tensor.of(new float[][] {{0, 1, 0}}));
        assertEquals(1, accuracy.result());
    }

    @Test
    void topKCountsTargetsAmongTheKHighestScores() {
        Tensor yTrue = Tensor.of(new float[][] {{0, 0, 1}, {0, 1, 0}});
        Tensor yPred = Tensor.of(new float[][] {{0.1f, 0.9f, 0.8f}, {0.05f, 0.95f, 0}});
        assertEquals(0.5, once(new TopKCategoricalAccuracy(1), yTrue, yPred));
        assertEquals(1.0, once(new TopKCategoricalAccuracy(2), yTrue, yPred));
        assertEquals(1.0, once(new TopKCategoricalAccuracy(), yTrue, yPred)); // k = 5 ≥ 3 classes
        assertEquals(0.5, once(new SparseTopKCategoricalAccuracy(1), Tensor.vector(2, 1), yPred));
        assertEquals(1.0, once(new SparseTopKCategoricalAccuracy(2), Tensor.vector(2, 1), yPred));
    }

    @Test
    void topKCountsEveryClassTiedWithTheKthScore() {
        Tensor scores = Tensor.of(new float[][] {{0.3f, 0.3f, 0.3f, 0.1f}});
        for (int target = 0; target < 3; target++) {
            assertEquals(1.0, once(new SparseTopKCategoricalAccuracy(1), Tensor.vector(target), scores),
                    "target " + target);
        }
        assertEquals(0.0, once(new SparseTopKCategoricalAccuracy(3), Tensor.vector(3), scores));
        assertEquals(1.0, once(new SparseTopKCategoricalAccuracy(4), Tensor.vector(3), scores));
        Tensor oneHot = Tensor.of(new float[][] {{0, 1, 0, 0}});
        assertEquals(1.0, once(new TopKCategoricalAccuracy(1), oneHot, scores));
    }

    @Test
    void meanAbsoluteErrorAveragesPerSampleThenOverSamples() {
        Metric mae = new MeanAbsoluteError();
        mae.update(Tensor.of(new float[][] {{0, 0}, {1, 1}}), Tensor.of(new float[][] {{1, 3}, {1, 1}}));
        assertEquals(1.0, mae.result(), 1e-12); // per sample: 2 and 0
        mae.update(Tensor.vector(0), Tensor.of(new float[] {4}, 1, 1));
        assertEquals(2.0, mae.result(), 1e-12); // (2 + 0 + 4) / 3
    }

    @Test
    void updatesRecordNoGradients() {
        Tensor yPred = Tensor.of(new float[][] {{0.2f, 0.8f}}).requiresGrad(true);
        Metric accuracy = new Accuracy();
        accuracy.update(Tensor.of(new float[] {1}, 1, 1), yPred);
        assertTrue(GradMode.isEnabled());
        assertEquals(1.0, accuracy.result());
        assertEquals(null, yPred.grad());
    }

    @Test
    void shapeErrorsNameTheMetricAndBothShapes() {
        IllegalArgumentException categorical = assertThrows(IllegalArgumentException.class,
                () -> new CategoricalAccuracy().update(Tensor.zeros(2, 3), Tensor.zeros(2, 4)));
        assertMessage(categorical, "categorical_accuracy", "[2, 3]", "[2, 4]");
        IllegalArgumentException sparse = assertThrows(IllegalArgumentException.class,
                () -> new SparseCategoricalAccuracy().update(Tensor.zeros(3), Tensor.zeros(2, 4)));
        assertMessage(sparse, "sparse_categorical_accuracy", "[3]", "[2, 4]");
        IllegalArgumentException binary = assertThrows(IllegalArgumentException.class,
                () -> new BinaryAccuracy().update(Tensor.zeros(2, 1), Tensor.zeros(2, 3)));
        assertMessage(binary, "binary_accuracy", "[2, 1]", "[2, 3]");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new TopKCategoricalAccuracy(0)),
                "top_k_categorical_accuracy", "k=0");
    }

    static void assertMessage(IllegalArgumentException error, String... parts) {
        for (String part : parts) {
            assertTrue(error.getMessage().contains(part), "message \"" + error.getMessage() + "\" lacks " + part);
        }
    }
}
