package org.noether.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.noether.nn.initializers.Initializer;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * A building block of a network: hyperparameters (constructor), weights made for the first input
 * shape it sees ({@link #build}), a shape rule ({@link #outputShape}) and a forward pass written
 * with differentiable tensor ops ({@link #call}) — gradients come from autograd, never from the
 * layer. Shapes here exclude the batch axis: a Dense layer on 784 features has input shape
 * {@code [784]}, and is called on {@code [batch, 784]}.
 *
 * <p>Subclasses implement {@code outputShape}, {@code call}, and if they hold weights,
 * {@code build} with {@link #addWeight}; {@link #config()} returns the constructor arguments so
 * a saved model can be rebuilt (see {@link Layers}). In the functional API a layer is called on
 * symbolic tensors with {@link #on}; a layer called several times shares its weights.
 *
 * <pre>{@code
 * Layer dense = new Dense(10, Activations.SOFTMAX);
 * dense.build(Shape.of(128), new Rng(1));
 * Tensor y = dense.apply(x, false);   // x: [batch, 128] -> y: [batch, 10]
 * }</pre>
 */
public abstract class Layer {
    private String name;
    private Shape inputShape;
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<Node> inboundNodes = new ArrayList<>();

    /** The layer's type as saved in a model config, e.g. "Dense" (the class name by default). */
    public String type() {
        return getClass().getSimpleName();
    }

    /** The layer's name within its model (e.g. "dense_1"), or null before it is added to one. */
    public String name() {
        return name;
    }

    /** Sets the name (unique within a model; a model assigns "dense", "dense_1", ... if unset). */
    public Layer name(String newName) {
        if (newName != null && (newName.isEmpty() || newName.contains("/"))) {
            throw new IllegalArgumentException("A layer name must be non-empty and contain no '/', got '" + newName + "'");
        }
        this.name = newName;
        return this;
    }

    /** Whether {@link #build} has run. */
    public final boolean isBuilt() {
        return inputShape != null;
    }

    /**
     * The per-sample input shape this layer was built for (null before building); for a
     * {@link MergeLayer}, the first input's.
     */
    public final Shape inputShape() {
        return inputShape;
    }

    /**
     * Creates the weights for inputs of per-sample shape {@code inputShape}, drawing random values
     * from {@code rng}. Called once, by the model; calling it again with another shape is an error.
     */
    public final void build(Shape inputShape, Rng rng) {
        if (this.inputShape != null) {
            if (!this.inputShape.equals(inputShape)) {
                throw new IllegalStateException(describe() + " was built for input shape " + this.inputShape
                        + " and cannot be rebuilt for " + inputShape);
            }
            return;
        }
        outputShape(inputShape); // validates the shape before any weight is made
        createWeights(inputShape, rng);
        this.inputShape = inputShape;
    }

    /** Makes this layer's weights for the given per-sample input shape (nothing by default). */
    protected void createWeights(Shape inputShape, Rng rng) {
    }

    /**
     * The per-sample output shape for a per-sample input shape: the layer's shape rule. Throws an
     * IllegalArgumentException naming the layer, the received shape and the expected one when the
     * input does not fit.
     */
    public abstract Shape outputShape(Shape inputShape);

    /** The forward pass on a batch ({@code x.shape() = [batch, ...inputShape]}). */
    protected abstract Tensor call(Tensor x, boolean training);

    /**
     * Runs the layer on a batch, checking the per-sample shape first; {@code training} switches
     * layers such as Dropout to their training behaviour.
     */
    public final Tensor apply(Tensor x, boolean training) {
        if (!isBuilt()) {
            throw new IllegalStateException(describe() + " is not built: add it to a model or call build(inputShape, rng)");
        }
        if (x.rank() != inputShape.rank() + 1 || !x.shape().dropFirst().equals(inputShape)) {
            String expected = inputShape.rank() == 0 ? "[batch]" : "[batch, " + inputShape.toString().substring(1);
            throw new IllegalArgumentException(describe() + " expects input of shape " + expected + ", received "
                    + x.shape());
        }
        return call(x, training);
    }

    /** Registers a weight made by {@code initializer}; call from {@link #createWeights}. */
    protected final Tensor addWeight(String weightName, Shape shape, Initializer initializer, Rng rng,
                                     boolean trainable) {
        // A copy of its own: a weight first built inside a training step must not live in that
        // step's Scratch, whatever operations the initializer used.
        Tensor value = initializer.create(shape, rng).copy();
        parameters.add(new Parameter(weightName, value, trainable));
        return value;
    }

    /** All weights, in creation order. */
    public List<Parameter> parameters() {
        return Collections.unmodifiableList(parameters);
    }

    /** The weight called {@code weightName}. */
    public Parameter parameter(String weightName) {
        for (Parameter parameter : parameters) {
            if (parameter.name().equals(weightName)) {
                return parameter;
            }
        }
        throw new IllegalArgumentException(describe() + " has no weight '" + weightName + "'; it has "
                + parameters.stream().map(Parameter::name).toList());
    }

    /** Number of scalar weights (trainable and not). */
    public long parameterCount() {
        long count = 0;
        for (Parameter parameter : parameters) {
            count += parameter.value().size();
        }
        return count;
    }

    /**
     * The constructor arguments as plain JSON values (numbers, strings, booleans, lists, maps), so
     * that {@link Layers#fromConfig} can rebuild the layer.
     */
    public Map<String, Object> config() {
        return new LinkedHashMap<>();
    }

    // ---------------------------------------------------------------- functional API

    /**
     * Calls this layer on a symbolic tensor (as calling a Keras layer on a KerasTensor): the result
     * knows this layer, its input and its per-sample shape, computed now by {@link #outputShape} so
     * that a shape that does not fit fails here. Calling a layer again shares its weights.
     *
     * <pre>{@code Node hidden = new Dense(64, "relu").on(inputs);}</pre>
     */
    public final Node on(Node input) {
        return on(Arrays.asList(input));
    }

    /** Calls this layer on several nodes: a {@link MergeLayer} takes several, any other layer exactly one. */
    public final Node on(List<Node> inputs) {
        return Node.call(this, inputs);
    }

    /** The nodes made by calling this layer, in call order. */
    final List<Node> inboundNodes() {
        return Collections.unmodifiableList(inboundNodes);
    }

    final void addInboundNode(Node node) {
        inboundNodes.add(node);
    }

    // The graph hooks below take one shape or tensor per input of a call; MergeLayer overrides them.

    /** The output shape of a call on inputs of these shapes. */
    Shape outputShape(List<Shape> inputShapes) {
        return outputShape(onlyInput(inputShapes, inputShapes));
    }

    /** Builds for a call on inputs of these shapes. */
    void build(List<Shape> inputShapes, Rng rng) {
        build(onlyInput(inputShapes, inputShapes), rng);
    }

    /** Runs a call on these inputs. */
    Tensor apply(List<Tensor> inputs, boolean training) {
        return apply(onlyInput(inputs, inputs.stream().map(Tensor::shape).toList()), training);
    }

    /** The input shapes this layer was built for, one per input, or null before building. */
    List<Shape> builtInputShapes() {
        return isBuilt() ? List.of(inputShape) : null;
    }

    /** Marks a layer of several inputs as built; {@link #inputShape()} then gives the first input's shape. */
    final void markBuilt(Shape firstInputShape) {
        this.inputShape = firstInputShape;
    }

    private <T> T onlyInput(List<T> inputs, List<Shape> shapes) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException(describe() + " takes one input. Received: " + inputs.size()
                    + " inputs of shapes " + shapes);
        }
        return inputs.get(0);
    }

    /** "Dense 'dense_1'" — how errors refer to this layer. */
    public String describe() {
        return type() + (name != null ? " '" + name + "'" : "");
    }

    @Override
    public String toString() {
        return describe() + config();
    }
}
