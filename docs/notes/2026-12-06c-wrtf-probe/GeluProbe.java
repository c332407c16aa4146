package io.github.asr4j.kernels.cpu;

import java.util.Random;

/** Scratch: VectorGelu.apply speed, one thread, on an L1-sized range (compute) and a 18 MB array (memory too). */
public final class GeluProbe {
    public static void main(String[] args) {
        Random r = new Random(5);
        float[] big = new float[1500 * 3072];
        float[] src = new float[big.length];
        for (int i = 0; i < src.length; i++) src[i] = (float) r.nextGaussian();
        float[] small = new float[4096];
        for (int round = 0; round < 8; round++) {
            System.arraycopy(src, 0, big, 0, big.length);
            long t = System.nanoTime();
            VectorGelu.apply(big, 0, big.length);
            long tb = System.nanoTime() - t;
            long ts = 0;
            for (int rep = 0; rep < big.length / small.length; rep++) {
                System.arraycopy(src, rep * small.length, small, 0, small.length);
                t = System.nanoTime();
                VectorGelu.apply(small, 0, small.length);
                ts += System.nanoTime() - t;
            }
            System.out.printf("round %d: big %.2f ms (%.3f ns/el)  small total %.2f ms (%.3f ns/el)%n", round, tb / 1e6, (double) tb / big.length, ts / 1e6, (double) ts / big.length);
        }
    }
}
