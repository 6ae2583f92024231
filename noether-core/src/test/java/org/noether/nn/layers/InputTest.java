package org.noether.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/** Input: declares the per-sample shape, checks it, computes nothing. */
class InputTest {

    @Test
    void declaresTheShapeWithoutTheBatchAxis() {
        Input input = new Input(28, 28, 1);
        assertEquals(Shape.of(28, 28, 1), input.shape());
        assertEquals("InputLayer", input.type());
        assertEquals(Shape.of(28, 28, 1), input.outputShape(Shape.of(28, 28, 1)));
        assertEquals(0, input.parameterCount());
    }

    @Test
    void passesBatchesThrough() {
        Input input = new Input(3);
        input.build(Shape.of(3), new Rng(0));
        Tensor x = Tensor.uniform(Shape.of(5, 3), -1, 1, new Rng(1));
        assertSame(x, input.apply(x, false));
        assertSame(x, input.apply(x, true));
    }

    @Test
    void anotherShapeIsRejectedWithBothShapes() {
        org.noether.nn.Layer input = new Input(28, 28, 1).name("pixels");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> input.outputShape(Shape.of(784)));
        String message = error.getMessage();
        assertTrue(message.contains("InputLayer 'pixels'"), message);
        assertTrue(message.contains("[28, 28, 1]") && message.contains("[784]"), message);
        assertThrows(IllegalArgumentException.class, () -> input.build(Shape.of(28, 28), new Rng(0)));
    }

    @Test
    void nonPositiveDimensionsAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new Input(28, 0, 1));
        assertTrue(error.getMessage().contains("[28, 0, 1]"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Input(-2));
    }
}
