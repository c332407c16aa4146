package io.github.asr4j.kernels.cpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Random;

/** qpair: one thread, BF16Weights.Simd.dotRows over a 1024x1024 matrix (2 MB, L2-resident): compute rate and a hash of y. */
public class DotTime {
    public static void main(String[] a) {
        int rows = 1024, cols = 1024;
        MemorySegment seg = Arena.ofAuto().allocate(2L * rows * cols, 64);
        Random r = new Random(7);
        for (long i = 0; i < (long) rows * cols; i++) {
            seg.set(WeightMatrix.I16_LE, 2 * i, (short) (Float.floatToIntBits((float) r.nextGaussian() * 0.05f) >>> 16));
        }
        float[] x = new float[cols];
        for (int i = 0; i < cols; i++) x[i] = (float) r.nextGaussian();
        BF16Weights.Simd w = new BF16Weights.Simd("w", seg, rows, cols);
        float[] y = new float[rows];
        double[] gbs = new double[15];
        for (int rep = 0; rep < 5 + gbs.length; rep++) {
            long t = System.nanoTime();
            for (int it = 0; it < 200; it++) w.dotRows(x, 0, 0, rows, y, 0);
            double g = 200.0 * 2 * rows * cols / (System.nanoTime() - t);
            if (rep >= 5) gbs[rep - 5] = g;
        }
        Arrays.sort(gbs);
        System.out.printf("lanes %d  median %.1f GB/s  min %.1f max %.1f  y hash %08x%n",
                jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length(), gbs[gbs.length / 2], gbs[0], gbs[gbs.length - 1], Arrays.hashCode(y));
    }
}
