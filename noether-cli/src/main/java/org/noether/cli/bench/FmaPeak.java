package org.noether.cli.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.noether.kernel.Parallel;

/**
 * The machine's single-precision FMA peak as Java reaches it: each thread runs twelve independent
 * chains of {@code acc = acc·m + c} on the widest float vectors the CPU has, enough chains to hide
 * the FMA latency on two FMA ports, with nothing loaded or stored. GFLOP/s counts an FMA as two
 * operations per lane, as GEMM figures do, so that GEMM's fraction of this number is its
 * efficiency.
 *
 * <pre>{@code double gflops = FmaPeak.measure(Parallel.threads(), 200_000_000);}</pre>
 */
public final class FmaPeak {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int CHAINS = 12;
    private static final int TRIALS = 5;
    /** Keeps the results alive so the JIT cannot drop the loop. */
    private static volatile float sink;

    private FmaPeak() {
    }

    /** Bits of the vectors used, e.g. 512 for AVX-512. */
    public static int vectorBits() {
        return SPECIES.vectorBitSize();
    }

    /**
     * Floating-point operations per second, in billions, of {@code threads} threads at once: the
     * best of {@value #TRIALS} trials of {@code iterationsPerThread / TRIALS} iterations each. A
     * peak is what the machine can do, and on a shared virtual machine a single trial sometimes
     * ran with one core taken (136 of about 228 GFLOP/s on two threads), which then made GEMM look
     * faster than the peak.
     */
    public static double measure(int threads, int iterationsPerThread) {
        // Many short calls get the loop compiled as a method; one long call would only be replaced on
        // the stack, and the timed calls would start in the interpreter again.
        for (int i = 0; i < 20_000; i++) {
            sink += chains(1_000);
        }
        int previous = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            int iterations = Math.max(1, iterationsPerThread / TRIALS);
            double best = 0;
            for (int trial = 0; trial < TRIALS; trial++) {
                long start = System.nanoTime();
                Parallel.forRange(threads, Long.MAX_VALUE, (from, to) -> {
                    for (int t = from; t < to; t++) {
                        sink += chains(iterations);
                    }
                });
                double seconds = (System.nanoTime() - start) / 1e9;
                best = Math.max(best, 2.0 * threads * iterations * CHAINS * SPECIES.length() / seconds / 1e9);
            }
            return best;
        } finally {
            Parallel.setThreads(previous);
        }
    }

    private static float chains(int iterations) {
        FloatVector m = FloatVector.broadcast(SPECIES, 0.999999f);
        FloatVector c = FloatVector.broadcast(SPECIES, 1e-6f);
        FloatVector a0 = FloatVector.broadcast(SPECIES, 0.1f);
        FloatVector a1 = FloatVector.broadcast(SPECIES, 0.2f);
        FloatVector a2 = FloatVector.broadcast(SPECIES, 0.3f);
        FloatVector a3 = FloatVector.broadcast(SPECIES, 0.4f);
        FloatVector a4 = FloatVector.broadcast(SPECIES, 0.5f);
        FloatVector a5 = FloatVector.broadcast(SPECIES, 0.6f);
        FloatVector a6 = FloatVector.broadcast(SPECIES, 0.7f);
        FloatVector a7 = FloatVector.broadcast(SPECIES, 0.8f);
        FloatVector a8 = FloatVector.broadcast(SPECIES, 0.9f);
        FloatVector a9 = FloatVector.broadcast(SPECIES, 1.0f);
        FloatVector a10 = FloatVector.broadcast(SPECIES, 1.1f);
        FloatVector a11 = FloatVector.broadcast(SPECIES, 1.2f);
        for (int i = 0; i < iterations; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
        }
        FloatVector sum = a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11);
        return sum.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
