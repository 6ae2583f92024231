package org.noether.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.noether.nn.Layer;
import org.noether.nn.Node;

/**
 * The layer graph between a functional model's input and output nodes (Keras's {@code map_graph}):
 * the nodes in an order that runs each after its parents, the layers in first-use order, and each
 * call's number among the calls of its layer. It checks the wiring as Keras does: every output is
 * computable from the inputs, every input is used, and layer names are unique; unnamed layers get
 * Keras's names ("dense", "dense_1", ...).
 *
 * <p>Order: the inputs as given, then the nodes depth-first from the outputs, parents before
 * children, so that the same wiring always gives the same order (and the same initial weights).
 *
 * <pre>{@code Graph graph = Graph.of(List.of(input), List.of(output), "functional");}</pre>
 */
final class Graph {
    private final List<Node> inputs;
    private final List<Node> outputs;
    private final List<Node> order = new ArrayList<>();
    private final List<Layer> layers = new ArrayList<>();
    private final Map<Layer, List<Node>> calls = new IdentityHashMap<>();

    private Graph(List<Node> inputs, List<Node> outputs) {
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
    }

    /** The graph of a model called {@code modelName}; wiring errors name the layers involved. */
    static Graph of(List<Node> inputs, List<Node> outputs, String modelName) {
        if (inputs == null || outputs == null || inputs.isEmpty() || outputs.isEmpty()
                || inputs.stream().anyMatch(Objects::isNull) || outputs.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("Model '" + modelName + "' needs at least one input node and one output "
                    + "node, none null. Received: inputs=" + inputs + ", outputs=" + outputs);
        }
        Graph graph = new Graph(inputs, outputs);
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node input : inputs) {
            if (!input.isInput()) {
                throw new IllegalArgumentException("Model inputs must be the nodes of Input layers, made by "
                        + "Node.input(shape). Received: " + input);
            }
            if (!seen.add(input)) {
                throw new IllegalArgumentException("Model '" + modelName + "' lists the input " + input + " twice");
            }
            graph.add(input);
        }
        for (Node output : outputs) {
            graph.visit(output, seen);
        }
        Map<Layer, String> names = graph.names();
        graph.checkConnected(names);
        names.forEach((layer, name) -> {
            if (layer.name() == null) {
                layer.name(name);
            }
        });
        return graph;
    }

    private void visit(Node node, Set<Node> seen) {
        if (seen.contains(node)) {
            return;
        }
        for (Node parent : node.parents()) {
            visit(parent, seen);
        }
        seen.add(node);
        add(node);
    }

    private void add(Node node) {
        order.add(node);
        if (!calls.containsKey(node.layer())) {
            layers.add(node.layer());
        }
        calls.computeIfAbsent(node.layer(), layer -> new ArrayList<>()).add(node);
    }

    /** Each layer's name: its own, or Keras's automatic one; two layers of one name are an error. */
    private Map<Layer, String> names() {
        Map<String, Layer> byName = new LinkedHashMap<>();
        for (Layer layer : layers) {
            Layer other = layer.name() == null ? null : byName.putIfAbsent(layer.name(), layer);
            if (other != null) {
                throw new IllegalArgumentException("The name \"" + layer.name() + "\" is used by two layers in the "
                        + "model (" + other.describe() + " and " + layer.describe() + "). All layer names should be "
                        + "unique.");
            }
        }
        Set<String> taken = new HashSet<>(byName.keySet());
        Map<Layer, String> names = new IdentityHashMap<>();
        for (Layer layer : layers) {
            String name = layer.name() != null ? layer.name()
                    : Sequential.uniqueName(Sequential.snakeCase(layer.type()), taken);
            taken.add(name);
            names.put(layer, name);
        }
        return names;
    }

    /** Keras's checks: each node's parents are computable from the inputs, and each input feeds some output. */
    private void checkConnected(Map<Layer, String> names) {
        Set<Node> computable = Collections.newSetFromMap(new IdentityHashMap<>());
        computable.addAll(inputs);
        List<String> accessed = new ArrayList<>();
        for (Node node : order.subList(inputs.size(), order.size())) {
            if (node.isInput()) {
                continue; // an input the model was not given: the layers that take it fail below
            }
            for (Node parent : node.parents()) {
                if (!computable.contains(parent)) {
                    throw new IllegalArgumentException("Graph disconnected: cannot find parent for the output of "
                            + "layer '" + names.get(parent.layer()) + "' (shape " + parent.shape() + ") at layer '"
                            + names.get(node.layer()) + "'; it is not one of the model's inputs "
                            + inputs.stream().map(input -> names.get(input.layer())).toList() + ". The following "
                            + "previous layers were accessed without issue: " + accessed);
                }
            }
            accessed.add(names.get(node.layer()));
            computable.add(node);
        }
        for (Node output : outputs) {
            if (!computable.contains(output)) {
                throw new IllegalArgumentException("Graph disconnected: the output '" + names.get(output.layer())
                        + "' is an input node that is not one of the model's inputs "
                        + inputs.stream().map(input -> names.get(input.layer())).toList());
            }
        }
        Set<Node> used = Collections.newSetFromMap(new IdentityHashMap<>());
        used.addAll(outputs);
        order.forEach(node -> used.addAll(node.parents()));
        for (Node input : inputs) {
            if (!used.contains(input)) {
                throw new IllegalArgumentException("Input '" + names.get(input.layer()) + "' (shape " + input.shape()
                        + ") is not connected to the outputs " + outputs.stream().map(o -> names.get(o.layer()))
                        .toList() + ": no output depends on it. Remove it from the model's inputs or use it.");
            }
        }
    }

    /** The model's input nodes, in order. */
    List<Node> inputs() {
        return inputs;
    }

    /** The model's output nodes, in order. */
    List<Node> outputs() {
        return outputs;
    }

    /** Every node, each after its parents: the inputs first. */
    List<Node> order() {
        return Collections.unmodifiableList(order);
    }

    /** The layers in first-use order, each once. */
    List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /** The calls of {@code layer} within this graph, in the order they were made. */
    List<Node> calls(Layer layer) {
        List<Node> nodes = new ArrayList<>(calls.get(layer));
        nodes.sort((a, b) -> Long.compare(a.serial(), b.serial()));
        return nodes;
    }

    /** The number of {@code node} among the calls of its layer (Keras's node index). */
    int callIndex(Node node) {
        return calls(node.layer()).indexOf(node);
    }
}
