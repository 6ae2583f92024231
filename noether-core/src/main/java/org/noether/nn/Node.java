package org.noether.nn;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.noether.nn.layers.Input;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * A symbolic tensor of the functional API (Keras's {@code KerasTensor}): the output of one call of
 * a layer on other nodes, known by its per-sample shape before any data flows. Calling layers on
 * nodes wires a graph; a model made from input and output nodes runs it.
 *
 * <p>Shape: per sample (no batch axis), computed by the layer's shape rule when the layer is called,
 * so that a shape that does not fit fails while wiring, naming the layer. A layer called on several
 * nodes makes one node per call, all sharing its weights; every call must take the same input
 * shapes. Nodes never change, so one graph can serve several models.
 *
 * <pre>{@code
 * Node inputs = Node.input(28, 28, 1);
 * Node x = new Conv2D(8, 3, "relu").padding("same").on(inputs);
 * Node y = new Add().on(x, inputs);
 * }</pre>
 */
public final class Node {
    /** Creation order, so that the calls of a shared layer keep the order they were made in. */
    private static final AtomicLong CREATED = new AtomicLong();

    private final Layer layer;
    private final List<Node> parents;
    private final Shape shape;
    private final long serial;

    private Node(Layer layer, List<Node> parents, Shape shape) {
        this.layer = layer;
        this.parents = parents;
        this.shape = shape;
        this.serial = CREATED.getAndIncrement();
        layer.addInboundNode(this);
    }

    /** A model input of per-sample shape {@code shape} (Keras's {@code Input(shape=...)}), from a new Input layer. */
    public static Node input(int... shape) {
        return input(new Input(shape));
    }

    /** The node of an Input layer, e.g. {@code Node.input(new Input(10).name("features"))}; one per layer. */
    public static Node input(Input layer) {
        Layer asLayer = layer; // package-private members are reached through the Layer type
        if (!asLayer.inboundNodes().isEmpty()) {
            throw new IllegalArgumentException(layer.describe() + " already has its node; reuse that node (an Input "
                    + "layer makes exactly one)");
        }
        return new Node(layer, List.of(), layer.shape());
    }

    /** The node of {@code layer} called on {@code inputs}; its shape rule is checked now. */
    static Node call(Layer layer, List<Node> inputs) {
        if (layer instanceof Input) {
            throw new IllegalArgumentException(layer.describe() + " is not called on nodes; make model inputs with "
                    + "Node.input(shape)");
        }
        if (inputs == null || inputs.isEmpty() || inputs.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(layer.describe() + " must be called on input nodes. Received: "
                    + inputs);
        }
        List<Shape> shapes = inputs.stream().map(Node::shape).toList();
        List<Node> earlier = layer.inboundNodes();
        List<Shape> expected = earlier.isEmpty() ? layer.builtInputShapes() : earlier.get(0).inputShapes();
        if (expected != null && !expected.equals(shapes)) {
            throw new IllegalArgumentException(layer.describe() + (earlier.isEmpty() ? " was built for" : " was first "
                    + "called on") + " inputs of shape " + expected + " and cannot be called on " + shapes
                    + ": the calls of a layer share its weights, so they take the same input shapes");
        }
        return new Node(layer, List.copyOf(inputs), layer.outputShape(shapes));
    }

    /** The layer whose call this node is the output of (an {@link Input} for a model input). */
    public Layer layer() {
        return layer;
    }

    /** The nodes this call takes as inputs, in order (none for a model input). */
    public List<Node> parents() {
        return parents;
    }

    /** The per-sample output shape. */
    public Shape shape() {
        return shape;
    }

    /** The per-sample shapes of the parents, one per input of the call. */
    public List<Shape> inputShapes() {
        return parents.stream().map(Node::shape).toList();
    }

    /** Whether this is a model input (the node of an Input layer). */
    public boolean isInput() {
        return parents.isEmpty();
    }

    /**
     * Builds the layer for this call's input shapes, drawing its initial weights from {@code rng};
     * nothing happens if the layer is built already (by an earlier call of a shared layer).
     */
    public void buildLayer(Rng rng) {
        if (isInput()) {
            layer.build(shape, rng);
        } else {
            layer.build(inputShapes(), rng);
        }
    }

    /**
     * Runs this call on batches: the parents' values in order, or for a model input the batch fed
     * to it (checked against the declared shape).
     */
    public Tensor apply(List<Tensor> inputs, boolean training) {
        return isInput() ? layer.apply(inputs.getFirst(), training) : layer.apply(inputs, training);
    }

    /** Creation order across all nodes: a shared layer's calls are numbered in this order. */
    public long serial() {
        return serial;
    }

    /** Like {@code Node[Dense 'dense', shape [10]]}. */
    @Override
    public String toString() {
        return "Node[" + layer.describe() + ", shape " + shape + "]";
    }
}
