package org.noether.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BinaryOperator;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * A layer of several inputs, as Keras's {@code Merge}: it is called on a list of nodes or tensors
 * and computes one output from them. Subclasses give the forward pass {@link #call(List, boolean)}
 * and, unless they combine elementwise, the shape rule {@link #outputShape(List)}.
 *
 * <p>Shape (the default, elementwise rule): at least one input, all of the same per-sample shape,
 * which is also the output's. The inputs of every call of a shared merge layer have the same shapes.
 *
 * <pre>{@code
 * Node sum = new Add().on(x, shortcut);
 * Tensor joined = new Concatenate().apply(List.of(a, b), false);   // after build(List.of(...), rng)
 * }</pre>
 */
public abstract class MergeLayer extends Layer {
    private List<Shape> inputShapes;

    /** Calls this layer on two or more nodes: {@code new Add().on(x, y)}. */
    public final Node on(Node first, Node... more) {
        List<Node> inputs = new ArrayList<>();
        inputs.add(first);
        inputs.addAll(Arrays.asList(more));
        return on(inputs);
    }

    /**
     * The per-sample output shape for inputs of per-sample shapes {@code inputShapes}: by default
     * the elementwise rule (at least one input, all shapes equal). Throws an IllegalArgumentException
     * naming the layer and the shapes received when they do not fit.
     */
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        requireInputs(inputShapes, 1);
        for (Shape shape : inputShapes) {
            if (!shape.equals(inputShapes.getFirst())) {
                throw new IllegalArgumentException(describe() + " needs inputs of equal shapes; cannot merge shapes "
                        + inputShapes.getFirst() + " and " + shape + ". Received: input_shape=" + inputShapes);
            }
        }
        return inputShapes.getFirst();
    }

    /** Checks that there are at least {@code minimum} inputs, naming the layer otherwise. */
    protected final void requireInputs(List<Shape> inputShapes, int minimum) {
        if (inputShapes == null || inputShapes.size() < minimum) {
            throw new IllegalArgumentException(describe() + " should be called on a list of at least " + minimum
                    + " input" + (minimum == 1 ? "" : "s") + ". Received: input_shape=" + inputShapes);
        }
    }

    /** A merge layer takes a list of inputs: calling it with one shape is an error, naming the layer. */
    @Override
    public final Shape outputShape(Shape inputShape) {
        throw new IllegalArgumentException(describe() + " merges a list of inputs: call it with on(a, b, ...) or "
                + "apply(List, training). Received: one input of shape " + inputShape);
    }

    /**
     * Creates the weights for inputs of per-sample shapes {@code inputShapes}, once (the merge
     * layers of Keras hold none; a subclass with weights makes them in {@link #createWeights(List, Rng)}).
     */
    @Override
    public final void build(List<Shape> inputShapes, Rng rng) {
        if (isBuilt()) {
            if (!this.inputShapes.equals(inputShapes)) {
                throw new IllegalStateException(describe() + " was built for input shapes " + this.inputShapes
                        + " and cannot be rebuilt for " + inputShapes);
            }
            return;
        }
        outputShape(inputShapes); // validates the shapes before any weight is made
        createWeights(inputShapes, rng);
        this.inputShapes = List.copyOf(inputShapes);
        markBuilt(inputShapes.getFirst());
    }

    /** Makes this layer's weights for the given input shapes (nothing by default). */
    protected void createWeights(List<Shape> inputShapes, Rng rng) {
    }

    /** The per-sample input shapes it was built for, one per input, or null before building. */
    public final List<Shape> inputShapes() {
        return inputShapes;
    }

    @Override
    final List<Shape> builtInputShapes() {
        return inputShapes;
    }

    /** Runs the layer on a list of batches, checking each one's per-sample shape first. */
    @Override
    public final Tensor apply(List<Tensor> inputs, boolean training) {
        if (!isBuilt()) {
            throw new IllegalStateException(describe() + " is not built: call it in a model or "
                    + "build(inputShapes, rng)");
        }
        List<Shape> shapes = inputs.stream().map(Tensor::shape).toList();
        boolean fits = inputs.size() == inputShapes.size();
        for (int i = 0; fits && i < inputs.size(); i++) {
            Tensor x = inputs.get(i);
            fits = x.rank() == inputShapes.get(i).rank() + 1 && x.shape().dropFirst().equals(inputShapes.get(i))
                    && x.dim(0) == inputs.getFirst().dim(0);
        }
        if (!fits) {
            throw new IllegalArgumentException(describe() + " expects " + inputShapes.size() + " batches of per-sample "
                    + "shapes " + inputShapes + " with the same batch size. Received: " + shapes);
        }
        return call(inputs, training);
    }

    /** {@code ((x₀ op x₁) op x₂) ...}: an elementwise merge of any number of inputs from a binary op. */
    protected static Tensor fold(List<Tensor> inputs, BinaryOperator<Tensor> op) {
        Tensor result = inputs.getFirst();
        for (int i = 1; i < inputs.size(); i++) {
            result = op.apply(result, inputs.get(i));
        }
        return result;
    }

    /** The forward pass on a list of batches, each {@code [batch, ...inputShape]}. */
    protected abstract Tensor call(List<Tensor> inputs, boolean training);

    @Override
    protected final Tensor call(Tensor x, boolean training) {
        // Reached by Layer.apply(Tensor) on a built merge layer: one batch is not a list of inputs.
        throw new IllegalArgumentException(describe() + " merges a list of inputs; use apply(List, training). "
                + "Received: one batch of shape " + x.shape());
    }
}
