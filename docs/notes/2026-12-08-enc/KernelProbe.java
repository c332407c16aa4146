package io.github.asr4j.kernels.cpu;

import java.util.concurrent.*;

/** stripKernel alone: one strip (6 x 512, L1) against P micro-panels (P x 128 KiB, L2), like one encoder task. */
public class KernelProbe {
    public static void main(String[] a) throws Exception {
        int threads = Integer.parseInt(a[0]), rounds = Integer.parseInt(a[1]), P = Integer.parseInt(a[2]);
        int strips = Integer.parseInt(a[3]); int depth = a.length > 4 ? Integer.parseInt(a[4]) : VectorGemm.DEPTH;
        ExecutorService ex = Executors.newFixedThreadPool(threads);
        for (int r = 0; r < rounds; r++) {
            Future<?>[] f = new Future<?>[threads];
            long t0 = System.nanoTime();
            for (int t = 0; t < threads; t++) f[t] = ex.submit(() -> work(P, strips, depth));
            double sum = 0;
            for (Future<?> x : f) sum += (Double) x.get();
            long t1 = System.nanoTime();
            double flop = 2.0 * threads * strips * P * VectorGemm.MR * VectorGemm.NR * depth;
            System.out.printf("round %d threads %d P %d depth " + depth + ": %.1f GFLOP/s (%.1f a thread) chk %.3e%n", r, threads, P,
                    flop / (t1 - t0), flop / (t1 - t0) / threads, sum);
        }
        ex.shutdown();
    }

    static double work(int P, int strips, int depth) {
        int D = VectorGemm.DEPTH, NR = VectorGemm.NR;
        float[] panel = new float[VectorGemm.panelFloats(P)];
        float[] strip = new float[VectorGemm.MR * D];
        float[] y = new float[VectorGemm.MR * NR * P];
        java.util.Random rnd = new java.util.Random(1);
        for (int i = 0; i < panel.length; i++) panel[i] = rnd.nextFloat() - 0.5f;
        for (int i = 0; i < strip.length; i++) strip[i] = (rnd.nextFloat() - 0.5f) * 1e-3f;
        for (int g = 0; g < strips; g++) {
            for (int mp = 0; mp < P; mp++) {
                VectorGemm.stripKernel(strip, 0, panel, VectorGemm.PANEL_AT + mp * D * NR, depth, y, mp * NR, NR * P, y, mp * NR, NR * P);
            }
        }
        double s = 0;
        for (float v : y) s += v;
        return s;
    }
}
