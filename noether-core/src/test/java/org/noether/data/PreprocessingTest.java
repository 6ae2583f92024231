package org.noether.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

class PreprocessingTest {

    @Test
    void oneHotByHand() {
        Tensor encoded = Preprocessing.oneHot(Tensor.vector(2, 0, 1, 2), 3);
        assertEquals(Shape.of(4, 3), encoded.shape());
        assertArrayEquals(new float[] {
            0, 0, 1,
            1, 0, 0,
            0, 1, 0,
            0, 0, 1}, encoded.data());
    }

    @Test
    void oneHotReplacesATrailingAxisOfOneAndKeepsOtherAxes() {
        assertEquals(Shape.of(3, 4), Preprocessing.oneHot(Tensor.of(new float[] {0, 1, 3}, 3, 1), 4).shape());
        Tensor grid = Preprocessing.oneHot(Tensor.of(new float[] {1, 0, 0, 1}, 2, 2), 2);
        assertEquals(Shape.of(2, 2, 2), grid.shape());
        assertArrayEquals(new float[] {0, 1, 1, 0, 1, 0, 0, 1}, grid.data());
    }

    @Test
    void oneHotInfersTheClassCountAsKerasDoes() {
        assertEquals(Shape.of(2, 6), Preprocessing.oneHot(Tensor.vector(5, 1)).shape());
    }

    @Test
    void oneHotNamesTheBadLabel() {
        String fraction = assertThrows(IllegalArgumentException.class,
                () -> Preprocessing.oneHot(Tensor.vector(0, 1, 2.5f), 10)).getMessage();
        assertTrue(fraction.contains("label at index 2") && fraction.contains("Received: 2.5"), fraction);
        String range = assertThrows(IllegalArgumentException.class,
                () -> Preprocessing.oneHot(Tensor.vector(0, 10), 10)).getMessage();
        assertTrue(range.contains("index 1") && range.contains("[0, 10)") && range.contains("Received: 10.0"), range);
        String negative = assertThrows(IllegalArgumentException.class,
                () -> Preprocessing.oneHot(Tensor.vector(-1), 10)).getMessage();
        assertTrue(negative.contains("Received: -1.0"), negative);
        assertThrows(IllegalArgumentException.class, () -> Preprocessing.oneHot(Tensor.vector(Float.NaN), 10));
        assertThrows(IllegalArgumentException.class, () -> Preprocessing.oneHot(Tensor.vector(0), 0));
    }

    @Test
    void scaleMultiplies() {
        Tensor scaled = Preprocessing.scale(Tensor.vector(0, 51, 255), 1.0 / 255);
        assertArrayEquals(new float[] {0, 0.2f, 1}, scaled.data(), 1e-7f);
        assertThrows(IllegalArgumentException.class, () -> Preprocessing.scale(Tensor.vector(1), Double.NaN));
    }
}
