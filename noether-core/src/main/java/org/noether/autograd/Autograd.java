package org.noether.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Reverse-mode differentiation over the recorded tape.
 *
 * <p>The tensors reachable from the outputs are sorted topologically; walking them from the
 * outputs down, each recorded {@link Function} turns its output's gradient into its inputs'
 * gradients, which add up where a tensor feeds several operations (the chain rule's sum over
 * paths). With {@code createGraph} the walk itself is recorded, so the gradients can be
 * differentiated again — a physics-informed loss uses {@code u_x}, {@code u_xx} this way.
 *
 * <pre>{@code
 * Tensor[] ux = Autograd.grad(u, new Tensor[] {x}, true); // du/dx, still differentiable
 * loss.backward();                                      // fills .grad() of every parameter
 * }</pre>
 */
public final class Autograd {
    private Autograd() {
    }

    /**
     * Accumulates {@code d(root)/d(leaf)} into {@link Tensor#grad()} of every leaf that requires a
     * gradient. {@code root} must be a scalar unless {@code seed} (its gradient) is given.
     */
    public static void backward(Tensor root, Tensor seed, boolean createGraph) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward(): the tensor " + root.shape()
                    + " does not require a gradient (no input of its computation requires one, "
                    + "or it was computed with gradient recording off)");
        }
        Tensor rootGrad = seedFor(root, seed, "backward()");
        run(List.of(root), List.of(rootGrad), null, createGraph);
    }

    /**
     * The gradients of {@code Σ output} with respect to each of {@code inputs} (same shapes as the
     * inputs), without touching {@link Tensor#grad()}. An input the output does not depend on gets
     * zeros.
     */
    public static Tensor[] grad(Tensor output, Tensor[] inputs, boolean createGraph) {
        return grad(new Tensor[] {output}, new Tensor[] {null}, inputs, createGraph);
    }

    /**
     * Vector–Jacobian products: {@code Σ_o gradOutputs[o] · d(outputs[o])/d(input)} for each input.
     * A null gradOutput means ones of the output's shape.
     */
    public static Tensor[] grad(Tensor[] outputs, Tensor[] gradOutputs, Tensor[] inputs, boolean createGraph) {
        List<Tensor> roots = new ArrayList<>();
        List<Tensor> seeds = new ArrayList<>();
        for (int i = 0; i < outputs.length; i++) {
            if (outputs[i].requiresGrad()) {
                roots.add(outputs[i]);
                seeds.add(gradOutputs[i] != null ? checkSeed(outputs[i], gradOutputs[i], "grad()")
                        : Tensor.ones(outputs[i].shape()));
            }
        }
        Set<Tensor> targets = Collections.newSetFromMap(new IdentityHashMap<>());
        Collections.addAll(targets, inputs);
        Map<Tensor, Tensor> grads = run(roots, seeds, targets, createGraph);
        Tensor[] result = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Tensor g = grads.get(inputs[i]);
            result[i] = g != null ? g : Tensor.zeros(inputs[i].shape());
        }
        return result;
    }

    private static Tensor seedFor(Tensor root, Tensor seed, String what) {
        if (seed != null) {
            return checkSeed(root, seed, what);
        }
        if (root.size() != 1) {
            throw new IllegalArgumentException(what + " needs a scalar, got shape " + root.shape()
                    + "; reduce it first (for example with sum() or mean()) or pass the output gradient");
        }
        return Tensor.ones(root.shape());
    }

    private static Tensor checkSeed(Tensor output, Tensor seed, String what) {
        if (!seed.shape().equals(output.shape())) {
            throw new IllegalArgumentException(what + ": the output gradient has shape " + seed.shape()
                    + " but the output has shape " + output.shape());
        }
        return seed;
    }

    /**
     * Walks the graph below {@code roots}. With {@code targets == null}, gradients of leaves are
     * accumulated into their {@code grad}; otherwise only paths leading to a target are followed and
     * the gradients of every reached tensor are returned.
     */
    private static Map<Tensor, Tensor> run(List<Tensor> roots, List<Tensor> seeds, Set<Tensor> targets,
                                           boolean createGraph) {
        List<Tensor> postOrder = topologicalPostOrder(roots);
        Set<Tensor> relevant = relevantNodes(postOrder, targets);
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        for (int i = 0; i < roots.size(); i++) {
            accumulate(grads, roots.get(i), seeds.get(i));
        }
        try (var _ = GradMode.set(createGraph)) {
            for (int n = postOrder.size() - 1; n >= 0; n--) {
                Tensor node = postOrder.get(n);
                Tensor g = grads.get(node);
                if (g == null || !relevant.contains(node)) {
                    continue;
                }
                Function fn = node.gradFn();
                if (fn == null) {
                    if (targets == null) {
                        node.setGrad(node.grad() == null ? g : node.grad().add(g));
                    }
                    continue;
                }
                for (int i = 0; i < fn.inputCount(); i++) {
                    Tensor input = fn.input(i);
                    fn.setNeedsGrad(i, input != null && input.requiresGrad() && relevant.contains(input));
                }
                Tensor[] inputGrads = fn.backward(g);
                for (int i = 0; i < fn.inputCount(); i++) {
                    if (fn.needsGrad(i) && inputGrads[i] != null) {
                        Tensor input = fn.input(i);
                        checkGradShape(fn, i, input.shape(), inputGrads[i].shape());
                        accumulate(grads, input, inputGrads[i]);
                    }
                }
                if (targets != null && !targets.contains(node)) {
                    grads.remove(node); // free intermediate gradients as soon as they are consumed
                }
            }
        }
        return grads;
    }

    private static void checkGradShape(Function fn, int index, Shape expected, Shape got) {
        if (!expected.equals(got)) {
            throw new IllegalStateException("autograd: " + fn.name() + " returned a gradient of shape " + got
                    + " for its input " + index + " of shape " + expected);
        }
    }

    private static void accumulate(Map<Tensor, Tensor> grads, Tensor node, Tensor g) {
        // Out of place: a gradient may be shared by several inputs (Add passes g through twice).
        grads.merge(node, g, Tensor::add);
    }

    /** Tensors that require a gradient reachable from the roots, every input before its users. */
    private static List<Tensor> topologicalPostOrder(List<Tensor> roots) {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Tensor> stack = new ArrayDeque<>();
        ArrayDeque<Integer> nextChild = new ArrayDeque<>();
        for (Tensor root : roots) {
            if (!visited.add(root)) {
                continue;
            }
            stack.push(root);
            nextChild.push(0);
            while (!stack.isEmpty()) {
                Tensor top = stack.peek();
                int child = nextChild.pop();
                Function fn = top.gradFn();
                if (fn != null && child < fn.inputCount()) {
                    nextChild.push(child + 1);
                    Tensor input = fn.input(child);
                    if (input != null && input.requiresGrad() && visited.add(input)) {
                        stack.push(input);
                        nextChild.push(0);
                    }
                } else {
                    order.add(stack.pop());
                }
            }
        }
        return order;
    }

    /** With targets: the nodes from which some target is reachable. Without: all of them. */
    private static Set<Tensor> relevantNodes(List<Tensor> postOrder, Set<Tensor> targets) {
        Set<Tensor> relevant = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor node : postOrder) {
            boolean reaches = targets == null || targets.contains(node);
            Function fn = node.gradFn();
            if (!reaches && fn != null) {
                for (int i = 0; i < fn.inputCount() && !reaches; i++) {
                    reaches = relevant.contains(fn.input(i));
                }
            }
            if (reaches) {
                relevant.add(node);
            }
        }
        return relevant;
    }
}
