package io.github.asr4j.kernels.cpu;

import io.github.asr4j.loader.DType;
import java.util.Random;

/** Few-row products through the backend, panels vs the row copy (asr4j.f16.panels=false), alternated; ms and B a call. */
public final class FiveRowProbe {
    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        try (CpuBackend b = TestData.Kind.VECTOR.create(threads)) {
            for (int[] shape : new int[][] {{3072, 768}, {768, 3072}}) {
                int out = shape[0], in = shape[1];
                Random rnd = new Random(1);
                float[] v = new float[out * in];
                for (int i = 0; i < v.length; i++) v[i] = (float) rnd.nextGaussian() * 0.05f;
                WeightMatrix[] m = new WeightMatrix[2];
                for (int a = 0; a < 2; a++) {
                    System.setProperty("asr4j.f16.panels", a == 0 ? "true" : "false");
                    m[a] = (WeightMatrix) b.matrix(TestData.tensor("w" + a, DType.F16, v, out, in));
                    b.linear(new float[in], 1, m[a], null, new float[out]);
                }
                System.out.printf("%dx%d panels? %s / %s%n", out, in, m[0].panels(5) != null, m[1].panels(5) != null);
                for (int n : new int[] {5, 1, 16}) {
                    float[] x = TestData.random(rnd, n * in, 1f);
                    float[] y = new float[n * out];
                    for (int a = 0; a < 2; a++) for (int i = 0; i < 300; i++) b.linear(x, n, m[a], null, y);
                    double[] ms = new double[2];
                    long[] bytes = new long[2];
                    for (int round = 0; round < 6; round++) {
                        for (int q = 0; q < 2; q++) {
                            int a = (round % 2 == 0) ? q : 1 - q;
                            long a0 = mx.getThreadAllocatedBytes(tid);
                            long t0 = System.nanoTime();
                            for (int i = 0; i < 100; i++) b.linear(x, n, m[a], null, y);
                            ms[a] += (System.nanoTime() - t0) / 1e6 / 600;
                            bytes[a] += mx.getThreadAllocatedBytes(tid) - a0;
                        }
                    }
                    System.out.printf("%dx%d %2d rows: panels %.3f ms (%d B) rowcopy %.3f ms (%d B) a call%n", out, in, n,
                            ms[0], bytes[0] / 600, ms[1], bytes[1] / 600);
                }
            }
        }
    }
}
