package io.github.asr4j.kernels.cpu;

import io.github.asr4j.loader.DType;
import java.util.Arrays;
import java.util.Random;

/**
 * files3 probe: the octet-pair kernel called directly (one thread, no pool, no driver), over the pairs of a
 * {@code rows x cols} F16 matrix (re-encoded copies on, random normal weights), one octet's eight interleaved
 * inputs; ns and cycles-equivalent a call for several column counts, so that cost = fixed + per-iteration x cols/32
 * can be solved. Prints a hash of all sums (same bits between builds).
 * Run: java ... io.github.asr4j.kernels.cpu.OctetProbe rows calls cols...
 */
public final class OctetProbe {
    public static void main(String[] args) {
        System.setProperty(F16Normals.PROPERTY, "true");
        int rows = Integer.parseInt(args[0]);
        int calls = Integer.parseInt(args[1]);
        int lanes = VectorWiden.F.length();
        long hash = 17;
        try (CpuBackend b = TestData.Kind.VECTOR.create(1)) {
            for (int a = 2; a < args.length; a++) {
                int cols = Integer.parseInt(args[a]);
                Random rnd = new Random(cols);
                WeightMatrix m = (WeightMatrix) b.matrix(TestData.tensor("w", DType.F16, TestData.random(rnd, rows * cols, 0.05f), rows, cols));
                if (!m.octets(16)) throw new IllegalStateException("no octets at " + cols);
                float scale = m.pairInputScale(); // makes the copy
                float[] x = new float[16 + 8 * cols + 16];
                float[] xs = TestData.random(rnd, 8 * cols, 1f);
                int off = 16;
                for (int v = 0; v < cols / lanes; v++) {
                    for (int i = 0; i < 8; i++) {
                        for (int l = 0; l < lanes; l++) {
                            x[off + (8 * v + i) * lanes + l] = xs[i * cols + v * lanes + l] * scale;
                        }
                    }
                }
                float[] sums = new float[2 * 8 * (1 + lanes)];
                int half = rows / 2;
                double best = Double.MAX_VALUE;
                for (int round = 0; round < 7; round++) {
                    long t0 = System.nanoTime();
                    for (int c = 0; c < calls; c += half) {
                        for (int o = 0; o < half; o++) {
                            m.dotsOctetPair(x, 0, off, cols, o, o + half, sums);
                        }
                    }
                    double ns = (System.nanoTime() - t0) / (double) calls;
                    best = Math.min(best, ns);
                    hash = 31 * hash + Arrays.hashCode(Arrays.copyOf(sums, 16));
                }
                double flop = 2.0 * 16 * cols;
                System.out.printf("cols %5d rows %d: %.1f ns a call (best of 7), %.1f GFLOP/s, %.2f ns per 2-vector iteration overall%n",
                        cols, rows, best, flop / best, best / (cols / lanes));
            }
        }
        System.out.printf("hash %016x%n", hash);
    }
}
