package org.noether.autograd.ops;

import org.noether.kernel.Elementwise;
import org.noether.kernel.Scratch;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/** The forward half shared by the broadcasting binary ops: shape rule plus the elementwise kernel. */
final class Broadcast {
    private Broadcast() {
    }

    /** {@code op(a, b)} over the broadcast shape; a mismatch names both shapes and {@code name}. */
    static Tensor compute(Tensor a, Tensor b, String name, Elementwise.BinaryRow op) {
        Shape out = Shape.broadcast(a.shape(), b.shape(), name);
        float[] result = Scratch.floats(out.size());
        Elementwise.binary(a.data(), a.shape().dims(), b.data(), b.shape().dims(), result, out.dims(), op);
        return Tensor.wrap(result, out);
    }

    /** The values of {@code t} repeated to shape {@code out} (its own array if already that shape). */
    static float[] expanded(Tensor t, Shape out) {
        if (t.shape().equals(out)) {
            return t.data();
        }
        float[] result = Scratch.floats(out.size());
        Elementwise.broadcastTo(t.data(), t.shape().dims(), result, out.dims());
        return result;
    }
}
