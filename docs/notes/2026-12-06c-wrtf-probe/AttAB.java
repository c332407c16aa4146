package io.github.asr4j.kernels.cpu;

import java.util.Random;

/** Scratch: Whisper encoder self-attention (1500 x 12 heads x 64), VectorAttention vs AttQB (QUERY_BLOCK from -Dqb). */
public final class AttAB {
    public static void main(String[] args) throws Exception {
        int n = 1500, heads = 12, hd = 64, w = heads * hd;
        Random r = new Random(3);
        float[] q = new float[n * w], k = new float[n * w], v = new float[n * w];
        for (float[] a : new float[][] {q, k, v}) for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() * 2 - 1;
        float[] o1 = new float[n * w], o2 = new float[n * w];
        try (WorkerPool pool = new WorkerPool(2)) {
            VectorAttention a = new VectorAttention();
            AttQB b = new AttQB();
            for (int round = 0; round < 8; round++) {
                long ta = 0, tb = 0;
                for (int l = 0; l < 12; l++) {
                    boolean aFirst = (round + l) % 2 == 0;
                    for (int s = 0; s < 2; s++) {
                        long t = System.nanoTime();
                        if (aFirst == (s == 0)) { a.run(pool, q, n, k, v, n, heads, heads, hd, false, 0, o1); ta += System.nanoTime() - t; }
                        else { b.run(pool, q, n, k, v, n, heads, heads, hd, false, 0, o2); tb += System.nanoTime() - t; }
                    }
                }
                System.out.printf("round %d: main %.1f ms qb=%d %.1f ms (%+.1f%%) %s%n", round, ta / 1e6, Integer.getInteger("qb", 8), tb / 1e6, 100.0 * (tb - ta) / ta, java.util.Arrays.equals(o1, o2));
            }
        }
    }
}
