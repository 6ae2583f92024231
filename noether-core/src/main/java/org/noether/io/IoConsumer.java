package org.noether.io;

import java.io.IOException;

/**
 * A consumer that may throw {@link IOException}: the body of a write that {@link AtomicFiles} wraps
 * in a temporary file and an atomic rename.
 *
 * <pre>{@code AtomicFiles.write(path, out -> out.write(bytes));}</pre>
 *
 * @param <T> what is consumed, usually an {@link java.io.OutputStream}
 */
@FunctionalInterface
public interface IoConsumer<T> {

    /** Consumes {@code value}, possibly failing with an I/O error. */
    void accept(T value) throws IOException;
}
