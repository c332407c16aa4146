package io.github.asr4j.kernels.cpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;

/** Scratch harness (not a test): times VectorGemm over BF16 weights at given shapes. */
public final class GemmProbe {
    public static void main(String[] args) throws Exception {
        int threads = 2;
        String[] shapes = args.length > 0 ? args : new String[] {"143x896x896", "143x896x3584", "143x3584x896", "416x896x896", "800x4320x480"};
        try (WorkerPool pool = new WorkerPool(threads)) {
            VectorGemm g = new VectorGemm();
            for (int round = 0; round < 3; round++) {
                for (String s : shapes) {
                    String[] p = s.split("x");
                    int n = Integer.parseInt(p[0]);
                    int in = Integer.parseInt(p[1]);
                    int out = Integer.parseInt(p[2]);
                    Random r = new Random(1);
                    MemorySegment seg = Arena.ofAuto().allocate(2L * in * out, 64);
                    for (long i = 0; i < (long) in * out; i++) {
                        seg.set(ValueLayout.JAVA_SHORT_UNALIGNED, 2 * i, (short) (Float.floatToIntBits(r.nextFloat() - 0.5f) >>> 16));
                    }
                    WeightMatrix w = new BF16Weights.Simd("w", seg, out, in);
                    float[] x = new float[n * in];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = r.nextFloat() - 0.5f;
                    }
                    float[] y = new float[n * out];
                    float[] bias = new float[out];
                    int reps = (int) Math.max(3, 2e10 / (2.0 * n * in * out));
                    for (int i = 0; i < reps; i++) {
                        g.run(pool, x, 0, in, n, w, bias, y);
                    }
                    long best = Long.MAX_VALUE;
                    for (int i = 0; i < reps; i++) {
                        long t = System.nanoTime();
                        g.run(pool, x, 0, in, n, w, bias, y);
                        best = Math.min(best, System.nanoTime() - t);
                    }
                    System.out.printf("%-14s %8.3f ms %6.1f GFLOP/s  (y0=%.4f)%n", s, best / 1e6, 2.0 * n * in * out / best, y[0]);
                }
            }
        }
    }
}
