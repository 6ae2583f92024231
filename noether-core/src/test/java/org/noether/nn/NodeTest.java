package org.noether.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.noether.nn.layers.Add;
import org.noether.nn.layers.Concatenate;
import org.noether.nn.layers.Conv2D;
import org.noether.nn.layers.Dense;
import org.noether.nn.layers.Flatten;
import org.noether.nn.layers.Input;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;

/** Wiring with symbolic tensors: shapes computed at call time, and the errors that surface there. */
class NodeTest {

    private static void assertMessage(Runnable action, String... parts) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, action::run);
        for (String part : parts) {
            assertTrue(error.getMessage().contains(part),
                    () -> "expected <" + part + "> in <" + error.getMessage() + ">");
        }
    }

    @Test
    void nodesKnowTheirLayerParentsAndShape() {
        Node inputs = Node.input(8, 8, 3);
        assertTrue(inputs.isInput());
        assertEquals(Shape.of(8, 8, 3), inputs.shape());
        assertEquals("InputLayer", inputs.layer().type());
        Conv2D conv = new Conv2D(4, 3).padding("same");
        Node features = conv.on(inputs);
        assertSame(conv, features.layer());
        assertEquals(List.of(inputs), features.parents());
        assertEquals(Shape.of(8, 8, 4), features.shape());
        Node joined = new Concatenate().on(features, inputs);
        assertEquals(Shape.of(8, 8, 7), joined.shape());
        assertEquals(List.of(Shape.of(8, 8, 4), Shape.of(8, 8, 3)), joined.inputShapes());
        assertEquals(Shape.of(448), new Flatten().on(joined).shape());
        assertTrue(features.toString().contains("Conv2D") && features.toString().contains("[8, 8, 4]"),
                features.toString());
    }

    @Test
    void shapeErrorsSurfaceWhenWiringAndNameTheLayer() {
        Node image = Node.input(8, 8, 3);
        Conv2D conv = new Conv2D(4, 9);
        conv.name("too_wide");
        assertMessage(() -> conv.on(image), "too_wide");
        assertMessage(() -> new Dense(3).name("head").on(Node.input()), "Dense 'head'", "[]");
        assertMessage(() -> new Dense(3).on(List.of(image, image)), "Dense", "takes one input", "2 inputs");
    }

    @Test
    void aSharedLayerTakesTheSameShapesOnEveryCall() {
        Dense shared = new Dense(2);
        shared.name("shared");
        Node first = shared.on(Node.input(3));
        Node second = shared.on(Node.input(3));
        assertEquals(first.shape(), second.shape());
        assertMessage(() -> shared.on(Node.input(4)), "Dense 'shared'", "first called on", "[[3]]", "[[4]]");

        Dense built = new Dense(2);
        built.build(Shape.of(5), new Rng(1));
        assertMessage(() -> built.on(Node.input(6)), "was built for", "[[5]]", "[[6]]");
        assertEquals(Shape.of(2), built.on(Node.input(5)).shape());

        Add add = new Add();
        add.on(Node.input(2), Node.input(2));
        assertMessage(() -> add.on(Node.input(3), Node.input(3)), "Add", "[[2], [2]]", "[[3], [3]]");
    }

    @Test
    void inputLayersMakeOneNodeAndAreNotCalled() {
        Input input = new Input(3);
        Node node = Node.input(input);
        assertSame(input, node.layer());
        assertMessage(() -> Node.input(input), "InputLayer", "already has its node");
        assertMessage(() -> new Input(3).on(node), "InputLayer", "Node.input");
        assertMessage(() -> new Dense(2).on((Node) null), "Dense", "input nodes");
        assertMessage(() -> new Add().on(List.of()), "Add", "input nodes");
    }
}
