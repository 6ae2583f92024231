package org.noether.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.noether.tensor.Expect;
import org.noether.tensor.Tensor;

/**
 * The tape engine: accumulation into leaves, the sum over paths, gradients of chosen inputs,
 * seeds and their errors, detach, and a deep graph walked without recursion.
 */
class AutogradEngineTest {

    private static Tensor leaf(float... values) {
        return Tensor.vector(values).requiresGrad(true);
    }

    @Test
    void backwardAccumulatesIntoLeafGradientsAcrossCalls() {
        Tensor x = leaf(1, -2, 3);
        Tensor y = x.mul(x).sum();
        y.backward();
        Expect.values(x.grad(), new int[] {3}, 2, -4, 6);
        y.backward();
        Expect.values(x.grad(), new int[] {3}, 4, -8, 12);
        x.mul(3).sum().backward();
        Expect.values(x.grad(), new int[] {3}, 7, -5, 15);
        x.setGrad(null);
        x.sum().backward();
        Expect.values(x.grad(), new int[] {3}, 1, 1, 1);
    }

    @Test
    void aTensorUsedTwiceGetsTheSumOfBothPaths() {
        Tensor x = leaf(1, 2);
        x.mul(2).add(x.mul(3)).sum().backward();
        Expect.values(x.grad(), new int[] {2}, 5, 5);
        Tensor z = leaf(1, 2);
        z.add(z).sum().backward();
        Expect.values(z.grad(), new int[] {2}, 2, 2);
        // A shared intermediate: h feeds two branches that meet again (a diamond).
        Tensor w = leaf(0.5f, 3);
        Tensor h = w.mul(w);
        h.exp().add(h.mul(4)).sum().backward();
        Expect.close(new double[] {2 * 0.5 * (Math.exp(0.25) + 4), 2 * 3 * (Math.exp(9) + 4)}, w.grad().data(),
                1e-3, "diamond");
        // Broadcasting: a row used by all 4 rows of a matrix, twice, gets 4 from each use.
        Tensor row = leaf(1, 1, 1);
        Tensor.ones(4, 3).mul(row).add(row).sum().backward();
        Expect.values(row.grad(), new int[] {3}, 8, 8, 8);
    }

    @Test
    void gradReturnsGradientsOfChosenInputsWithoutTouchingGradFields() {
        Tensor x = leaf(1, 2, 3);
        Tensor h = x.mul(2);
        Tensor y = h.square().sum();
        Tensor[] grads = Autograd.grad(y, new Tensor[] {x, h}, false);
        Expect.values(grads[0], new int[] {3}, 8, 16, 24);
        Expect.values(grads[1], new int[] {3}, 4, 8, 12);
        assertNull(x.grad(), "Autograd.grad leaves .grad alone");
        // Without a seed, a non-scalar output is summed.
        Expect.values(Autograd.grad(x.mul(5), new Tensor[] {x}, false)[0], new int[] {3}, 5, 5, 5);
    }

    @Test
    void unusedInputsGetZerosOfTheirShape() {
        Tensor x = leaf(1, 2);
        Tensor unused = Tensor.ones(2, 3).requiresGrad(true);
        Tensor constant = Tensor.ones(4);
        Tensor[] grads = Autograd.grad(x.square().sum(), new Tensor[] {x, unused, constant}, false);
        Expect.values(grads[1], new int[] {2, 3}, 0, 0, 0, 0, 0, 0);
        Expect.values(grads[2], new int[] {4}, 0, 0, 0, 0);
        Expect.values(grads[0], new int[] {2}, 2, 4);
    }

    @Test
    void vectorJacobianProductsWithSeeds() {
        Tensor x = leaf(1, 2);
        Tensor y = x.square();
        Tensor z = x.mul(3);
        Tensor[] grads = Autograd.grad(new Tensor[] {y, z}, new Tensor[] {Tensor.vector(1, 10), null},
                new Tensor[] {x}, false);
        Expect.values(grads[0], new int[] {2}, 2 + 3, 40 + 3);
        Autograd.backward(y, Tensor.vector(2, 0.5f), false);
        Expect.values(x.grad(), new int[] {2}, 4, 2);
    }

    @Test
    void nonScalarBackwardWithoutSeedAsksForAReduction() {
        Tensor x = Tensor.ones(2, 3).requiresGrad(true);
        Expect.thrown(IllegalArgumentException.class, () -> x.mul(2).backward(), "scalar", "[2, 3]", "sum()");
    }

    @Test
    void seedsOfTheWrongShapeAreRejected() {
        Tensor x = leaf(1, 2);
        Tensor y = x.mul(2);
        Expect.thrown(IllegalArgumentException.class, () -> Autograd.backward(y, Tensor.ones(3), false),
                "[3]", "[2]");
        Expect.thrown(IllegalArgumentException.class,
                () -> Autograd.grad(new Tensor[] {y}, new Tensor[] {Tensor.ones(2, 1)}, new Tensor[] {x}, false),
                "[2, 1]", "[2]");
        Expect.thrown(IllegalArgumentException.class, () -> x.setGrad(Tensor.ones(3)), "[3]", "[2]");
    }

    @Test
    void backwardFromATensorWithoutGradientIsAnError() {
        Tensor constant = Tensor.ones(2).mul(3).sum();
        Expect.thrown(IllegalStateException.class, constant::backward, "[]", "does not require a gradient");
    }

    @Test
    void aComputedTensorCannotStopRequiringGrad() {
        Tensor y = leaf(1).mul(2);
        Expect.thrown(IllegalStateException.class, () -> y.requiresGrad(false), "detach()");
        assertTrue(y.requiresGrad());
        Tensor x = leaf(1);
        x.requiresGrad(false);
        assertFalse(x.requiresGrad(), "a leaf may stop requiring grad");
        assertFalse(x.mul(2).requiresGrad());
    }

    @Test
    void createGraphDecidesWhetherGradientsAreDifferentiable() {
        Tensor x = leaf(1, 2);
        Tensor y = x.pow(3).sum();
        Tensor plain = Autograd.grad(y, new Tensor[] {x}, false)[0];
        Expect.values(plain, new int[] {2}, 3, 12);
        assertFalse(plain.requiresGrad());
        assertNull(plain.gradFn());
        Tensor differentiable = Autograd.grad(y, new Tensor[] {x}, true)[0];
        Expect.values(differentiable, new int[] {2}, 3, 12);
        assertTrue(differentiable.requiresGrad());
        assertNotNull(differentiable.gradFn());
        x.pow(3).sum().backward();
        assertFalse(x.grad().requiresGrad(), "backward() builds no graph of the gradient");
        assertTrue(GradMode.isEnabled(), "recording is back on after the backward pass");
    }

    @Test
    void detachStopsGradients() {
        Tensor x = leaf(2, 3);
        Tensor detached = x.detach();
        assertFalse(detached.requiresGrad());
        assertNull(detached.gradFn());
        detached.mul(x).sum().backward();
        Expect.values(x.grad(), new int[] {2}, 2, 3);
        Tensor h = x.mul(x);
        Tensor[] grads = Autograd.grad(h.detach().mul(h).sum(), new Tensor[] {x}, false);
        Expect.values(grads[0], new int[] {2}, 2 * 4 * 2, 2 * 9 * 3);
    }

    @Test
    void concatRoutesGradientsToThePartsItWasGiven() {
        Tensor a = leaf(1, 2);
        Tensor b = leaf(3);
        Tensor other = leaf(9);
        Tensor[] parts = {a, b};
        Tensor joined = Tensor.concat(0, parts);
        parts[1] = other; // the caller reuses its array; the recorded graph must not change
        joined.mul(Tensor.vector(1, 2, 3)).sum().backward();
        Expect.values(a.grad(), new int[] {2}, 1, 2);
        Expect.values(b.grad(), new int[] {1}, 3);
        assertNull(other.grad());
    }

    @Test
    void aGradientOfTheWrongShapeFromAnOpIsReported() {
        Tensor x = leaf(1, 2);
        Tensor y = BrokenOp.apply(x);
        Expect.thrown(IllegalStateException.class, () -> y.sum().backward(), "BrokenOp", "[3]", "[2]");
    }

    /** An op whose backward returns a gradient of the wrong shape. */
    private static final class BrokenOp extends Function {
        static Tensor apply(Tensor x) {
            return new BrokenOp().record(x.detach().copy(), x);
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            return new Tensor[] {Tensor.ones(3)};
        }
    }

    @Test
    void aDeepChainIsWalkedWithoutRecursion() throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<float[]> gradient = new AtomicReference<>();
        // A small stack: a recursive walk over 10,000 ops would overflow it.
        Thread worker = new Thread(null, () -> {
            try {
                Tensor x = leaf(1, 2);
                Tensor y = x;
                for (int i = 0; i < 10_000; i++) {
                    y = y.mul(0.9999);
                }
                y.sum().backward();
                gradient.set(x.grad().toArray());
                Tensor[] again = Autograd.grad(y, new Tensor[] {x}, false);
                assertEquals(x.grad().get(0), again[0].get(0));
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "deep-chain", 256 * 1024);
        worker.start();
        worker.join();
        if (failure.get() != null) {
            throw new AssertionError("deep chain failed: " + failure.get(), failure.get());
        }
        double expected = Math.pow((float) 0.9999, 10_000);
        // 10,000 float roundings of the running product: a relative error far below 1e-3.
        Expect.close(new double[] {expected, expected}, gradient.get(), 3e-4, "d/dx of x·0.9999^10000");
    }
}
