package org.noether.kernel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

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
        release(usedFloats, freeFloats, array -> array.length);
        release(usedInts, freeInts, array -> array.length);
        Scratch previous = CURRENT.get();
        CURRENT.set(this);
        return () -> CURRENT.set(previous);
    }

    private static <A> void release(List<A> used, Map<Integer, ArrayDeque<A>> free, ToIntFunction<A> length) {
        for (A array : used) {
            free.computeIfAbsent(length.applyAsInt(array), key -> new ArrayDeque<>()).push(array);
        }
        used.clear();
    }

    /** A float array of {@code length} whose contents are arbitrary: the caller writes every element. */
    public static float[] floats(int length) {
        Scratch scratch = CURRENT.get();
        return scratch == null ? new float[length]
                : take(scratch.freeFloats, scratch.usedFloats, length, float[]::new);
    }

    /** A float array of {@code length} holding zeros (a reused one is cleared in parallel). */
    public static float[] zeros(int length) {
        if (CURRENT.get() == null) {
            return new float[length];
        }
        float[] array = floats(length);
        Parallel.forRange(length, length, (from, to) -> Arrays.fill(array, from, to, 0f));
        return array;
    }

    /** An int array of {@code length} whose contents are arbitrary: the caller writes every element. */
    public static int[] ints(int length) {
        Scratch scratch = CURRENT.get();
        return scratch == null ? new int[length] : take(scratch.freeInts, scratch.usedInts, length, int[]::new);
    }

    /**
     * Whether this scratch handed out {@code array} since it was last entered: whether an
     * operation's result will be reused next step rather than left to the collector.
     */
    public boolean handedOut(float[] array) {
        return usedFloats.stream().anyMatch(used -> used == array);
    }

    /** A free array of {@code length} (or a new one), recorded as used in this step. */
    private static <A> A take(Map<Integer, ArrayDeque<A>> free, List<A> used, int length, IntFunction<A> create) {
        ArrayDeque<A> candidates = free.get(length);
        A array = candidates == null || candidates.isEmpty() ? create.apply(length) : candidates.pop();
        used.add(array);
        return array;
    }
}
