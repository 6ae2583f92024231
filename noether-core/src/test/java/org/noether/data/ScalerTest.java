package org.noether.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

class ScalerTest {
    /** Three samples of two features: feature 0 runs 1, 2, 5; feature 1 is constant 4. */
    private static final Tensor TRAIN = Tensor.of(new float[][] {{1, 4}, {2, 4}, {5, 4}});

    @Test
    void minMaxByHand() {
        MinMaxScaler scaler = MinMaxScaler.fit(TRAIN);
        assertArrayEquals(new float[] {1, 4}, scaler.dataMin().data());
        assertArrayEquals(new float[] {5, 4}, scaler.dataMax().data());
        // (x − 1) / 4 for feature 0; the constant feature goes to low = 0.
        assertArrayEquals(new float[] {0, 0, 0.25f, 0, 1, 0}, scaler.transform(TRAIN).data(), 1e-7f);
        // Test data uses the training statistics and may leave [0, 1].
        Tensor test = Tensor.of(new float[][] {{9, 6}, {-3, 4}});
        assertArrayEquals(new float[] {2, 2, -1, 0}, scaler.transform(test).data(), 1e-6f);
        assertArrayEquals(test.data(), scaler.inverseTransform(scaler.transform(test)).data(), 1e-6f);
    }

    @Test
    void minMaxToAnotherRange() {
        MinMaxScaler scaler = MinMaxScaler.fit(TRAIN, -1, 1);
        assertArrayEquals(new float[] {-1, -1, -0.5f, -1, 1, -1}, scaler.transform(TRAIN).data(), 1e-6f);
        String message = assertThrows(IllegalArgumentException.class,
                () -> MinMaxScaler.fit(TRAIN, 1, 1)).getMessage();
        assertTrue(message.contains("Received: [1.0, 1.0]"), message);
    }

    @Test
    void standardByHand() {
        StandardScaler scaler = StandardScaler.fit(TRAIN);
        // Feature 0: mean 8/3, population variance ((−5/3)² + (−2/3)² + (7/3)²) / 3 = 26/9.
        double mean = 8.0 / 3;
        double std = Math.sqrt(26.0 / 9);
        assertArrayEquals(new float[] {(float) mean, 4}, scaler.mean().data(), 1e-6f);
        assertArrayEquals(new float[] {(float) std, 0}, scaler.std().data(), 1e-6f);
        float[] expected = {(float) ((1 - mean) / std), 0, (float) ((2 - mean) / std), 0, (float) ((5 - mean) / std), 0};
        assertArrayEquals(expected, scaler.transform(TRAIN).data(), 1e-6f);
        Tensor test = Tensor.of(new float[][] {{10, 5}});
        assertArrayEquals(new float[] {(float) ((10 - mean) / std), 1}, scaler.transform(test).data(), 1e-5f);
        assertArrayEquals(test.data(), scaler.inverseTransform(scaler.transform(test)).data(), 1e-5f);
    }

    @Test
    void standardMatchesADoublePrecisionReferenceOnImages() {
        Rng rng = new Rng(5);
        Tensor images = Tensor.normal(Shape.of(40, 3, 3, 2), 7, 3, rng);
        StandardScaler scaler = StandardScaler.fit(images);
        assertEquals(Shape.of(3, 3, 2), scaler.mean().shape());
        Tensor standardized = scaler.transform(images);
        int features = 18;
        float[] x = images.data();
        float[] y = standardized.data();
        for (int f = 0; f < features; f++) {
            double sum = 0;
            for (int s = 0; s < 40; s++) {
                sum += x[s * features + f];
            }
            double mean = sum / 40;
            double squares = 0;
            for (int s = 0; s < 40; s++) {
                squares += (x[s * features + f] - mean) * (x[s * features + f] - mean);
            }
            double std = Math.sqrt(squares / 40);
            for (int s = 0; s < 40; s++) {
                assertEquals((x[s * features + f] - mean) / std, y[s * features + f], 1e-5, "feature " + f);
            }
        }
        assertArrayEquals(images.data(), scaler.inverseTransform(standardized).data(), 1e-5f);
    }

    @Test
    void aVectorOfSamplesHasOneScalarFeature() {
        StandardScaler scaler = StandardScaler.fit(Tensor.vector(2, 4, 6, 8));
        assertEquals(Shape.scalar(), scaler.mean().shape());
        assertEquals(5f, scaler.mean().item());
        // Population variance (9 + 1 + 1 + 9) / 4 = 5.
        assertEquals((float) Math.sqrt(5), scaler.std().item(), 1e-6f);
        assertArrayEquals(new float[] {0, 1}, MinMaxScaler.fit(Tensor.vector(3, 7)).transform(Tensor.vector(3, 7))
                .data());
    }

    @Test
    void wrongShapesAndEmptyDataAreNamed() {
        MinMaxScaler scaler = MinMaxScaler.fit(TRAIN);
        String message = assertThrows(IllegalArgumentException.class,
                () -> scaler.transform(Tensor.zeros(2, 3))).getMessage();
        assertTrue(message.contains("MinMaxScaler.transform") && message.contains("expected samples of shape [2]")
                && message.contains("Received: shape [2, 3]"), message);
        String empty = assertThrows(IllegalArgumentException.class,
                () -> StandardScaler.fit(Tensor.zeros(0, 3))).getMessage();
        assertTrue(empty.contains("StandardScaler.fit needs at least one sample") && empty.contains("[0, 3]"), empty);
        assertThrows(IllegalArgumentException.class,
                () -> StandardScaler.fit(TRAIN).inverseTransform(Tensor.zeros(2)));
    }
}
