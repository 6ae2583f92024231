package org.noether.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The thread team: ranges, failures, nesting, concurrent callers and resizing. */
class ParallelTest {
    private static final int ORIGINAL_THREADS = Parallel.threads();
    private static final long BIG = 1L << 30;

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(ORIGINAL_THREADS);
    }

    @Test
    void everyIndexIsVisitedOnceWhoeverRunsTheRanges() {
        // Trivial ranges: the caller often takes a worker's range back before the worker starts it.
        Parallel.setThreads(3);
        for (int count : new int[] {1, 2, 3, 7, 1000}) {
            int[] visits = new int[count];
            for (int repeat = 0; repeat < 200; repeat++) {
                Parallel.forRange(count, BIG, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        visits[i]++;
                    }
                });
            }
            int[] expected = new int[count];
            java.util.Arrays.fill(expected, 200);
            assertArrayEquals(expected, visits, "count " + count);
        }
    }

    @Test
    void rangesThatTakeTimeRunOnEveryThread() {
        // Two threads, as many as these machines have cores: a range the worker has not started
        // within 2 ms is taken over by the caller, so a third thread might rarely get one.
        Parallel.setThreads(2);
        ConcurrentHashMap<String, Boolean> threadNames = new ConcurrentHashMap<>();
        for (int repeat = 0; repeat < 50 && threadNames.size() < 2; repeat++) {
            Parallel.forRange(2, BIG, (from, to) -> {
                threadNames.put(Thread.currentThread().getName(), true);
                long until = System.nanoTime() + 2_000_000;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            });
        }
        assertEquals(2, threadNames.size(), "ran on " + threadNames.keySet());
    }

    @Test
    void aThreadThatFinishesEarlyTakesGrainsFromTheOthersRange() {
        // The caller's first grain is slow: the worker goes through its own half, then takes the
        // caller's remaining grains from the end, each at most 5 indices.
        Parallel.setThreads(2);
        String caller = Thread.currentThread().getName();
        boolean stolen = false;
        for (int repeat = 0; repeat < 20 && !stolen; repeat++) {
            int[] visits = new int[100];
            AtomicInteger byWorkerInCallersHalf = new AtomicInteger();
            Parallel.forRange(100, 5, BIG, (from, to) -> {
                assertTrue(to - from <= 5 && from < to, "grain " + from + ".." + to);
                boolean onCaller = Thread.currentThread().getName().equals(caller);
                if (onCaller && from == 0) {
                    long until = System.nanoTime() + 20_000_000;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                }
                for (int i = from; i < to; i++) {
                    synchronized (visits) {
                        visits[i]++;
                    }
                    if (!onCaller && i < 50) {
                        byWorkerInCallersHalf.incrementAndGet();
                    }
                }
            });
            int[] once = new int[100];
            java.util.Arrays.fill(once, 1);
            assertArrayEquals(once, visits, "every index exactly once");
            stolen = byWorkerInCallersHalf.get() > 0;
        }
        assertTrue(stolen, "the worker never took grains of the caller's half");
    }

    @Test
    void aFailureInAnyTaskReachesTheCallerAfterAllTasksEnd() {
        Parallel.setThreads(2);
        AtomicInteger finished = new AtomicInteger();
        for (int failing = 0; failing < 2; failing++) {
            int failingTask = failing;
            finished.set(0);
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () ->
                    Parallel.forRange(2, BIG, (from, to) -> {
                        if (from == failingTask) {
                            throw new IllegalArgumentException("task " + from);
                        }
                        finished.incrementAndGet();
                    }));
            assertEquals("task " + failing, thrown.getMessage());
            assertEquals(1, finished.get(), "the other task ran to its end");
        }
        int[] sum = new int[1];
        Parallel.forRange(2, BIG, (from, to) -> {
            synchronized (sum) {
                sum[0] += to - from;
            }
        });
        assertEquals(2, sum[0], "the team still works after failures");
    }

    @Test
    void nestedAndConcurrentCallsRunOnTheirCaller() throws InterruptedException {
        Parallel.setThreads(2);
        AtomicInteger inner = new AtomicInteger();
        Parallel.forRange(2, BIG, (from, to) -> Parallel.forRange(100, BIG, (a, b) -> inner.addAndGet(b - a)));
        assertEquals(200, inner.get());
        AtomicInteger total = new AtomicInteger();
        Thread[] callers = new Thread[4];
        for (int c = 0; c < callers.length; c++) {
            callers[c] = new Thread(() -> {
                for (int repeat = 0; repeat < 500; repeat++) {
                    Parallel.forRange(10, BIG, (from, to) -> total.addAndGet(to - from));
                }
            });
            callers[c].start();
        }
        for (Thread caller : callers) {
            caller.join();
        }
        assertEquals(4 * 500 * 10, total.get());
    }

    @Test
    void resizingBetweenCallsKeepsWorking() {
        for (int threads : new int[] {1, 2, 4, 2, 1, 3}) {
            Parallel.setThreads(threads);
            AtomicInteger covered = new AtomicInteger();
            Parallel.forRange(50, BIG, (from, to) -> covered.addAndGet(to - from));
            assertEquals(50, covered.get(), threads + " threads");
        }
    }
}
