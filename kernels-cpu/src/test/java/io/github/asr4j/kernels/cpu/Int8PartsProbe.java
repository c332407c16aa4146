package io.github.asr4j.kernels.cpu;

import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.WeightFormat;
import io.github.asr4j.loader.DType;
import java.util.Arrays;
import java.util.Random;

/**
 * Scratch harness (not a test): the int8 5-row product over long rows (fc2's shape, 768 x 3072) by whole rows
 * ({@code dots}, one weight row at a time) against a part at a time ({@code dotsRun}), alternated in one JVM,
 * split as the vector backend splits it (2 threads x 4 tasks, L2 blocks of 36 rows), the matrices cycled past
 * the L3 (from memory). Checks the two give the same bits; prints the median and p10 per product.
 *
 * <pre>java --add-modules=jdk.incubator.vector \
 *     -cp kernels-cpu/target/test-classes:kernels-cpu/target/classes:kernels/target/classes:loader/target/classes \
 *     io.github.asr4j.kernels.cpu.Int8PartsProbe [threads=2] [rounds=5] [matrices=24]</pre>
 */
public final class Int8PartsProbe {
    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 24;
        int out = 768;
        int in = 3072;
        int n = 5;
        Random rnd = new Random(7);
        WeightMatrix[] ms = new WeightMatrix[count];
        try (CpuBackend b = (CpuBackend) Backends.vector(threads, WeightFormat.INT8);
             WorkerPool pool = new WorkerPool(threads)) {
            for (int i = 0; i < count; i++) {
                ms[i] = (WeightMatrix) b.matrix(TestData.tensor("w", DType.F32, TestData.random(rnd, out * in, 0.05f), out, in));
            }
            if (!ms[0].runs(n)) {
                throw new IllegalStateException("no runs for " + n + " rows here");
            }
            float[] x = TestData.random(rnd, n * in, 1f);
            float[] yOld = new float[n * out];
            float[] yNew = new float[n * out];
            int tasks = threads * 4;
            int perTask = (out + tasks - 1) / tasks;
            int block = (int) Math.max(1, 128 * 1024 / (ms[0].bytes() / out)) & ~1;
            int reps = 240;
            for (int round = 0; round < rounds; round++) {
                for (int arm = 0; arm < 2; arm++) {
                    boolean parts = arm == 1;
                    float[] y = parts ? yNew : yOld;
                    long[] t = new long[reps];
                    for (int r = 0; r < reps; r++) {
                        WeightMatrix m = ms[r % count];
                        long a = System.nanoTime();
                        pool.parallelFor(tasks, task -> rows(m, x, in, n, task * perTask, Math.min(out, (task + 1) * perTask),
                                block, parts, y));
                        t[r] = System.nanoTime() - a;
                    }
                    Arrays.sort(t);
                    System.out.printf("round %d %-11s median %7.1f us, p10 %7.1f us%n", round,
                            parts ? "parts" : "whole rows", t[reps / 2] / 1e3, t[reps / 10] / 1e3);
                }
                int differ = TestData.bitsDiffer(yOld, yNew);
                System.out.printf("round %d: %d of %d outputs differ in bits%n", round, differ, yOld.length);
                if (differ != 0) {
                    throw new AssertionError("bits differ");
                }
            }
        }
    }

    private static final ThreadLocal<float[]> SUMS = ThreadLocal.withInitial(() -> new float[8 * 1024]);

    private static void rows(WeightMatrix m, float[] x, int in, int n, int start, int end, int block, boolean parts,
                             float[] y) {
        int out = m.rows();
        float[] sums = SUMS.get();
        for (int o0 = start; o0 < end; o0 += block) {
            int o1 = Math.min(end, o0 + block);
            if (parts) {
                m.dotsRun(x, 0, in, n, o0, o1 - o0, sums);
                for (int j = 0; j < o1 - o0; j++) {
                    for (int i = 0; i < n; i++) {
                        y[i * out + o0 + j] = sums[j * n + i];
                    }
                }
            } else {
                for (int o = o0; o < o1; o++) {
                    m.dots(x, 0, in, n, o, sums);
                    for (int i = 0; i < n; i++) {
                        y[i * out + o] = sums[i];
                    }
                }
            }
        }
    }
}
