package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The pool runs every task exactly once, survives failures, nesting and concurrent callers. @Timeout guards hangs. */
@Timeout(60)
class WorkerPoolTest {

    @Test
    void everyTaskRunsExactlyOnce() {
        for (int threads = 1; threads <= 4; threads++) {
            try (WorkerPool pool = new WorkerPool(threads)) {
                for (int tasks : new int[] {0, 1, 2, 3, 17, 1000}) {
                    for (int round = 0; round < 20; round++) {
                        AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(tasks, 1));
                        pool.parallelFor(tasks, runs::incrementAndGet);
                        for (int i = 0; i < tasks; i++) {
                            assertThat(runs.get(i)).as("threads=%d tasks=%d index=%d", threads, tasks, i).isEqualTo(1);
                        }
                    }
                }
            }
        }
    }

    /**
     * Workers spin briefly after a loop, then park until the next: a pool left idle (a server
     * between requests) must not keep waking up to spin. Over a second idle, each worker's CPU time
     * grows by far less than the 10 ms that even a 1 % duty cycle would cost.
     */
    @Test
    void anIdlePoolCostsNoCpu() throws InterruptedException {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        try (WorkerPool pool = new WorkerPool(3)) {
            pool.parallelFor(64, i -> {});
            Thread.sleep(50);                       // past the spin
            Thread[] workers = pool.workerThreads();
            long[] before = new long[workers.length];
            for (int i = 0; i < workers.length; i++) {
                before[i] = bean.getThreadCpuTime(workers[i].threadId());
            }
            Thread.sleep(1000);
            for (int i = 0; i < workers.length; i++) {
                long spent = bean.getThreadCpuTime(workers[i].threadId()) - before[i];
                assertThat(spent).as("CPU ns of idle worker %s over 1 s", workers[i].getName()).isLessThan(3_000_000L);
            }
            AtomicIntegerArray runs = new AtomicIntegerArray(40);
            pool.parallelFor(40, runs::incrementAndGet);   // and a parked pool still wakes for work
            for (int i = 0; i < 40; i++) {
                assertThat(runs.get(i)).isEqualTo(1);
            }
        }
    }

    @Test
    void aFailingTaskIsRethrownAndThePoolStaysUsable() {
        try (WorkerPool pool = new WorkerPool(3)) {
            assertThatThrownBy(() -> pool.parallelFor(100, i -> {
                if (i == 42) {
                    throw new IllegalArgumentException("task 42 failed");
                }
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("task 42 failed");
            AtomicIntegerArray runs = new AtomicIntegerArray(50);
            pool.parallelFor(50, runs::incrementAndGet);
            for (int i = 0; i < 50; i++) {
                assertThat(runs.get(i)).isEqualTo(1);
            }
        }
    }

    @Test
    void nestedAndConcurrentLoopsComplete() throws Exception {
        try (WorkerPool pool = new WorkerPool(2)) {
            AtomicIntegerArray inner = new AtomicIntegerArray(8 * 8);
            pool.parallelFor(8, o -> pool.parallelFor(8, i -> inner.incrementAndGet(o * 8 + i)));
            for (int i = 0; i < 64; i++) {
                assertThat(inner.get(i)).isEqualTo(1);
            }
            ExecutorService callers = Executors.newFixedThreadPool(4);
            try {
                List<Future<long[]>> results = new ArrayList<>();
                for (int c = 0; c < 4; c++) {
                    results.add(callers.submit(() -> {
                        long[] sums = new long[200];
                        for (int round = 0; round < 200; round++) {
                            long[] parts = new long[64];
                            pool.parallelFor(64, i -> parts[i] = i);
                            sums[round] = java.util.Arrays.stream(parts).sum();
                        }
                        return sums;
                    }));
                }
                for (Future<long[]> f : results) {
                    for (long s : f.get()) {
                        assertThat(s).isEqualTo(63 * 64 / 2);
                    }
                }
            } finally {
                callers.shutdownNow();
            }
        }
    }

    @Test
    void aClosedPoolRefusesWork() {
        WorkerPool pool = new WorkerPool(2);
        pool.close();
        assertThatThrownBy(() -> pool.parallelFor(4, i -> { })).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
