package org.noether.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.noether.testing.LayerGradCheck;

/** Flatten: one axis per sample, NHWC order kept (channels fastest, then width, then height). */
class FlattenTest {

    @Test
    void shapeRule() {
        Flatten flatten = new Flatten();
        assertEquals(Shape.of(784), flatten.outputShape(Shape.of(28, 28, 1)));
        assertEquals(Shape.of(24), flatten.outputShape(Shape.of(2, 3, 4)));
        assertEquals(Shape.of(7), flatten.outputShape(Shape.of(7)));
        assertEquals(Shape.of(1), flatten.outputShape(Shape.scalar()), "Keras: (batch,) flattens to (batch, 1)");
        assertEquals(0, flatten.parameterCount());
        assertTrue(flatten.config().isEmpty());
    }

    @Test
    void keepsNhwcOrder() {
        int height = 2;
        int width = 3;
        int channels = 4;
        Flatten flatten = new Flatten();
        flatten.build(Shape.of(height, width, channels), new Rng(0));
        float[] values = new float[2 * height * width * channels];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        Tensor images = Tensor.of(values, 2, height, width, channels);
        Tensor flat = flatten.apply(images, false);
        assertEquals(Shape.of(2, 24), flat.shape());
        for (int n = 0; n < 2; n++) {
            for (int h = 0; h < height; h++) {
                for (int w = 0; w < width; w++) {
                    for (int c = 0; c < channels; c++) {
                        assertEquals(images.get(n, h, w, c), flat.get(n, (h * width + w) * channels + c),
                                "pixel (" + h + ", " + w + ") channel " + c + " of image " + n);
                    }
                }
            }
        }
    }

    @Test
    void aWrongInputNamesTheExpectedShapeForScalarSamplesToo() {
        Flatten flatten = new Flatten();
        flatten.build(Shape.scalar(), new Rng(0));
        assertEquals(Shape.of(3, 1), flatten.apply(Tensor.vector(1, 2, 3), false).shape());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> flatten.apply(Tensor.zeros(3, 2), false));
        assertTrue(error.getMessage().contains("[batch]") && error.getMessage().contains("[3, 2]"), error.getMessage());

        Flatten images = new Flatten();
        images.build(Shape.of(28, 28, 1), new Rng(0));
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> images.apply(Tensor.zeros(2, 28, 28), false));
        assertTrue(wrong.getMessage().contains("[batch, 28, 28, 1]"), wrong.getMessage());
    }

    @Test
    void gradientIsReshapedBack() {
        Flatten flatten = new Flatten();
        flatten.build(Shape.of(2, 2, 3), new Rng(0));
        LayerGradCheck.check(flatten, Tensor.uniform(Shape.of(2, 2, 2, 3), -1, 1, new Rng(1)));
    }
}
