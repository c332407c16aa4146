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
