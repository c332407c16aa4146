package io.github.asr4j.kernels.cpu;

import io.github.asr4j.loader.DType;
import java.util.Arrays;
import java.util.Random;

/**
 * rss5 probe: five input rows through F16 768 x 768 and 3072 x 768 matrices (re-encoded copies on), so that C2
 * compiles F16Weights.Simd.dots5QuadF16 as in a five-beam step; run it with
 * -XX:CompileCommand=MemStat,*::dots5QuadF16,print to see the compile's arena, and compare the printed hash of
 * every output's bits between trees (same bits) and the ms per call (warm).
 * Classpath: kernels-cpu/target/classes:kernels-cpu/target/test-classes:kernels/target/classes (+ assertj not needed).
 */
public final class QuadProbe {
    public static void main(String[] args) {
        System.setProperty(F16Normals.PROPERTY, "true");
        int iters = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        Random rnd = new Random(5);
        long hash = 17;
        try (CpuBackend b = TestData.Kind.VECTOR.create(1)) {
            for (int[] shape : new int[][] {{768, 768}, {3072, 768}}) {
                int out = shape[0], in = shape[1];
                float[] values = TestData.random(rnd, out * in, 0.1f);
                for (int i = 0; i < values.length; i += 7) {
                    values[i] *= 1e-4f;
                }
                WeightMatrix m = (WeightMatrix) b.matrix(TestData.tensor("w", DType.F16, values, out, in));
                if (!m.quads(5)) throw new IllegalStateException("not quads");
                float[] x = TestData.random(rnd, 5 * in, 1f);
                float[] y = new float[5 * out];
                long t0 = 0;
                for (int it = 0; it < iters; it++) {
                    if (it == iters / 2) t0 = System.nanoTime();
                    b.linear(x, 5, m, null, y);
                }
                double us = (System.nanoTime() - t0) / 1e3 / (iters - iters / 2);
                hash = 31 * hash + Arrays.hashCode(y);
                System.out.printf("[%d, %d] %.2f us a call%n", out, in, us);
            }
        }
        System.out.printf("hash %08x%n", hash);
    }
}
