package org.noether.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.noether.io.Json;
import org.noether.nn.Layer;
import org.noether.nn.Layers;
import org.noether.nn.MergeLayer;
import org.noether.nn.Node;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.noether.testing.GradCheck;

/**
 * The merge layers: values against double-precision references, shape rules and their errors,
 * gradients by finite differences, and configs that rebuild the layer.
 */
class MergeLayersTest {

    private static <L extends MergeLayer> L built(L layer, Shape... shapes) {
        layer.build(List.of(shapes), new Rng(1));
        return layer;
    }

    private static Tensor random(long seed, int... shape) {
        return Tensor.uniform(Shape.of(shape), -2, 2, new Rng(seed));
    }

    /** Folds the inputs elementwise in double, left to right. */
    private static double[] reference(List<Tensor> inputs, DoubleBinaryOperator op) {
        double[] result = new double[inputs.getFirst().size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = inputs.getFirst().data()[i];
            for (int k = 1; k < inputs.size(); k++) {
                result[i] = op.applyAsDouble(result[i], inputs.get(k).data()[i]);
            }
        }
        return result;
    }

    private static void assertClose(double[] expected, Tensor actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual.data()[i], 1e-5 * (1 + Math.abs(expected[i])), what + " element " + i);
        }
    }

    @Test
    void elementwiseMergesMatchReferences() {
        List<Tensor> three = List.of(random(1, 2, 3, 2), random(2, 2, 3, 2), random(3, 2, 3, 2));
        Shape sample = Shape.of(3, 2);
        assertClose(reference(three, Double::sum), built(new Add(), sample, sample, sample).apply(three, false), "Add");
        assertClose(reference(three, (a, b) -> a * b),
                built(new Multiply(), sample, sample, sample).apply(three, false), "Multiply");
        assertClose(reference(three, Math::max), built(new Maximum(), sample, sample, sample).apply(three, false),
                "Maximum");
        double[] mean = reference(three, Double::sum);
        for (int i = 0; i < mean.length; i++) {
            mean[i] /= 3;
        }
        assertClose(mean, built(new Average(), sample, sample, sample).apply(three, false), "Average");
        assertClose(reference(three.subList(0, 2), (a, b) -> a - b),
                built(new Subtract(), sample, sample).apply(three.subList(0, 2), false), "Subtract");
        assertEquals(Shape.of(2, 3, 2), new Add().outputShape(List.of(sample, sample)).prepend(2));
    }

    @Test
    void elementwiseMergesHaveCorrectGradients() {
        List<Supplier<MergeLayer>> layers = List.of(Add::new, Multiply::new, Average::new, Maximum::new, Subtract::new);
        for (Supplier<MergeLayer> make : layers) {
            MergeLayer layer = make.get();
            int count = layer instanceof Subtract ? 2 : 3;
            List<Shape> shapes = new ArrayList<>();
            Tensor[] inputs = new Tensor[count];
            for (int k = 0; k < count; k++) {
                shapes.add(Shape.of(4));
                inputs[k] = random(10 + k, 2, 4);
            }
            layer.build(shapes, new Rng(1));
            GradCheck.check(layer.type(), x -> layer.apply(List.of(x), false), inputs);
        }
    }

    @Test
    void concatenateJoinsAlongTheAxisCountingTheBatch() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 2, 2);
        Tensor b = Tensor.of(new float[] {-1, -2, -3, -4}, 2, 2, 1);
        Tensor last = built(new Concatenate(), Shape.of(2, 2), Shape.of(2, 1)).apply(List.of(a, b), false);
        assertEquals(Shape.of(2, 2, 3), last.shape());
        assertArrayEquals(new float[] {1, 2, -1, 3, 4, -2, 5, 6, -3, 7, 8, -4}, last.data());

        Tensor c = Tensor.of(new float[] {9, 10, 11, 12}, 2, 1, 2);
        Tensor first = built(new Concatenate(1), Shape.of(2, 2), Shape.of(1, 2)).apply(List.of(a, c), false);
        assertEquals(Shape.of(2, 3, 2), first.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 9, 10, 5, 6, 7, 8, 11, 12}, first.data());

        assertEquals(Shape.of(2, 7), new Concatenate(-1).outputShape(List.of(Shape.of(2, 3), Shape.of(2, 4))));
        assertEquals(Shape.of(5, 3), new Concatenate(-2).outputShape(List.of(Shape.of(2, 3), Shape.of(3, 3))));
        assertEquals(Shape.of(5, 3), new Concatenate(1).outputShape(List.of(Shape.of(2, 3), Shape.of(3, 3))));
        assertEquals(Shape.of(4, 4, 12), new Concatenate().outputShape(
                List.of(Shape.of(4, 4, 8), Shape.of(4, 4, 4))));
    }

    @Test
    void concatenateShapeErrorsNameTheShapesAndTheLayer() {
        Concatenate layer = new Concatenate();
        layer.name("joined");
        assertMessage(() -> layer.outputShape(List.of(Shape.of(4, 3), Shape.of(5, 2))),
                "Concatenate 'joined'", "[4, 3]", "[5, 2]", "concatenation axis -1");
        assertMessage(() -> layer.outputShape(List.of(Shape.of(4, 3), Shape.of(4))), "[4, 3]", "[4]");
        assertMessage(() -> new Concatenate(3).outputShape(List.of(Shape.of(4, 3), Shape.of(4, 3))),
                "axis 3 is out of range", "rank 2");
        assertMessage(() -> new Concatenate(-3).outputShape(List.of(Shape.of(4, 3))), "axis -3 is out of range");
        assertMessage(() -> new Concatenate(0), "batch axis", "axis=0");
        assertMessage(() -> layer.outputShape(List.of()), "at least 1 input", "input_shape=[]");
    }

    @Test
    void concatenateHasCorrectGradients() {
        Concatenate layer = built(new Concatenate(2), Shape.of(3, 2), Shape.of(3, 1), Shape.of(3, 4));
        GradCheck.check("Concatenate", x -> layer.apply(List.of(x), false),
                random(20, 2, 3, 2), random(21, 2, 3, 1), random(22, 2, 3, 4));
    }

    @Test
    void elementwiseShapeErrorsNameTheShapesAndTheLayer() {
        Node a = Node.input(4);
        Node b = Node.input(5);
        Add add = new Add();
        add.name("residual");
        assertMessage(() -> add.on(a, b), "Add 'residual'", "[4]", "[5]", "equal shapes");
        assertMessage(() -> new Subtract().on(a, a, a), "Subtract", "exactly 2 inputs");
        assertMessage(() -> new Add().outputShape(Shape.of(4)), "Add", "list of inputs", "[4]");
        Add single = new Add();
        assertMessage(() -> single.build(Shape.of(4), new Rng(1)), "Add", "list of inputs");
        Add twoInputs = built(new Add(), Shape.of(4), Shape.of(4));
        assertMessage(() -> twoInputs.apply(List.of(random(1, 3, 4), random(2, 3, 5)), false), "Add", "[3, 5]",
                "[[4], [4]]");
        assertMessage(() -> twoInputs.apply(List.of(random(1, 3, 4), random(2, 2, 4)), false), "same batch size");
        assertMessage(() -> twoInputs.apply(random(1, 3, 4), false), "Add", "merges a list of inputs");
        assertEquals(Shape.of(4), new Add().on(a).shape(), "one input is allowed, as in Keras 3");
    }

    @Test
    void configsRebuildEveryMergeLayer() {
        List<Layer> layers = List.of(new Add(), new Subtract(), new Multiply(), new Average(), new Maximum(),
                new Concatenate(), new Concatenate(-2), new Concatenate(1));
        for (Layer layer : layers) {
            Map<String, Object> parsed = Json.parseObject(Json.writeCompact(layer.config()));
            Layer rebuilt = Layers.fromConfig(layer.type(), parsed);
            assertEquals(layer.getClass(), rebuilt.getClass());
            assertEquals(layer.config(), rebuilt.config(), layer.type());
        }
        assertEquals(-2, ((Concatenate) Layers.fromConfig("Concatenate", Map.of("axis", -2))).axis());
        assertEquals(-1, ((Concatenate) Layers.fromConfig("concatenate", Map.of())).axis(), "Keras's default");
        assertMessage(() -> Layers.fromConfig("Add", Map.of("axis", 1)), "[axis]", "Add");
    }

    static void assertMessage(Runnable action, String... parts) {
        RuntimeException error = assertThrows(RuntimeException.class, action::run);
        for (String part : parts) {
            assertTrue(error.getMessage().contains(part),
                    () -> "expected <" + part + "> in <" + error.getMessage() + ">");
        }
    }
}
