package io.github.asr4j.kernels.cpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;

/** qenc3 map probe: stripKernel alone, pack alone, VectorGemm.run and VectorConv2d.run on the encoder's shapes. */
public final class GemmMap {
    static final int NR = VectorGemm.NR, MR = VectorGemm.MR, DEPTH = VectorGemm.DEPTH;

    public static void main(String[] a) throws Exception {
        String mode = a[0];
        int threads = Integer.parseInt(a[1]);
        int rounds = a.length > 2 ? Integer.parseInt(a[2]) : 5;
        switch (mode) {
            case "kernel" -> kernel(threads, rounds, a.length > 3 ? Integer.parseInt(a[3]) : 0, a.length > 4 ? Integer.parseInt(a[4]) : 70);
            case "gemm" -> gemm(threads, rounds, Arrays.copyOfRange(a, 3, a.length));
            case "pack" -> pack(rounds, Arrays.copyOfRange(a, 3, a.length));
            case "conv" -> conv(threads, rounds, Arrays.copyOfRange(a, 3, a.length));
            default -> throw new IllegalArgumentException(mode);
        }
    }

    static float[] rnd(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = r.nextFloat() - 0.5f;
        return x;
    }

    /** Each thread: `strips` strips of 6x512 (in L1/L2) against one 64x512 panel at offset `off` floats (12 = aligned in a humongous array). */
    static void kernel(int threads, int rounds, int off, int strips) throws Exception {
        int reps = 200;
        CyclicBarrier bar = new CyclicBarrier(threads);
        double[][] res = new double[threads][rounds];
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int tt = t;
            ts[t] = new Thread(() -> {
                try {
                    float[] panel = new float[AlignedRows.alignedLength(off + NR * DEPTH + 64)];
                    float[] p0 = rnd(NR * DEPTH, 1);
                    System.arraycopy(p0, 0, panel, off, p0.length);
                    float[] x = rnd(strips * MR * DEPTH, 2);
                    float[] y = new float[strips * MR * NR];
                    for (int r = -2; r < rounds; r++) {
                        bar.await();
                        long t0 = System.nanoTime();
                        for (int rep = 0; rep < reps; rep++) {
                            for (int s = 0; s < strips; s++) {
                                VectorGemm.stripKernel(x, s * MR * DEPTH, panel, off, DEPTH, y, s * MR * NR, NR, VectorGemm.ZEROS, 0, 0);
                            }
                        }
                        long dt = System.nanoTime() - t0;
                        if (r >= 0) res[tt][r] = 2.0 * reps * strips * MR * NR * DEPTH / dt;
                    }
                } catch (Exception e) { throw new RuntimeException(e); }
            });
            ts[t].start();
        }
        for (Thread t : ts) t.join();
        for (int r = 0; r < rounds; r++) {
            double sum = 0;
            StringBuilder sb = new StringBuilder();
            for (int t = 0; t < threads; t++) { sum += res[t][r]; sb.append(String.format(" %.1f", res[t][r])); }
            System.out.printf("kernel off=%d strips=%d threads=%d: %.1f GFLOP/s (per thread%s)%n", off, strips, threads, sum, sb);
        }
    }

    static WeightMatrix bf16(int out, int in, long seed) {
        Random r = new Random(seed);
        MemorySegment seg = Arena.ofAuto().allocate(2L * in * out, 64);
        for (long i = 0; i < (long) in * out; i++) {
            seg.set(ValueLayout.JAVA_SHORT_UNALIGNED, 2 * i, (short) (Float.floatToIntBits(r.nextFloat() - 0.5f) >>> 16));
        }
        return new BF16Weights.Simd("w", seg, out, in);
    }

    static void gemm(int threads, int rounds, String[] shapes) throws Exception {
        try (WorkerPool pool = new WorkerPool(threads)) {
            VectorGemm g = new VectorGemm();
            for (String s : shapes) {
                String[] p = s.split("x");
                int n = Integer.parseInt(p[0]), in = Integer.parseInt(p[1]), out = Integer.parseInt(p[2]);
                WeightMatrix w = bf16(out, in, 3);
                float[] x = rnd(n * in, 4), bias = rnd(out, 5), y = new float[n * out];
                int reps = (int) Math.max(5, 4e9 / (2.0 * n * in * out));
                for (int i = 0; i < reps; i++) g.run(pool, x, 0, in, n, w, bias, y);
                for (int r = 0; r < rounds; r++) {
                    long[] ts = new long[reps];
                    for (int i = 0; i < reps; i++) {
                        long t = System.nanoTime();
                        g.run(pool, x, 0, in, n, w, bias, y);
                        ts[i] = System.nanoTime() - t;
                    }
                    Arrays.sort(ts);
                    long med = ts[reps / 2];
                    System.out.printf("gemm %-14s T=%d median %8.3f ms %6.1f GFLOP/s (best %6.1f) hash %08x%n", s, threads, med / 1e6,
                            2.0 * n * in * out / med, 2.0 * n * in * out / ts[0], Arrays.hashCode(y));
                }
            }
        }
    }

    /** pack alone: widen + transpose of 64 rows x in, per weight ns (one thread). */
    static void pack(int rounds, String[] shapes) throws Exception {
        for (String s : shapes) {
            String[] p = s.split("x");
            int in = Integer.parseInt(p[0]), out = Integer.parseInt(p[1]);
            WeightMatrix w = bf16(out, in, 3);
            float[] panel = new float[VectorGemm.panelFloats(1)];
            float[] block = new float[NR * DEPTH];
            int micro = out / NR;
            for (int r = -3; r < rounds; r++) {
                long t0 = System.nanoTime();
                for (int m = 0; m < micro; m++)
                    for (int c0 = 0; c0 < in; c0 += DEPTH) {
                        int depth = Math.min(DEPTH, in - c0);
                        int o0 = m * NR;
                        long a = System.nanoTime();
                        for (int rr = 0; rr < NR; rr++) w.widen(o0 + rr, c0, depth, block, rr * depth);
                        widenNs += System.nanoTime() - a;
                        transpose(depth, panel, block);
                    }
                long dt = System.nanoTime() - t0;
                if (r >= 0) System.out.printf("pack %dx%d: %.3f ms, %.3f ns/weight (widen %.3f)%n", in, out, dt / 1e6, (double) dt / ((long) in * out),
                        (double) widenNs / ((long) in * out));
                widenNs = 0;
            }
        }
    }
    static long widenNs;

    static void transpose(int depth, float[] panel, float[] block) {
        int rows = NR;
        for (int r0 = 0; r0 < rows; r0 += NR) {
            int micro = Math.min(NR, rows - r0);
            for (int k0 = 0; k0 < depth; k0 += VectorGemm.PACK_K) {
                int chunk = Math.min(VectorGemm.PACK_K, depth - k0);
                for (int r = 0; r < micro; r++) {
                    int src = (r0 + r) * depth + k0;
                    int dst = VectorGemm.PANEL_AT + r0 * depth + k0 * NR + r;
                    for (int k = 0; k < chunk; k++) panel[dst + k * NR] = block[src + k];
                }
            }
        }
    }

    /** conv: "C,H,W,O" e.g. 480,64,50,480 (3x3 stride 2 pad 1). */
    static void conv(int threads, int rounds, String[] shapes) throws Exception {
        try (WorkerPool pool = new WorkerPool(threads)) {
            VectorConv2d c = new VectorConv2d();
            for (String s : shapes) {
                String[] p = s.split(",");
                int in = Integer.parseInt(p[0]), h = Integer.parseInt(p[1]), wd = Integer.parseInt(p[2]), out = Integer.parseInt(p[3]);
                int oh = (h - 1) / 2 + 1, ow = (wd - 1) / 2 + 1;
                int patch = in * 9;
                float[] w = rnd(out * patch, 6);
                float[] strips = VectorConv2d.packStrips(w, out, patch);
                float[] x = rnd(in * h * wd, 7), bias = rnd(out, 8), y = new float[out * oh * ow];
                double flop = 2.0 * out * patch * oh * ow;
                int reps = (int) Math.max(5, 3e9 / flop);
                for (int i = 0; i < reps; i++) c.run(pool, x, in, h, wd, strips, out, 3, bias, 2, 1, y, oh, ow);
                for (int r = 0; r < rounds; r++) {
                    long[] ts = new long[reps];
                    for (int i = 0; i < reps; i++) {
                        long t = System.nanoTime();
                        c.run(pool, x, in, h, wd, strips, out, 3, bias, 2, 1, y, oh, ow);
                        ts[i] = System.nanoTime() - t;
                    }
                    Arrays.sort(ts);
                    long med = ts[reps / 2];
                    System.out.printf("conv %-16s T=%d median %8.3f ms %6.1f GFLOP/s (best %6.1f) hash %08x%n", s, threads, med / 1e6,
                            flop / med, flop / ts[0], Arrays.hashCode(y));
                }
            }
        }
    }
}
