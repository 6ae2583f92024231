package org.noether.kernel;

/**
 * Whether kernels may use the Vector API: the incubator module {@code jdk.incubator.vector} must be
 * in the boot layer (the launcher and the build add it with {@code --add-modules}), and the system
 * property {@code noether.vector} must not be {@code false} (the switch that tests and benchmarks
 * use to run the plain-Java path).
 *
 * <pre>{@code java -Dnoether.vector=false ...   // the plain-Java kernels, same results}</pre>
 */
public final class VectorSupport {
    private static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty("noether.vector"))
            && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private VectorSupport() {
    }

    /** Whether the Vector API kernels are in use. */
    public static boolean enabled() {
        return ENABLED;
    }
}
