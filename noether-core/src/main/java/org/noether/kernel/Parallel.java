package org.noether.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * The one thread pool that kernels split their work over.
 *
 * <p>Sized to the machine's cores unless the system property {@code noether.threads} or the
 * environment variable {@code NOETHER_THREADS} says otherwise, or {@link #setThreads} is called.
 * Work is split so that every output element is computed by the same sequence of float operations
 * whatever the number of threads: results are bit-identical for any thread count. A kernel called
 * from inside a pool worker runs sequentially (no nested parallelism).
 *
 * <pre>{@code Parallel.forRange(rows, 4096L * columns, (from, to) -> { ...rows from..to... });}</pre>
 */
public final class Parallel {
    /** Below this many scalar operations a task runs on the calling thread: a fork costs microseconds. */
    private static final long MIN_WORK_PER_TASK = 1L << 16;
    /** How long the caller spins for the other tasks before it parks in join. */
    private static final long SPIN_NANOS = 200_000;

    private static volatile ForkJoinPool pool;
    private static volatile int threads = defaultThreads();

    private Parallel() {
    }

    /** A body that processes the half-open index range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    private static int defaultThreads() {
        String configured = System.getProperty("noether.threads");
        if (configured == null) {
            configured = System.getenv("NOETHER_THREADS");
        }
        if (configured != null && !configured.isBlank()) {
            try {
                int value = Integer.parseInt(configured.trim());
                if (value >= 1) {
                    return value;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the core count; a bad setting must not stop the program
            }
            System.err.println("noether: ignoring thread setting '" + configured
                    + "' (expected a whole number >= 1)");
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** Number of threads kernels use. */
    public static int threads() {
        return threads;
    }

    /** Sets the number of threads kernels use (at least 1). */
    public static synchronized void setThreads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("thread count must be >= 1, got " + count);
        }
        if (count != threads) {
            ForkJoinPool old = pool;
            pool = null;
            threads = count;
            if (old != null) {
                old.shutdown();
            }
        }
    }

    private static ForkJoinPool pool() {
        ForkJoinPool current = pool;
        if (current == null) {
            synchronized (Parallel.class) {
                current = pool;
                if (current == null) {
                    current = new ForkJoinPool(threads, p -> {
                        ForkJoinWorkerThread worker = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
                        worker.setName("noether-kernel-" + worker.getPoolIndex());
                        worker.setDaemon(true);
                        return worker;
                    }, null, false);
                    pool = current;
                }
            }
        }
        return current;
    }

    /**
     * Spins for a while before {@code join} would park the calling thread: the other tasks of a
     * kernel usually finish within microseconds of the caller's, and being woken from a park costs
     * tens of microseconds on a virtual machine.
     */
    private static void awaitSpinning(ForkJoinTask<?> task) {
        long start = System.nanoTime();
        while (!task.isDone() && System.nanoTime() - start < SPIN_NANOS) {
            Thread.onSpinWait();
        }
    }

    /**
     * Runs {@code body} over {@code [0, count)}, split into contiguous ranges, one per thread at most.
     *
     * @param totalWork an estimate of the scalar operations of the whole range, used to keep small
     *                  jobs on the calling thread
     */
    public static void forRange(int count, long totalWork, RangeBody body) {
        int tasks = (int) Math.min(Math.min(threads, count), Math.max(1, totalWork / MIN_WORK_PER_TASK));
        if (tasks <= 1 || Thread.currentThread() instanceof ForkJoinWorkerThread) {
            if (count > 0) {
                body.run(0, count);
            }
            return;
        }
        List<ForkJoinTask<?>> jobs = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            int from = (int) ((long) count * t / tasks);
            int to = (int) ((long) count * (t + 1) / tasks);
            jobs.add(ForkJoinTask.adapt(() -> body.run(from, to)));
        }
        ForkJoinPool executor = pool();
        for (int t = 1; t < tasks; t++) {
            executor.execute(jobs.get(t));
        }
        jobs.get(0).invoke();
        for (int t = 1; t < tasks; t++) {
            awaitSpinning(jobs.get(t));
            jobs.get(t).join();
        }
    }
}
