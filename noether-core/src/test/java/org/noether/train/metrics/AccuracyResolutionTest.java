package org.noether.train.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.noether.tensor.Tensor;

/** The string "accuracy" picks binary, sparse categorical or categorical accuracy from the shapes, as in Keras. */
class AccuracyResolutionTest {

    private static Accuracy.Kind kind(int[] trueShape, int[] predShape) {
        return Accuracy.Kind.of(Tensor.zeros(trueShape), Tensor.zeros(predShape));
    }

    @Test
    void resolvesByKerasRules() {
        assertEquals(Accuracy.Kind.BINARY, kind(new int[] {8, 1}, new int[] {8, 1}));
        assertEquals(Accuracy.Kind.BINARY, kind(new int[] {8}, new int[] {8, 1}));
        assertEquals(Accuracy.Kind.BINARY, kind(new int[] {8}, new int[] {8})); // rank-1 outputs: one per sample
        assertEquals(Accuracy.Kind.SPARSE_CATEGORICAL, kind(new int[] {8}, new int[] {8, 10}));
        assertEquals(Accuracy.Kind.SPARSE_CATEGORICAL, kind(new int[] {8, 1}, new int[] {8, 10}));
        assertEquals(Accuracy.Kind.SPARSE_CATEGORICAL, kind(new int[] {8, 4, 4}, new int[] {8, 4, 4, 3}));
        assertEquals(Accuracy.Kind.CATEGORICAL, kind(new int[] {8, 10}, new int[] {8, 10}));
        // Two binary outputs per sample look categorical to Keras too: last dimension 2, not 1.
        assertEquals(Accuracy.Kind.CATEGORICAL, kind(new int[] {8, 2}, new int[] {8, 2}));
    }

    @Test
    void computesTheSameAsTheResolvedMetric() {
        Tensor probabilities = Tensor.of(new float[][] {{0.1f, 0.6f, 0.3f}, {0.05f, 0.95f, 0}, {0.5f, 0.2f, 0.3f}});
        Tensor indices = Tensor.vector(2, 1, 0);
        Tensor oneHot = Tensor.of(new float[][] {{0, 0, 1}, {0, 1, 0}, {1, 0, 0}});
        Tensor binaryOutputs = Tensor.of(new float[] {0.2f, 0.7f, 0.9f}, 3, 1);
        Tensor binaryLabels = Tensor.vector(0, 0, 1);
        assertEquals(2.0 / 3, resultOf(new Accuracy(), indices, probabilities), 1e-15);
        assertEquals(2.0 / 3, resultOf(new Accuracy(), oneHot, probabilities), 1e-15);
        assertEquals(2.0 / 3, resultOf(new Accuracy(), binaryLabels, binaryOutputs), 1e-15);
        assertEquals(resultOf(new BinaryAccuracy(), binaryLabels, binaryOutputs),
                resultOf(new Accuracy(), binaryLabels, binaryOutputs));
    }

    @Test
    void resolvesEachBatchAndAccumulatesAcrossThem() {
        Metric accuracy = new Accuracy();
        accuracy.update(Tensor.vector(1, 0), Tensor.of(new float[][] {{0.2f, 0.8f}, {0.3f, 0.7f}})); // 1 of 2
        accuracy.update(Tensor.of(new float[][] {{0, 1}}), Tensor.of(new float[][] {{0.4f, 0.6f}})); // 1 of 1
        assertEquals(2.0 / 3, accuracy.result(), 1e-15);
    }

    private static double resultOf(Metric metric, Tensor yTrue, Tensor yPred) {
        metric.update(yTrue, yPred);
        return metric.result();
    }
}
