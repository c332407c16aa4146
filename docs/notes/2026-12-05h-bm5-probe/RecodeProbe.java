package io.github.asr4j.kernels.cpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

public class RecodeProbe {
    public static void main(String[] a) {
        long halves = 3072L * 768;
        MemorySegment seg = Arena.ofAuto().allocate(2 * halves, 64);
        SplittableRandom r = new SplittableRandom(1);
        for (long i = 0; i < halves; i++) {
            seg.set(WeightMatrix.I16_LE, 2 * i, Float.floatToFloat16((float) ((r.nextDouble() * 2 - 1) * 0.036)));
        }
        for (int round = 0; round < 8; round++) {
            long t0 = System.nanoTime();
            MemorySegment out = F16Normals.recode(seg, halves);
            long t = System.nanoTime() - t0;
            System.out.printf("round %d: %.2f ms for %d halves, %.2f ns/half (%s)%n", round, t / 1e6, halves, (double) t / halves, out != null);
        }
    }
}
