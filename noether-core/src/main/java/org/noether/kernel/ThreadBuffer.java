package org.noether.kernel;

import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * An array each thread keeps for one kernel's working space (packed panels, patch tables, partial
 * sums), grown on demand and reused, so that steady-state calls allocate nothing. Its contents are
 * whatever the thread's previous call left: the caller writes what it reads.
 *
 * <pre>{@code private static final ThreadBuffer<float[]> PATCHES = ThreadBuffer.floats();
 * float[] patches = PATCHES.atLeast(rows * patchSize);}</pre>
 *
 * @param <A> the array type
 */
final class ThreadBuffer<A> {
    private final ThreadLocal<A> arrays;
    private final IntFunction<A> create;
    private final ToIntFunction<A> length;

    private ThreadBuffer(IntFunction<A> create, ToIntFunction<A> length) {
        this.create = create;
        this.length = length;
        this.arrays = ThreadLocal.withInitial(() -> create.apply(0));
    }

    static ThreadBuffer<float[]> floats() {
        return new ThreadBuffer<>(float[]::new, array -> array.length);
    }

    static ThreadBuffer<int[]> ints() {
        return new ThreadBuffer<>(int[]::new, array -> array.length);
    }

    static ThreadBuffer<boolean[]> booleans() {
        return new ThreadBuffer<>(boolean[]::new, array -> array.length);
    }

    static ThreadBuffer<double[]> doubles() {
        return new ThreadBuffer<>(double[]::new, array -> array.length);
    }

    /** The calling thread's array, at least {@code size} long. */
    A atLeast(int size) {
        A array = arrays.get();
        if (length.applyAsInt(array) < size) {
            array = create.apply(size);
            arrays.set(array);
        }
        return array;
    }
}
