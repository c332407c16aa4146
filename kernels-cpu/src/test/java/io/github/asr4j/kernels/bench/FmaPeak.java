package io.github.asr4j.kernels.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The FMA throughput one thread reaches with independent accumulators: the ceiling for the kernels.
 * Twelve chains cover the 4-cycle latency × 2 FMA pipes of Zen 4/5 (8 needed); timed in the thread's
 * CPU time, so other processes' load does not lower it. On the 2-core Zen 5 VM it reads ≈ 240 GFLOP/s
 * with 512-bit vectors, as a C intrinsics loop does; a JVM whose preferred species is 256 bits reads
 * half (≈ 120). {@code asr4j bench ceilings} sweeps the chain count and the threads.
 */
final class FmaPeak {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private FmaPeak() {}

    /** GFLOP per CPU-second of one thread (best of a few runs). */
    static double measure() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        float[] src = new float[2 * F.length()];
        java.util.Arrays.fill(src, 0.999f);
        double best = 0;
        float sink = 0;
        // Enough repetitions that the loop runs compiled by C2 (the first few run interpreted or
        // half-compiled and read far below the peak).
        for (int rep = 0; rep < 12; rep++) {
            int n = 10_000_000;
            long t0 = mx.getCurrentThreadCpuTime();
            sink += run(n, src);
            long dt = mx.getCurrentThreadCpuTime() - t0;
            best = Math.max(best, 2.0 * 12 * F.length() * n / dt);
        }
        return sink == 42 ? -1 : best;
    }

    private static float run(int n, float[] src) {
        FloatVector a = FloatVector.fromArray(F, src, 0);
        FloatVector b = FloatVector.fromArray(F, src, F.length());
        FloatVector c0 = a, c1 = b, c2 = a.add(1), c3 = b.add(1), c4 = a.add(2), c5 = b.add(2);
        FloatVector c6 = a.add(3), c7 = b.add(3), c8 = a.add(4), c9 = b.add(4), c10 = a.add(5), c11 = b.add(5);
        for (int i = 0; i < n; i++) {
            c0 = c0.fma(a, b);
            c1 = c1.fma(a, b);
            c2 = c2.fma(a, b);
            c3 = c3.fma(a, b);
            c4 = c4.fma(a, b);
            c5 = c5.fma(a, b);
            c6 = c6.fma(a, b);
            c7 = c7.fma(a, b);
            c8 = c8.fma(a, b);
            c9 = c9.fma(a, b);
            c10 = c10.fma(a, b);
            c11 = c11.fma(a, b);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(VectorOperators.ADD);
    }
}
