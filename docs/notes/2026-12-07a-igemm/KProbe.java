package io.github.asr4j.kernels.cpu;

import java.util.Random;
import java.util.concurrent.CyclicBarrier;

/** Micro-kernel alone: VectorGemm.stripKernel over per-thread panels and a strip in L1. */
public final class KProbe {
    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int depth = Integer.parseInt(args[1]);
        int panels = Integer.parseInt(args[2]);
        int strips = 1; int off = Integer.parseInt(args[3]);
        int NR = VectorGemm.NR, MR = VectorGemm.MR, DEPTH = VectorGemm.DEPTH;
        long flopsPerCall = 2L * MR * NR * depth;
        int calls = (int) (2e10 / flopsPerCall);
        for (int round = 0; round < 5; round++) {
            double[] gf = new double[threads];
            CyclicBarrier bar = new CyclicBarrier(threads);
            Thread[] ts = new Thread[threads];
            long[] wall = new long[1];
            for (int t = 0; t < threads; t++) {
                int tt = t;
                ts[t] = new Thread(() -> {
                    Random r = new Random(tt);
                    float[] panel = new float[Math.max(panels * NR * depth + 16, 1 << 22)];
                    float[] strip = new float[strips * MR * DEPTH];
                    for (int i = 0; i < panel.length; i++) panel[i] = r.nextFloat() - 0.5f;
                    for (int i = 0; i < strip.length; i++) strip[i] = r.nextFloat() - 0.5f;
                    float[] y = new float[strips * MR * NR * panels];
                    float[] add = new float[NR];
                    try {
                        bar.await();
                        long t0 = System.nanoTime();
                        for (int c = 0; c < calls; c++) {
                            int mp = c % panels;
                            int s = (c / panels) % strips;
                            VectorGemm.stripKernel(strip, s * MR * DEPTH, panel, off + mp * depth * NR, depth, y, (s * panels + mp) * NR, panels * NR * strips, add, 0, 0);
                        }
                        long dt = System.nanoTime() - t0;
                        gf[tt] = (double) flopsPerCall * calls / dt;
                    } catch (Exception e) { throw new RuntimeException(e); }
                });
            }
            for (Thread t : ts) t.start();
            for (Thread t : ts) t.join();
            double sum = 0; for (double g : gf) sum += g;
            System.out.printf("threads %d depth %d panels %d off %d: %.1f GFLOP/s (%s)%n", threads, depth, panels, off, sum, java.util.Arrays.toString(gf));
        }
    }
}
