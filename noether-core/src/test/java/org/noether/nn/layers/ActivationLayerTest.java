package org.noether.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.noether.nn.activations.Activations;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.noether.testing.LayerGradCheck;

/** ActivationLayer: the activation alone, shape unchanged, saved by Keras name and arguments. */
class ActivationLayerTest {

    private static ActivationLayer built(ActivationLayer layer, int... shape) {
        layer.build(Shape.of(shape), new Rng(0));
        return layer;
    }

    @Test
    void appliesTheActivationElementwise() {
        Tensor x = Tensor.vector(-2, -0.5f, 0, 0.5f, 3).reshape(1, 5);
        assertArrayEquals(new float[] {0, 0, 0, 0.5f, 3}, built(new ActivationLayer("relu"), 5).apply(x, false).data());
        float[] leaky = built(new ActivationLayer(Activations.leakyRelu(0.1)), 5).apply(x, false).data();
        assertArrayEquals(new float[] {-0.2f, -0.05f, 0, 0.5f, 3}, leaky, 1e-7f);
    }

    @Test
    void softmaxNormalizesEachRow() {
        ActivationLayer softmax = built(new ActivationLayer("softmax"), 2, 3);
        Tensor y = softmax.apply(Tensor.uniform(Shape.of(4, 2, 3), -3, 3, new Rng(1)), false);
        assertEquals(Shape.of(4, 2, 3), y.shape());
        for (int row = 0; row < 8; row++) {
            double sum = 0;
            for (int k = 0; k < 3; k++) {
                sum += y.data()[row * 3 + k];
            }
            assertEquals(1, sum, 1e-6, "row " + row);
        }
    }

    @Test
    void typeShapeAndConfig() {
        ActivationLayer relu = new ActivationLayer("relu");
        assertEquals("Activation", relu.type());
        assertEquals(Shape.of(3, 4), relu.outputShape(Shape.of(3, 4)));
        assertEquals(0, built(relu, 3, 4).parameterCount());
        assertEquals(Map.of("activation", "relu"), relu.config());
        assertEquals(Map.of("activation", Map.of("name", "elu", "config", Map.of("alpha", 0.5))),
                new ActivationLayer(Activations.elu(0.5)).config());
    }

    @Test
    void gradient() {
        LayerGradCheck.check(built(new ActivationLayer("tanh"), 3), Tensor.uniform(Shape.of(4, 3), -2, 2, new Rng(2)));
    }

    @Test
    void unknownActivationNameIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new ActivationLayer("relu7"));
        assertTrue(error.getMessage().contains("relu7"), error.getMessage());
    }
}
