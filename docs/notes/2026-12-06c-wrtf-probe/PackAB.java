package io.github.asr4j.kernels.cpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;

/** Scratch: an encoder pass's products (12 layers x q,k,v,out,fc1,fc2, own F16 weights), old pack vs new. */
public final class PackAB {
    static WeightMatrix f16(int out, int in, Random r) {
        MemorySegment seg = Arena.ofAuto().allocate(2L * in * out, 64);
        for (long i = 0; i < (long) in * out; i++) {
            seg.set(ValueLayout.JAVA_SHORT_UNALIGNED, 2 * i, Float.floatToFloat16((r.nextFloat() - 0.5f) * 0.1f));
        }
        return new F16Weights.Simd("w", seg, out, in);
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int layers = Integer.parseInt(args[1]);
        int n = 1500, d = 768, f = 3072;
        Random r = new Random(1);
        WeightMatrix[] ws = new WeightMatrix[layers * 6];
        for (int l = 0; l < layers; l++) {
            for (int j = 0; j < 4; j++) ws[l * 6 + j] = f16(d, d, r);
            ws[l * 6 + 4] = f16(f, d, r);
            ws[l * 6 + 5] = f16(d, f, r);
        }
        float[] xd = new float[n * d], xf = new float[n * f];
        for (int i = 0; i < xd.length; i++) xd[i] = r.nextFloat() - 0.5f;
        for (int i = 0; i < xf.length; i++) xf[i] = r.nextFloat() - 0.5f;
        float[] yd = new float[n * d], yf = new float[n * f], yd2 = new float[n * d], yf2 = new float[n * f];
        float[] bd = new float[d], bf = new float[f];
        try (WorkerPool pool = new WorkerPool(threads)) {
            VectorGemm g = new VectorGemm();
            OldGemm og = new OldGemm();
            for (int round = 0; round < Integer.parseInt(args[2]); round++) {
                long tOld = 0, tNew = 0;
                boolean same = true;
                for (int l = 0; l < layers; l++) {
                    for (int j = 0; j < 6; j++) {
                        WeightMatrix w = ws[l * 6 + j];
                        float[] x = j == 5 ? xf : xd;
                        float[] y1 = j == 4 ? yf : yd, y2 = j == 4 ? yf2 : yd2;
                        float[] b = j == 4 ? bf : bd;
                        boolean oldFirst = (round + l + j) % 2 == 0;
                        for (int s = 0; s < 2; s++) {
                            long t = System.nanoTime();
                            if (oldFirst == (s == 0)) { og.run(pool, x, 0, w.cols(), n, w, b, y2); tOld += System.nanoTime() - t; }
                            else { g.run(pool, x, 0, w.cols(), n, w, b, y1); tNew += System.nanoTime() - t; }
                        }
                        if (round == 0) same &= java.util.Arrays.equals(y1, y2);
                    }
                }
                System.out.printf("round %d: old %.1f ms new %.1f ms (%+.1f%%)%s%n", round, tOld / 1e6, tNew / 1e6,
                        100.0 * (tNew - tOld) / tOld, round == 0 ? (same ? " outputs identical" : " OUTPUTS DIFFER") : "");
            }
        }
    }
}
