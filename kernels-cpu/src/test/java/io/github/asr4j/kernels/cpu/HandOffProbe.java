package io.github.asr4j.kernels.cpu;

import java.util.Arrays;

/**
 * Scratch harness (not a test): what one {@link WorkerPool#parallelFor} hand-off costs back to back,
 * as a decoder step issues them: an empty loop of 8 tasks (2 threads × 4, the matrix-vector split),
 * and the same loop whose tasks each spin for a fixed time (so the wait for the slower thread shows).
 * Prints the median and 10th percentile per loop over rounds of 2,000 loops.
 *
 * <pre>java -cp kernels-cpu/target/test-classes:kernels-cpu/target/classes io.github.asr4j.kernels.cpu.HandOffProbe [threads=2] [rounds=5]</pre>
 */
public final class HandOffProbe {
    private static volatile long sink;

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int loops = 2_000;
        try (WorkerPool pool = new WorkerPool(threads)) {
            for (int round = 0; round < rounds; round++) {
                for (long workNanos : new long[] {0, 5_000, 20_000}) {
                    long[] t = new long[loops];
                    for (int i = 0; i < loops; i++) {
                        long a = System.nanoTime();
                        pool.parallelFor(8, task -> spin(workNanos));
                        t[i] = System.nanoTime() - a;
                    }
                    Arrays.sort(t);
                    // the ideal: 8 tasks of workNanos shared evenly by the threads
                    double ideal = 8.0 * workNanos / threads / 1e3;
                    System.out.printf("round %d, %d threads, 8 tasks of %5.1f us: median %7.2f us, p10 %7.2f us (ideal %6.2f us)%n",
                            round, threads, workNanos / 1e3, t[loops / 2] / 1e3, t[loops / 10] / 1e3, ideal);
                }
                long[] inline = new long[loops];
                for (int i = 0; i < loops; i++) {
                    long a = System.nanoTime();
                    for (int task = 0; task < 8; task++) {
                        spin(0);
                    }
                    inline[i] = System.nanoTime() - a;
                }
                Arrays.sort(inline);
                System.out.printf("round %d, the same 8 empty tasks inline: median %7.2f us%n", round, inline[loops / 2] / 1e3);
            }
        }
    }

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        long n = 0;
        while (System.nanoTime() < end) {
            n++;
        }
        sink += n;
    }
}
