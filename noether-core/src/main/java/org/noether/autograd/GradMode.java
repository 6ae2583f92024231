package org.noether.autograd;

/**
 * Whether operations are recorded for differentiation on the current thread (on by default).
 *
 * <p>Inference and optimizer updates run with recording off: no graph is kept, so nothing but the
 * result stays alive.
 *
 * <pre>{@code try (var scope = GradMode.disabled()) { Tensor y = model.apply(x); }}</pre>
 */
public final class GradMode {
    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);

    private GradMode() {
    }

    /** A region in which the recording mode differs; closing it restores the previous mode. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** True if new operations are recorded on this thread. */
    public static boolean isEnabled() {
        return ENABLED.get();
    }

    /** Turns recording off until the returned scope is closed. */
    public static Scope disabled() {
        return set(false);
    }

    /** Sets recording on or off until the returned scope is closed. */
    public static Scope set(boolean enabled) {
        boolean previous = ENABLED.get();
        ENABLED.set(enabled);
        return () -> ENABLED.set(previous);
    }
}
