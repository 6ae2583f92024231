package org.noether.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.noether.testing.LayerGradCheck;

/**
 * Global pooling layers reduce every position of each channel: values against sums and maxima
 * written here, with and without kept dimensions, and finite-difference gradients.
 */
class GlobalPoolingLayersTest {
    @Test
    void globalPoolingReducesEveryPosition() {
        Tensor images = PoolingLayersTest.distinct(5, 2, 3, 4, 5);
        Tensor sequences = PoolingLayersTest.distinct(6, 2, 7, 3);
        for (boolean keepDims : new boolean[] {false, true}) {
            Tensor average2d = PoolingLayersTest.built(new GlobalAveragePooling2D(keepDims), 3, 4, 5).apply(images, false);
            Tensor max2d = PoolingLayersTest.built(new GlobalMaxPooling2D(keepDims), 3, 4, 5).apply(images, false);
            assertEquals(keepDims ? Shape.of(2, 1, 1, 5) : Shape.of(2, 5), average2d.shape());
            assertEquals(average2d.shape(), max2d.shape());
            for (int b = 0; b < 2; b++) {
                for (int c = 0; c < 5; c++) {
                    double sum = 0;
                    double best = Double.NEGATIVE_INFINITY;
                    for (int i = 0; i < 3; i++) {
                        for (int j = 0; j < 4; j++) {
                            sum += images.get(b, i, j, c);
                            best = Math.max(best, images.get(b, i, j, c));
                        }
                    }
                    assertEquals(sum / 12, average2d.data()[b * 5 + c], 1e-6, "2-D mean channel " + c);
                    assertEquals(best, max2d.data()[b * 5 + c], 0, "2-D max channel " + c);
                }
            }
            Tensor average1d = PoolingLayersTest.built(new GlobalAveragePooling1D(keepDims), 7, 3).apply(sequences, false);
            Tensor max1d = PoolingLayersTest.built(new GlobalMaxPooling1D(keepDims), 7, 3).apply(sequences, false);
            assertEquals(keepDims ? Shape.of(2, 1, 3) : Shape.of(2, 3), average1d.shape());
            for (int b = 0; b < 2; b++) {
                for (int c = 0; c < 3; c++) {
                    double sum = 0;
                    double best = Double.NEGATIVE_INFINITY;
                    for (int t = 0; t < 7; t++) {
                        sum += sequences.get(b, t, c);
                        best = Math.max(best, sequences.get(b, t, c));
                    }
                    assertEquals(sum / 7, average1d.data()[b * 3 + c], 1e-6, "1-D mean channel " + c);
                    assertEquals(best, max1d.data()[b * 3 + c], 0, "1-D max channel " + c);
                }
            }
        }
    }

    @Test
    void globalPoolingGradients() {
        Tensor images = PoolingLayersTest.distinct(8, 2, 3, 2, 3);
        Tensor sequences = PoolingLayersTest.distinct(9, 2, 5, 2);
        LayerGradCheck.check(PoolingLayersTest.built(new GlobalAveragePooling2D(), 3, 2, 3), images);
        LayerGradCheck.check(PoolingLayersTest.built(new GlobalMaxPooling2D(true), 3, 2, 3), images);
        LayerGradCheck.check(PoolingLayersTest.built(new GlobalAveragePooling1D(true), 5, 2), sequences);
        LayerGradCheck.check(PoolingLayersTest.built(new GlobalMaxPooling1D(), 5, 2), sequences);
    }
}
