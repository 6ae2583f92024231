package org.noether.autograd;

import org.noether.tensor.Tensor;

/**
 * One recorded operation of the tape: it knows its inputs and turns the gradient of its output
 * into gradients of its inputs.
 *
 * <p>An op computes its output with a kernel, then calls {@link #record}; if recording is on and
 * an input requires a gradient, the output remembers this function. {@link #backward} is written
 * with Tensor operations, so when the engine runs it with recording on ({@code createGraph}) the
 * gradient is itself differentiable: gradients of gradients come for free.
 *
 * <pre>{@code
 * final class Exp extends Function {
 *     private Tensor output;
 *     public static Tensor apply(Tensor x) { ...; return new Exp().keep(out).record(out, x); }
 *     protected Tensor[] backward(Tensor g) { return new Tensor[] {g.mul(output)}; }
 * }}</pre>
 */
public abstract class Function {
    private Tensor[] inputs;
    private boolean[] needsInputGrad;

    /**
     * Attaches this function to {@code output} as its producer if recording is on and any input
     * requires a gradient; returns {@code output}.
     */
    protected final Tensor record(Tensor output, Tensor... inputs) {
        if (!GradMode.isEnabled()) {
            return output;
        }
        boolean[] needs = new boolean[inputs.length];
        boolean any = false;
        for (int i = 0; i < inputs.length; i++) {
            needs[i] = inputs[i] != null && inputs[i].requiresGrad();
            any |= needs[i];
        }
        if (!any) {
            return output;
        }
        this.inputs = inputs.clone(); // a caller may reuse its varargs array (concat of parts)
        this.needsInputGrad = needs;
        output.setGradFn(this);
        return output;
    }

    /** The inputs this function was recorded with. */
    public final Tensor input(int index) {
        return inputs[index];
    }

    final int inputCount() {
        return inputs.length;
    }

    /** Whether the engine wants the gradient of input {@code index} in the current pass. */
    protected final boolean needsGrad(int index) {
        return needsInputGrad[index];
    }

    final void setNeedsGrad(int index, boolean needed) {
        needsInputGrad[index] = needed;
    }

    /**
     * Gradients of the inputs given the gradient of the output (same shape as the output); an entry
     * may be {@code null} where {@link #needsGrad} is false.
     */
    protected abstract Tensor[] backward(Tensor gradOutput);

    /** The op's name, for graph dumps and error messages. */
    public String name() {
        return getClass().getSimpleName();
    }
}
