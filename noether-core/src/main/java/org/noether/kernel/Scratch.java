package org.noether.kernel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Arrays for the activations and gradients of one training step, handed out again in the next
 * step: a training loop allocates nothing in steady state, so no collector runs, and the arrays
 * need not be zeroed by the allocating thread (the JVM clears every new array, on one thread, and a
 * CNN step allocated some 40 MB).
 *
 * <p>A trainer owns one and {@link #enter enters} it around each step (a hand-written training
 * loop can do the same). While a thread is inside, the operations that make activation-sized
 * results (convolutions, products, pooling, elementwise arithmetic and functions, the fused
 * bias/activation gradient) take their result arrays from it through {@link #floats}; outside,
 * those are plain new arrays. Arrays
 * handed out in one step stay valid until the next step of the same scratch begins (so gradients
 * can be read after {@code trainOnBatch}); results that must outlive a step (weights, moving
 * statistics, optimizer state) are never allocated here but copied into their own storage.
 *
 * <pre>{@code try (Scratch.Scope step = scratch.enter()) { loss.backward(); optimizer.step(weights); }}</pre>
 */
public final class Scratch {
    private static final ThreadLocal<Scratch> CURRENT = new ThreadLocal<>();

    private final Map<Integer, ArrayDeque<float[]>> freeFloats = new HashMap<>();
    private final Map<Integer, ArrayDeque<int[]>> freeInts = new HashMap<>();
    private final List<float[]> usedFloats = new ArrayList<>();
    private final List<int[]> usedInts = new ArrayList<>();

    /** Leaves the scratch: the thread allocates plain arrays again. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Makes this the calling thread's scratch until the scope closes. The arrays handed out since
     * the previous {@code enter} become free for reuse.
     */
    public Scope enter() {
        for (float[] array : usedFloats) {
            freeFloats.computeIfAbsent(array.length, length -> new ArrayDeque<>()).push(array);
        }
        for (int[] array : usedInts) {
            freeInts.computeIfAbsent(array.length, length -> new ArrayDeque<>()).push(array);
        }
        usedFloats.clear();
        usedInts.clear();
        Scratch previous = CURRENT.get();
        CURRENT.set(this);
        return () -> CURRENT.set(previous);
    }

    /** A float array of {@code length} whose contents are arbitrary: the caller writes every element. */
    public static float[] floats(int length) {
        Scratch scratch = CURRENT.get();
        if (scratch == null) {
            return new float[length];
        }
        ArrayDeque<float[]> free = scratch.freeFloats.get(length);
        float[] array = free == null || free.isEmpty() ? new float[length] : free.pop();
        scratch.usedFloats.add(array);
        return array;
    }

    /** A float array of {@code length} holding zeros (a reused one is cleared in parallel). */
    public static float[] zeros(int length) {
        Scratch scratch = CURRENT.get();
        if (scratch == null) {
            return new float[length];
        }
        float[] array = floats(length);
        Parallel.forRange(length, length, (from, to) -> Arrays.fill(array, from, to, 0f));
        return array;
    }

    /** An int array of {@code length} whose contents are arbitrary: the caller writes every element. */
    public static int[] ints(int length) {
        Scratch scratch = CURRENT.get();
        if (scratch == null) {
            return new int[length];
        }
        ArrayDeque<int[]> free = scratch.freeInts.get(length);
        int[] array = free == null || free.isEmpty() ? new int[length] : free.pop();
        scratch.usedInts.add(array);
        return array;
    }
}
