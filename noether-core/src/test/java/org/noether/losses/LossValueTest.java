package org.noether.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.noether.tensor.Tensor;

/**
 * Hand-computed values, and the examples of the Keras documentation (whose printed values are
 * rounded, hence the looser tolerances there).
 */
class LossValueTest {
    private static final float[][] KERAS_TRUE = {{0, 1}, {0, 0}};
    private static final float[][] KERAS_PRED = {{0.6f, 0.4f}, {0.4f, 0.6f}};

    private static double value(Loss loss, float[][] yTrue, float[][] yPred) {
        return loss.compute(Tensor.of(yTrue), Tensor.of(yPred)).item();
    }

    @Test
    void categoricalCrossentropyOfOneHotIsMinusLogOfTheTrueClass() {
        double loss = value(new CategoricalCrossentropy(), new float[][] {{0, 1, 0}},
                new float[][] {{0.1f, 0.7f, 0.2f}});
        assertEquals(-Math.log(0.7), loss, 1e-6);
    }

    @Test
    void categoricalCrossentropyNormalisesRowsFirst() {
        // [0.2, 1.4, 0.4] sums to 2, so it reads as [0.1, 0.7, 0.2].
        double loss = value(new CategoricalCrossentropy(), new float[][] {{0, 1, 0}},
                new float[][] {{0.2f, 1.4f, 0.4f}});
        assertEquals(-Math.log(0.7), loss, 1e-6);
    }

    @Test
    void crossentropiesMatchTheKerasExample() {
        float[][] predictions = {{0.05f, 0.95f, 0}, {0.1f, 0.8f, 0.1f}};
        double expected = (-Math.log(0.95) - Math.log(0.1)) / 2; // Keras prints [0.0513, 2.303]
        assertEquals(expected, value(new CategoricalCrossentropy(), new float[][] {{0, 1, 0}, {0, 0, 1}}, predictions),
                1e-6);
        Loss sparse = new SparseCategoricalCrossentropy();
        assertEquals(expected, sparse.compute(Tensor.vector(1, 2), Tensor.of(predictions)).item(), 1e-6);
        Tensor column = Tensor.of(new float[] {1, 2}, 2, 1);
        assertEquals(expected, sparse.compute(column, Tensor.of(predictions)).item(), 1e-6);
    }

    @Test
    void clippingBoundsTheLossOfAZeroProbability() {
        double loss = value(new CategoricalCrossentropy(), new float[][] {{1, 0}}, new float[][] {{0, 1}});
        assertEquals(-Math.log(1e-7), loss, 1e-3);
    }

    @Test
    void binaryCrossentropyMatchesTheKerasExample() {
        double first = -(Math.log(0.4) + Math.log(0.4)) / 2;
        double second = -(Math.log(0.6) + Math.log(0.4)) / 2; // Keras prints [0.916, 0.714]
        assertEquals((first + second) / 2, value(new BinaryCrossentropy(), KERAS_TRUE, KERAS_PRED), 1e-6);
    }

    @Test
    void binaryCrossentropyFromLogitsMatchesTheKerasExample() {
        Tensor labels = Tensor.vector(0, 1, 0, 0);
        Tensor logits = Tensor.vector(-18.6f, 0.51f, 2.94f, -12.8f);
        assertEquals(0.8654, new BinaryCrossentropy(true).compute(labels, logits).item(), 1e-4);
    }

    @Test
    void regressionLossesOfASmallCase() {
        float[][] yTrue = {{0, 1}, {0, 0}};
        float[][] yPred = {{1, 1}, {1, 0}};
        assertEquals(0.5, value(new MeanSquaredError(), yTrue, yPred), 1e-7);
        assertEquals(0.5, value(new MeanAbsoluteError(), yTrue, yPred), 1e-7);
        // Each sample has one error of ln 2 (ε = 1e-7 barely moves it): (ln 2)² / 2.
        assertEquals(Math.log(2) * Math.log(2) / 2, value(new MeanSquaredLogarithmicError(), yTrue, yPred), 1e-6);
        assertEquals(2.0 / 3, value(new MeanSquaredError(), new float[][] {{1, 2, 3}}, new float[][] {{2, 2, 2}}),
                1e-7);
    }

    @Test
    void huberIsQuadraticInsideDeltaAndLinearOutside() {
        // Keras example: errors 0.6, −0.6, 0.4, 0.6 are all within δ = 1: ½e² averages to 0.155.
        assertEquals(0.155, value(new Huber(), KERAS_TRUE, KERAS_PRED), 1e-6);
        // Error 3 with δ = 1: 3 − ½ = 2.5; error 0.5: 0.125.
        assertEquals((2.5 + 0.125) / 2, value(new Huber(), new float[][] {{0, 0}}, new float[][] {{3, -0.5f}}), 1e-6);
        // δ = 2, error 3: 2·3 − 2 = 4.
        assertEquals(4, value(new Huber(2), new float[][] {{0}}, new float[][] {{3}}), 1e-6);
    }

    @Test
    void hingeConvertsZeroOneLabels() {
        // Labels become [[−1, 1], [−1, −1]]; 1 − y·p = [[1.6, 0.6], [1.4, 1.6]]; sample means 1.1 and 1.5.
        assertEquals(1.3, value(new Hinge(), KERAS_TRUE, KERAS_PRED), 1e-6);
        // ±1 labels are used as they are; a margin beyond 1 costs nothing.
        assertEquals((0 + 1.5) / 2, value(new Hinge(), new float[][] {{1, -1}}, new float[][] {{2, 0.5f}}), 1e-6);
    }

    @Test
    void klDivergenceClipsBothDistributions() {
        double eps = 1e-7;
        double first = eps * Math.log(eps / 0.6) + Math.log(1 / 0.4);
        double second = eps * Math.log(eps / 0.4) + eps * Math.log(eps / 0.6);
        assertEquals((first + second) / 2, value(new KLDivergence(), KERAS_TRUE, KERAS_PRED), 1e-6); // Keras: 0.458
        float[][] same = {{0.25f, 0.75f}};
        assertEquals(0, value(new KLDivergence(), same, same), 1e-7);
    }

    @Test
    void labelSmoothingFollowsKeras() {
        double smoothing = 0.1;
        double[] y = {smoothing / 3, 1 - smoothing + smoothing / 3, smoothing / 3};
        double expected = -(y[0] * Math.log(0.1) + y[1] * Math.log(0.7) + y[2] * Math.log(0.2));
        assertEquals(expected, value(new CategoricalCrossentropy(false, smoothing), new float[][] {{0, 1, 0}},
                new float[][] {{0.1f, 0.7f, 0.2f}}), 1e-6);
        // Binary: label 1 becomes 1 − 0.2/2 = 0.9.
        assertEquals(-(0.9 * Math.log(0.8) + 0.1 * Math.log(0.2)),
                value(new BinaryCrossentropy(false, 0.2), new float[][] {{1}}, new float[][] {{0.8f}}), 1e-6);
    }

    @Test
    void labelsWithoutTheTrailingOneMatchOutputsWithIt() {
        Tensor labels = Tensor.vector(1, 0, 1);
        Tensor column = Tensor.of(new float[] {1, 0, 1}, 3, 1);
        Tensor outputs = Tensor.of(new float[] {0.9f, 0.2f, 0.4f}, 3, 1);
        for (Loss loss : new Loss[] {new MeanSquaredError(), new BinaryCrossentropy(), new Hinge()}) {
            assertEquals(loss.compute(column, outputs).item(), loss.compute(labels, outputs).item(), 0, loss.name());
            assertEquals(loss.compute(column, outputs).item(), loss.compute(column, outputs.reshape(3)).item(), 0,
                    loss.name());
        }
    }

    @Test
    void aTrailingOneOfHigherRankTargetsIsDropped() {
        Tensor yTrue = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3, 1);
        Tensor yPred = Tensor.of(new float[] {1, 2, 3, 4, 5, 8}, 2, 3);
        assertEquals(4.0 / 6, new MeanSquaredError().compute(yTrue, yPred).item(), 1e-6);
    }

    @Test
    void perSampleLossesOfImagesAverageOverPositions() {
        // [batch 2, 2 positions, 2 channels]: Keras averages over channels, then over everything else.
        Tensor yTrue = Tensor.of(new float[] {0, 0, 0, 0, 0, 0, 0, 0}, 2, 2, 2);
        Tensor yPred = Tensor.of(new float[] {1, 1, 2, 2, 0, 0, 0, 4}, 2, 2, 2);
        assertEquals((1 + 4 + 0 + 8) / 4.0, new MeanSquaredError().compute(yTrue, yPred).item(), 1e-6);
    }
}
