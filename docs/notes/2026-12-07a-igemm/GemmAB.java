package io.github.asr4j.kernels.cpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.*;

/** In-JVM A/B of VectorGemm.run against VGemm variants (F16 weights, 2 threads), bits checked. */
public final class GemmAB {
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String[] shapes = Arrays.copyOfRange(args, 1, args.length);
        try (WorkerPool pool = new WorkerPool(2)) {
            VectorGemm g = new VectorGemm();
            Map<String, VGemm> vs = new LinkedHashMap<>();
            if (mode.equals("timed")) {
                vs.put("timed", new VGemm(4, 512, 2, 1, true));
            } else {
                for (String v : mode.split(",")) { String[] p = v.split(":"); vs.put(v, new VGemm(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), Integer.parseInt(p[3]), false)); }
            }
            for (String s : shapes) {
                String[] p = s.split("x");
                int n = Integer.parseInt(p[0]), in = Integer.parseInt(p[1]), out = Integer.parseInt(p[2]);
                Random r = new Random(1);
                MemorySegment seg = Arena.ofAuto().allocate(2L * in * out, 64);
                for (long i = 0; i < (long) in * out; i++) {
                    seg.set(ValueLayout.JAVA_SHORT_UNALIGNED, 2 * i, Float.floatToFloat16(r.nextFloat() - 0.5f));
                }
                WeightMatrix w = new F16Weights.Simd("w", seg, out, in);
                float[] x = new float[n * in];
                for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() - 0.5f;
                float[] bias = new float[out];
                for (int i = 0; i < out; i++) bias[i] = r.nextFloat();
                float[] y0 = new float[n * out];
                int reps = (int) Math.max(5, 1e10 / (2.0 * n * in * out));
                double gf = 2.0 * n * in * out;
                // warm
                for (int i = 0; i < reps; i++) { g.run(pool, x, 0, in, n, w, bias, y0); for (VGemm v : vs.values()) v.run(pool, x, 0, in, n, w, bias, new float[n * out]); }
                long[] best = new long[vs.size() + 1]; Arrays.fill(best, Long.MAX_VALUE);
                long[][] all = new long[vs.size() + 1][reps * 2];
                float[] y1 = new float[n * out];
                if (mode.equals("timed")) { Arrays.fill(VGemm.busy, 0); Arrays.fill(VGemm.packT, 0); Arrays.fill(VGemm.copyT, 0); }
                long wallV = 0;
                for (int i = 0; i < reps * 2; i++) {
                    long t = System.nanoTime(); g.run(pool, x, 0, in, n, w, bias, y0); all[0][i] = System.nanoTime() - t;
                    int j = 1;
                    for (VGemm v : vs.values()) {
                        t = System.nanoTime(); v.run(pool, x, 0, in, n, w, bias, y1); all[j][i] = System.nanoTime() - t; wallV += all[j][i];
                        if (!Arrays.equals(y0, y1)) throw new AssertionError("bits differ " + s);
                        j++;
                    }
                }
                StringBuilder sb = new StringBuilder(String.format("%-16s main %7.3f ms %5.1f GF/s", s, med(all[0]) / 1e6, gf / med(all[0])));
                int j = 1;
                for (String k : vs.keySet()) { sb.append(String.format(" | %s %7.3f ms %5.1f GF/s (%+.1f%%)", k, med(all[j]) / 1e6, gf / med(all[j]), 100.0 * (med(all[j]) - med(all[0])) / med(all[0]))); j++; }
                System.out.println(sb);
                if (mode.equals("timed")) {
                    System.out.printf("   wall %.1f ms; per thread busy %.1f / %.1f ms, pack %.1f / %.1f, copy %.1f / %.1f%n", wallV / 1e6,
                        VGemm.busy[0] / 1e6, VGemm.busy[1] / 1e6, VGemm.packT[0] / 1e6, VGemm.packT[1] / 1e6, VGemm.copyT[0] / 1e6, VGemm.copyT[1] / 1e6);
                }
            }
        }
    }
    static double med(long[] a) { long[] b = a.clone(); Arrays.sort(b); return b[b.length / 2]; }
}
