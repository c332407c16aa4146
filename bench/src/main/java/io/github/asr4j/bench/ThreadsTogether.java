package io.github.asr4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.function.IntToDoubleFunction;

/**
 * One timed pass of {@code work(t)} on platform threads {@code t = 0..n-1} released together, as the
 * ceilings measure it. Each thread times itself (wall clock and its own CPU time): the caller, one more
 * runnable thread on a machine with as many cores as workers, may run only after they have finished,
 * so its clock would time nothing (seen: 1,080 "GB/s" read on 2 cores).
 */
final class ThreadsTogether {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    /**
     * @param wallNanos from the first thread's start to the last one's end
     * @param cpuNanos each thread's CPU time
     * @param sum the sum of what the threads' work returned (keep it alive, or the work may be optimised away)
     */
    record Pass(long wallNanos, long[] cpuNanos, double sum) {}

    private ThreadsTogether() {}

    static Pass run(int threads, IntToDoubleFunction work) {
        CyclicBarrier start = new CyclicBarrier(threads);
        long[] began = new long[threads];
        long[] ended = new long[threads];
        long[] cpu = new long[threads];
        double[] results = new double[threads];
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            ts.add(Thread.ofPlatform().start(() -> {
                await(start);
                began[id] = System.nanoTime();
                long c0 = MX.getCurrentThreadCpuTime();
                results[id] = work.applyAsDouble(id);
                cpu[id] = MX.getCurrentThreadCpuTime() - c0;
                ended[id] = System.nanoTime();
            }));
        }
        for (Thread t : ts) {
            join(t);
        }
        long wall = Arrays.stream(ended).max().orElseThrow() - Arrays.stream(began).min().orElseThrow();
        return new Pass(wall, cpu, Arrays.stream(results).sum());
    }

    private static void await(CyclicBarrier b) {
        try {
            b.await();
        } catch (Exception e) {
            throw new IllegalStateException("measurement thread interrupted", e);
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring", e);
        }
    }
}
