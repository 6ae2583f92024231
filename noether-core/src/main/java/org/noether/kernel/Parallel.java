package org.noether.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread pool that kernels split their work over.
 *
 * <p>Sized to the machine's cores unless the system property {@code noether.threads} or the
 * environment variable {@code NOETHER_THREADS} says otherwise, or {@link #setThreads} is called.
 * Work is split so that every output element is computed by the same sequence of float operations
 * whatever the number of threads: results are bit-identical for any thread count. A kernel called
 * from inside a kernel's task, or while another thread's kernel has the workers, runs
 * sequentially on its caller.
 *
 * <p>The workers are a small team of threads that, between tasks, spin for a while before they
 * park: a training step issues dozens of parallel kernels a few microseconds to a millisecond
 * apart, and waking a parked thread costs 20–50 µs on these virtual machines (a fork-join pool's
 * hand-off of trivial work took 19–48 µs, which made two threads slower than one for an MLP).
 * Each thread has a contiguous range; one that has finished takes what is left of the others'
 * from their ends, a whole range by default (so a worker that has not started costs no waiting),
 * or grains of it where the kernel allows ({@link #forRange(int, int, long, RangeBody)}): a
 * virtual machine's two cores often run at different speeds for seconds at a time.
 *
 * <pre>{@code Parallel.forRange(rows, 4096L * columns, (from, to) -> { ...rows from..to... });}</pre>
 */
public final class Parallel {
    /** Below this many scalar operations a task runs on the calling thread. */
    private static final long MIN_WORK_PER_TASK = 1L << 16;
    /** How long an idle worker, or a caller waiting for one, spins before it parks. */
    private static final long SPIN_NANOS = 200_000;

    private static volatile Team team;
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
            Team old = team;
            team = null;
            threads = count;
            if (old != null) {
                old.stop();
            }
        }
    }

    private static Team team() {
        Team current = team;
        if (current == null) {
            synchronized (Parallel.class) {
                current = team;
                if (current == null) {
                    current = new Team(threads - 1);
                    team = current;
                }
            }
        }
        return current;
    }

    /**
     * Runs {@code body} over {@code [0, count)}, split into contiguous ranges, one per thread at most.
     *
     * @param totalWork an estimate of the scalar operations of the whole range, used to keep small
     *                  jobs on the calling thread
     */
    public static void forRange(int count, long totalWork, RangeBody body) {
        forRange(count, Integer.MAX_VALUE, totalWork, body);
    }

    /**
     * {@link #forRange(int, long, RangeBody)} for work whose threads may run at different speeds (a
     * virtual machine's cores often do): each thread goes through its range {@code grain} indices at
     * a time, and one that finishes early takes grains from the end of the others' ranges. The body
     * is called once per grain, so it must accept any contiguous ranges.
     *
     * <pre>{@code Parallel.forRange(rowTiles, 24, work, (from, to) -> multiplyRows(from, to));}</pre>
     *
     * @param grain most indices per call of the body (at least 1)
     */
    public static void forRange(int count, int grain, long totalWork, RangeBody body) {
        int tasks = (int) Math.min(Math.min(threads, count), Math.max(1, totalWork / MIN_WORK_PER_TASK));
        if (tasks > 1 && !(Thread.currentThread() instanceof Worker)) {
            Team current = team();
            if (current.busy.compareAndSet(false, true)) {
                try {
                    current.run(count, Math.min(tasks, current.workers.length + 1), Math.max(1, grain), body);
                } finally {
                    current.busy.set(false);
                }
                return;
            }
        }
        if (count > 0) {
            body.run(0, count);
        }
    }

    /** The workers, used by one caller at a time. */
    private static final class Team {
        /** Longs between two threads' range bounds, so that each thread's lie in a cache line of their own. */
        private static final int PAD = 8;

        final Worker[] workers;
        final AtomicBoolean busy = new AtomicBoolean();
        /** Per thread, the part of its range not yet taken: first index in the high half, end in the low. */
        private final AtomicLongArray bounds;
        private RangeBody body;
        private int grain;
        private int tasks;

        Team(int size) {
            workers = new Worker[size];
            bounds = new AtomicLongArray((size + 1) * PAD);
            for (int i = 0; i < size; i++) {
                workers[i] = new Worker("noether-kernel-" + i, this, i + 1);
                workers[i].start();
            }
        }

        /**
         * Task 0 on the caller, tasks 1.. on the workers; rethrows the first failure once all are done.
         * The fields are published to the workers by the volatile write of {@link Worker#post}.
         */
        void run(int count, int tasks, int grain, RangeBody body) {
            this.body = body;
            this.grain = grain;
            this.tasks = tasks;
            for (int t = 0; t < tasks; t++) {
                bounds.set(t * PAD, bounds((int) ((long) count * t / tasks), (int) ((long) count * (t + 1) / tasks)));
            }
            for (int t = 1; t < tasks; t++) {
                workers[t - 1].post();
            }
            Throwable failure = runTask(0);
            for (int t = 1; t < tasks; t++) {
                Throwable workerFailure = workers[t - 1].await();
                if (failure == null) {
                    failure = workerFailure;
                }
            }
            this.body = null;
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
        }

        /**
         * Runs task {@code task}'s range from its start, then what is left of the other tasks' ranges
         * from their ends, and returns the first failure: the caller thereby also runs the whole
         * range of a worker that has not started (parked, or its virtual CPU paused by the host), so
         * that costs no waiting.
         */
        Throwable runTask(int task) {
            Throwable failure = null;
            for (int other = 0; other < tasks; other++) {
                int owner = (task + other) % tasks;
                for (long taken = take(owner, other == 0); taken >= 0; taken = take(owner, other == 0)) {
                    try {
                        body.run(first(taken), end(taken));
                    } catch (Throwable thrown) {
                        // The other grains still run, as they would on other threads: every range
                        // is done, or has failed, when the caller returns.
                        if (failure == null) {
                            failure = thrown;
                        }
                    }
                }
            }
            return failure;
        }

        /** Takes a grain from the start (or end) of a task's range, or returns -1 if none is left. */
        private long take(int task, boolean fromStart) {
            int index = task * PAD;
            while (true) {
                long current = bounds.get(index);
                int first = first(current);
                int end = end(current);
                if (first >= end) {
                    return -1;
                }
                int size = Math.min(grain, end - first);
                long rest = fromStart ? bounds(first + size, end) : bounds(first, end - size);
                if (bounds.compareAndSet(index, current, rest)) {
                    return fromStart ? bounds(first, first + size) : bounds(end - size, end);
                }
            }
        }

        private static long bounds(int first, int end) {
            return (long) first << 32 | end;
        }

        private static int first(long bounds) {
            return (int) (bounds >>> 32);
        }

        private static int end(long bounds) {
            return (int) bounds;
        }

        /** Retires the team: once no caller has it, it is never handed out again and its workers end. */
        void stop() {
            while (!busy.compareAndSet(false, true)) {
                Thread.onSpinWait();
            }
            for (Worker worker : workers) {
                worker.stopping = true;
                LockSupport.unpark(worker);
            }
        }
    }

    /**
     * A thread that runs its task of the team's current loop, spinning between loops before it
     * parks. A task the worker has not started by the time the caller has gone through all ranges
     * is cancelled: the caller took all its grains.
     */
    private static final class Worker extends Thread {
        private static final int IDLE = 0;
        private static final int POSTED = 1;
        private static final int RUNNING = 2;
        private static final int DONE = 3;

        private final Team team;
        private final int task;
        private final AtomicInteger state = new AtomicInteger(IDLE);
        private volatile boolean parked;
        private volatile Thread waiter;
        private volatile boolean stopping;
        private Throwable failure;

        Worker(String name, Team team, int task) {
            super(name);
            this.team = team;
            this.task = task;
            setDaemon(true);
        }

        /** Hands the worker its task of the team's loop; the volatile write publishes the loop. */
        void post() {
            this.failure = null;
            state.set(POSTED);
            if (parked) {
                LockSupport.unpark(this);
            }
        }

        /** Cancels the task if the worker has not started it, else waits for it; returns what it threw. */
        Throwable await() {
            if (state.compareAndSet(POSTED, IDLE)) {
                return null;
            }
            long start = System.nanoTime();
            while (state.get() != DONE) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    waiter = Thread.currentThread();
                    if (state.get() != DONE) {
                        LockSupport.park(this);
                    }
                    waiter = null;
                }
            }
            state.set(IDLE);
            return failure;
        }

        @Override
        public void run() {
            while (!stopping) {
                long start = System.nanoTime();
                while (state.get() != POSTED && !stopping) {
                    if (System.nanoTime() - start < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        parked = true;
                        if (state.get() != POSTED && !stopping) {
                            LockSupport.park(this);
                        }
                        parked = false;
                    }
                }
                if (stopping) {
                    return;
                }
                if (!state.compareAndSet(POSTED, RUNNING)) {
                    continue; // the caller cancelled the task
                }
                failure = team.runTask(task);
                state.set(DONE);
                Thread waiting = waiter;
                if (waiting != null) {
                    LockSupport.unpark(waiting);
                }
            }
        }
    }
}
