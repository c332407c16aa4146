package io.github.asr4j.kernels.cpu;

import java.util.Random;

/** Scratch: the pack alone over an encoder's F16 weights (as VectorGemm.run splits them), old vs new. */
public final class PackOnly {
    public static void main(String[] args) throws Exception {
        int layers = Integer.parseInt(args[0]);
        int d = 768, f = 3072;
        Random r = new Random(1);
        WeightMatrix[] ws = new WeightMatrix[layers * 6];
        for (int l = 0; l < layers; l++) {
            for (int j = 0; j < 4; j++) ws[l * 6 + j] = PackAB.f16(d, d, r);
            ws[l * 6 + 4] = PackAB.f16(f, d, r);
            ws[l * 6 + 5] = PackAB.f16(d, f, r);
        }
        float[] panel = new float[4 * 64 * 512], p2 = new float[4 * 64 * 512], p3 = new float[4 * 64 * 512], p4 = new float[4 * 64 * 512];
        float[] row = new float[512], rows = new float[16 * 528 + 64];
        java.lang.reflect.Method m = VectorGemm.class.getDeclaredMethod("pack", WeightMatrix.class, int.class, int.class, int.class, int.class, float[].class, float[].class);
        m.setAccessible(true);
        for (int round = 0; round < 10; round++) {
            long tOld = 0, tNew = 0, tC = 0, tG = 0; boolean same = true;
            for (WeightMatrix w : ws) {
                for (int o0 = 0; o0 < w.rows(); o0 += 256) {
                    for (int c0 = 0; c0 < w.cols(); c0 += 512) {
                        long t = System.nanoTime();
                        int dp = Math.min(512, w.cols() - c0); OldGemm.pack(w, o0, o0 + 256, c0, dp, panel, row);
                        tOld += System.nanoTime() - t;
                        t = System.nanoTime();
                        m.invoke(null, w, o0, o0 + 256, c0, dp, p2, rows);
                        tNew += System.nanoTime() - t;
                        t = System.nanoTime();
                        PackVariants.packChunked(w, o0, o0 + 256, c0, dp, p3, rows);
                        tC += System.nanoTime() - t;
                        t = System.nanoTime();
                        PackVariants.packGather(w, o0, o0 + 256, c0, dp, p4, rows);
                        tG += System.nanoTime() - t;
                        same &= java.util.Arrays.equals(panel, p2) && java.util.Arrays.equals(panel, p3) && java.util.Arrays.equals(panel, p4);
                    }
                }
            }
            System.out.printf("round %d: old %.1f ms new %.1f ms chunked %.1f gather %.1f %s%n", round, tOld / 1e6, tNew / 1e6, tC / 1e6, tG / 1e6, same);
        }
    }
}
