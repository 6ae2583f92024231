package org.noether.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.noether.nn.Layer;
import org.noether.nn.Node;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * A model defined as a graph of layers (Keras's functional API): layers are called on symbolic
 * {@link Node}s, and the model runs the graph from its input nodes to its output nodes — skip
 * connections, branches that merge, shared layers, several inputs and several outputs.
 *
 * <p>A residual block in a few lines:
 *
 * <pre>{@code
 * Node inputs = Node.input(28, 28, 8);
 * Node x = new Conv2D(8, 3, "relu").padding("same").on(inputs);
 * x = new Conv2D(8, 3).padding("same").on(x);
 * Node outputs = new ActivationLayer("relu").on(new Add().on(x, inputs));
 * Model model = Model.of(inputs, outputs);
 * }</pre>
 *
 * <p>Each node runs once per call, each after its parents. A layer called on several nodes holds
 * one set of weights, whose gradient is the sum over its calls. The weights are made from the seed
 * when the model is first used, one random stream per layer in the graph's order (the same rule as
 * {@link Sequential}, so a chain of layers starts from the same weights either way). Shape: the
 * input nodes' per-sample shapes to the output nodes'.
 */
public final class FunctionalModel extends Model {
    private final Graph graph;
    private final List<String> outputNames;
    private boolean built;

    /** A model of one input and one output. */
    public FunctionalModel(Node input, Node output) {
        this(Arrays.asList(input), Arrays.asList(output));
    }

    /**
     * A model of the given input and output nodes, in order; a graph whose outputs need a node that
     * is not an input, or an input that no output uses, is an error naming the layers.
     */
    public FunctionalModel(List<Node> inputs, List<Node> outputs) {
        super("functional");
        this.graph = Graph.of(inputs, outputs, name());
        List<String> names = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (Node output : graph.outputs()) {
            // An output is named by its layer, as in Keras; a layer giving two outputs names the second "<name>_1".
            String name = Sequential.uniqueName(output.layer().name(), taken);
            taken.add(name);
            names.add(name);
        }
        this.outputNames = List.copyOf(names);
    }

    @Override
    public FunctionalModel seed(long value) {
        super.seed(value);
        return this;
    }

    @Override
    public FunctionalModel name(String newName) {
        super.name(newName);
        return this;
    }

    @Override
    public FunctionalModel build(int... inputShape) {
        super.build(inputShape);
        return this;
    }

    /** The input nodes, in order. */
    public List<Node> inputs() {
        return graph.inputs();
    }

    /** The output nodes, in order. */
    public List<Node> outputs() {
        return graph.outputs();
    }

    @Override
    public List<Layer> layers() {
        return graph.layers();
    }

    @Override
    public List<Shape> inputShapes() {
        return graph.inputs().stream().map(Node::shape).toList();
    }

    /** The per-sample output shapes, one per output. */
    public List<Shape> outputShapes() {
        return graph.outputs().stream().map(Node::shape).toList();
    }

    /** The outputs' names: their layers' names, as Keras names a functional model's outputs. */
    @Override
    public List<String> outputNames() {
        return outputNames;
    }

    @Override
    public boolean isBuilt() {
        return built;
    }

    @Override
    protected void buildFor(List<Shape> inputShapes, Rng rng) {
        List<Shape> declared = inputShapes();
        if (!declared.equals(inputShapes)) {
            throw new IllegalArgumentException("Model '" + name() + "' declares per-sample input shapes " + declared
                    + " (its Input layers " + graph.inputs().stream().map(input -> input.layer().name()).toList()
                    + "). Received: " + inputShapes);
        }
        for (Layer layer : graph.layers()) {
            Rng layerRng = rng.split(); // drawn for every layer, built or not, so each keeps its stream
            try {
                graph.calls(layer).getFirst().buildLayer(layerRng);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new IllegalArgumentException("Model '" + name() + "': " + layer.describe() + " cannot be built "
                        + "for its inputs: " + e.getMessage(), e);
            }
        }
        built = true;
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, boolean training) {
        Map<Node, Tensor> values = new IdentityHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            Node input = graph.inputs().get(i);
            values.put(input, input.apply(List.of(inputs.get(i)), training));
        }
        for (Node node : graph.order().subList(inputs.size(), graph.order().size())) {
            List<Tensor> parentValues = new ArrayList<>();
            for (Node parent : node.parents()) {
                parentValues.add(values.get(parent));
            }
            values.put(node, node.apply(parentValues, training));
        }
        return graph.outputs().stream().map(values::get).toList();
    }

    /** The graph, for the summary and the saved config. */
    Graph graph() {
        return graph;
    }

    @Override
    protected Map<String, Object> architectureConfig() {
        return FunctionalConfig.write(graph);
    }

    /** Rebuilds a model saved by {@link #architectureConfig()}, built from {@code seed} as the saved one was. */
    static FunctionalModel fromArchitecture(Map<String, Object> config, long seed) {
        FunctionalModel model = FunctionalConfig.read(config);
        model.restoreSeed(seed);
        model.build();
        return model;
    }
}
