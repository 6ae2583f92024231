package org.noether.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
        int tasks = (int) Math.min(Math.min(threads, count), Math.max(1, totalWork / MIN_WORK_PER_TASK));
        if (tasks > 1 && !(Thread.currentThread() instanceof Worker)) {
            Team current = team();
            if (current.busy.compareAndSet(false, true)) {
                try {
                    current.run(count, Math.min(tasks, current.workers.length + 1), body);
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
        final Worker[] workers;
        final AtomicBoolean busy = new AtomicBoolean();

        Team(int size) {
            workers = new Worker[size];
            for (int i = 0; i < size; i++) {
                workers[i] = new Worker("noether-kernel-" + i);
                workers[i].start();
            }
        }

        /** Task 0 on the caller, tasks 1.. on the workers; rethrows the first failure once all are done. */
        void run(int count, int tasks, RangeBody body) {
            for (int t = 1; t < tasks; t++) {
                workers[t - 1].post(body, (int) ((long) count * t / tasks), (int) ((long) count * (t + 1) / tasks));
            }
            Throwable failure = null;
            try {
                body.run(0, (int) ((long) count / tasks));
            } catch (Throwable thrown) {
                failure = thrown;
            }
            for (int t = 1; t < tasks; t++) {
                Throwable workerFailure = workers[t - 1].await();
                if (failure == null) {
                    failure = workerFailure;
                }
            }
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
     * A thread that runs one posted range at a time, spinning between tasks before it parks. A range
     * the worker has not started by the time the caller has finished its own, the caller takes back
     * and runs itself: a worker that is parked, or whose virtual CPU the host has paused, then
     * costs no waiting (two threads ran an MLP step at half the speed of one in some runs).
     */
    private static final class Worker extends Thread {
        private static final int IDLE = 0;
        private static final int POSTED = 1;
        private static final int RUNNING = 2;
        private static final int DONE = 3;

        private final AtomicInteger state = new AtomicInteger(IDLE);
        private volatile boolean parked;
        private volatile Thread waiter;
        private volatile boolean stopping;
        private RangeBody body;
        private int from;
        private int to;
        private Throwable failure;

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        /** Hands the worker a range; the volatile write of the state publishes the fields. */
        void post(RangeBody body, int from, int to) {
            this.body = body;
            this.from = from;
            this.to = to;
            this.failure = null;
            state.set(POSTED);
            if (parked) {
                LockSupport.unpark(this);
            }
        }

        /**
         * Runs the posted range on the calling thread if the worker has not started it, else waits
         * for the worker; returns what the range threw, if anything.
         */
        Throwable await() {
            Throwable thrown = null;
            if (state.compareAndSet(POSTED, IDLE)) {
                try {
                    body.run(from, to);
                } catch (Throwable caught) {
                    thrown = caught;
                }
            } else {
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
                thrown = failure;
                state.set(IDLE);
            }
            body = null;
            return thrown;
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
                    continue; // the caller took the range back
                }
                try {
                    body.run(from, to);
                } catch (Throwable thrown) {
                    failure = thrown;
                }
                state.set(DONE);
                Thread waiting = waiter;
                if (waiting != null) {
                    LockSupport.unpark(waiting);
                }
            }
        }
    }
}
