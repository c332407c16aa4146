package io.github.asr4j.kernels.cpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * gemm4 map probe: VectorGemm.run timed plain, then a copy of its task loop with nanoTime around pack, strip
 * copy, full kernels and edge tiles, per thread, and the wall time (idle = threads x wall - busy).
 * Shapes "n x in x out[:f16]".
 */
public final class GemmMap4 {
    static final int NR = VectorGemm.NR, MR = VectorGemm.MR, DEPTH = VectorGemm.DEPTH;

    public static void main(String[] a) throws Exception {
        int threads = Integer.parseInt(a[1]);
        int rounds = Integer.parseInt(a[2]);
        String[] shapes = Arrays.copyOfRange(a, 3, a.length);
        switch (a[0]) {
            case "map" -> map(threads, rounds, shapes, true);
            case "run" -> map(threads, rounds, shapes, false);
            default -> throw new IllegalArgumentException(a[0]);
        }
    }

    static float[] rnd(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = r.nextFloat() - 0.5f;
        return x;
    }

    static WeightMatrix weights(int out, int in, long seed, boolean f16) {
        Random r = new Random(seed);
        MemorySegment seg = Arena.ofAuto().allocate(2L * in * out, 64);
        for (long i = 0; i < (long) in * out; i++) {
            float v = (r.nextFloat() - 0.5f) * 0.2f;
            short s = f16 ? Float.floatToFloat16(v) : (short) (Float.floatToIntBits(v) >>> 16);
            seg.set(ValueLayout.JAVA_SHORT_UNALIGNED, 2 * i, s);
        }
        return f16 ? new F16Weights.Simd("w", seg, out, in) : new BF16Weights.Simd("w", seg, out, in);
    }

    static void map(int threads, int rounds, String[] shapes, boolean instrumented) throws Exception {
        try (WorkerPool pool = new WorkerPool(threads)) {
            VectorGemm g = new VectorGemm();
            Probe p = new Probe();
            for (String s : shapes) {
                boolean f16 = s.endsWith(":f16");
                String[] q = s.replace(":f16", "").split("x");
                int n = Integer.parseInt(q[0]), in = Integer.parseInt(q[1]), out = Integer.parseInt(q[2]);
                WeightMatrix w = weights(out, in, 3, f16);
                float[] x = rnd(n * in, 4), y = new float[n * out], y2 = new float[n * out];
                double flop = 2.0 * n * in * out;
                int reps = (int) Math.max(5, 3e9 / flop);
                for (int i = 0; i < reps; i++) { g.run(pool, x, 0, in, n, w, null, y); if (instrumented) p.run(pool, x, 0, in, n, w, null, y2); }
                for (int r = 0; r < rounds; r++) {
                    long[] ts = new long[reps];
                    for (int i = 0; i < reps; i++) {
                        long t = System.nanoTime();
                        g.run(pool, x, 0, in, n, w, null, y);
                        ts[i] = System.nanoTime() - t;
                    }
                    Arrays.sort(ts);
                    long med = ts[reps / 2];
                    System.out.printf("run %-16s T=%d median %8.3f ms %6.1f GFLOP/s (best %6.1f) hash %08x%n", s, threads, med / 1e6,
                            flop / med, flop / ts[0], Arrays.hashCode(y));
                    if (!instrumented) continue;
                    p.reset();
                    long[] tw = new long[reps];
                    for (int i = 0; i < reps; i++) {
                        long t = System.nanoTime();
                        p.run(pool, x, 0, in, n, w, null, y2);
                        tw[i] = System.nanoTime() - t;
                    }
                    long wall = Arrays.stream(tw).sum();
                    Arrays.sort(tw);
                    long[] tot = new long[5];
                    for (long[] acc : p.acc) for (int k = 0; k < 5; k++) tot[k] += acc[k];
                    double per = 1e6 * reps; // ns -> ms per call
                    double busy = tot[4] / per, w1 = wall / per;
                    System.out.printf("  map %-14s T=%d wall %.3f ms (median %.3f), thread-ms per call: pack %.3f copy %.3f kernel %.3f edge %.3f busy %.3f idle %.3f; pack %.2f ns/weight; kernel %.1f GFLOP/s/thread; equal %b%n",
                            s, threads, w1, tw[reps / 2] / 1e6, tot[0] / per, tot[1] / per, tot[2] / per, tot[3] / per, busy,
                            threads * w1 - busy, tot[0] / (double) reps / ((double) in * out), p.fullFlop / reps / (tot[2] / (double) reps),
                            Arrays.equals(y, y2));
                    p.fullFlop = 0;
                }
            }
        }
    }

    /** VectorGemm.run's task loop with timers. */
    static final class Probe {
        final long[][] acc = new long[8][5];
        final AtomicInteger ids = new AtomicInteger();
        final ThreadLocal<Integer> id = ThreadLocal.withInitial(ids::getAndIncrement);
        final ThreadLocal<float[]> panels = new ThreadLocal<>(), blocks = new ThreadLocal<>(), tiles = new ThreadLocal<>(), strips = new ThreadLocal<>();
        volatile double fullFlop;
        final java.util.concurrent.atomic.DoubleAdder ff = new java.util.concurrent.atomic.DoubleAdder();

        void reset() { for (long[] a : acc) Arrays.fill(a, 0); ff.reset(); }

        void run(WorkerPool pool, float[] x, int xOffset, int xRowStride, int n, WeightMatrix w, float[] bias, float[] y) {
            int out = w.rows();
            int in = w.cols();
            int micro = CpuBackend.blocks(out, NR);
            int minTasks = VectorGemm.TASKS_PER_THREAD * pool.threads();
            int perTask = n >= VectorGemm.MANY_ROWS ? VectorGemm.PANELS : 1;
            int colTasks = Math.min(micro, Math.max(minTasks, CpuBackend.blocks(micro, perTask)));
            int maxPanels = CpuBackend.blocks(micro, colTasks);
            int minRowBlocks = CpuBackend.blocks(minTasks, colTasks);
            int rowBlock = Math.min(VectorGemm.ROW_BLOCK, CpuBackend.blocks(CpuBackend.blocks(n, minRowBlocks), MR) * MR);
            int rowBlocks = CpuBackend.blocks(n, rowBlock);
            float[][] addends = {bias == null ? VectorGemm.ZEROS : bias, y};
            int addPerOutput = bias == null ? 0 : 1;
            pool.parallelFor(colTasks * rowBlocks, task -> {
                long t0 = System.nanoTime();
                long[] a = acc[id.get()];
                int ct = task % colTasks;
                int o0 = ct * micro / colTasks * NR;
                int o1 = Math.min(out, (ct + 1) * micro / colTasks * NR);
                int i0 = (task / colTasks) * rowBlock;
                int i1 = Math.min(n, i0 + rowBlock);
                float[] panel = CpuBackend.scratch(panels, VectorGemm.panelFloats(maxPanels));
                float[] block = CpuBackend.scratch(blocks, VectorGemm.panelFloats(maxPanels));
                float[] tile = CpuBackend.scratch(tiles, MR * NR);
                float[] strip = CpuBackend.scratch(strips, MR * DEPTH);
                int taskMicro = CpuBackend.blocks(o1 - o0, NR);
                double flop = 0;
                for (int c0 = 0; c0 < in; c0 += DEPTH) {
                    int depth = Math.min(DEPTH, in - c0);
                    long u = System.nanoTime();
                    VectorGemm.pack(w, o0, o1, c0, depth, panel, block);
                    long v = System.nanoTime();
                    a[0] += v - u;
                    int later = Math.min(c0, 1);
                    float[] add = addends[later];
                    for (int i = i0; i < i1; i += MR) {
                        int valid = Math.min(MR, i1 - i);
                        u = System.nanoTime();
                        VectorGemm.copyStrip(x, xOffset + c0 + i * xRowStride, xRowStride, valid, depth, strip, 0);
                        v = System.nanoTime();
                        a[1] += v - u;
                        for (int mp = 0; mp < taskMicro; mp++) {
                            int o = o0 + mp * NR;
                            int cols = Math.min(NR, o1 - o);
                            int biasOffset = (1 - later) * o * addPerOutput;
                            int pp = VectorGemm.PANEL_AT + mp * depth * NR;
                            u = System.nanoTime();
                            if (valid == MR && cols == NR) {
                                int yo = i * out + o;
                                VectorGemm.stripKernel(strip, 0, panel, pp, depth, y, yo, out, add, biasOffset + later * yo, later * out);
                                v = System.nanoTime();
                                a[2] += v - u;
                                flop += 2.0 * MR * NR * depth;
                            } else {
                                VectorGemm.stripKernel(strip, 0, panel, pp, depth, tile, 0, NR, VectorGemm.ZEROS, 0, 0);
                                for (int r = 0; r < valid; r++) {
                                    int yo = (i + r) * out + o;
                                    int aa = biasOffset + later * yo;
                                    for (int c = 0; c < cols; c++) {
                                        y[yo + c] = tile[r * NR + c] + add[aa + c];
                                    }
                                }
                                v = System.nanoTime();
                                a[3] += v - u;
                            }
                        }
                    }
                }
                ff.add(flop);
                a[4] += System.nanoTime() - t0;
            });
            fullFlop += ff.sumThenReset();
        }
    }
}
