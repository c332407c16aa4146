package io.github.asr4j.kernels.cpu;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * GELU alone, ns per value: main's double lanes (OldVectorGelu.apply) against the float lanes (VectorGelu.apply),
 * alternated in one JVM (old, new, old, new, ...), in place over an array of Gaussian values (N(0,1.5²), refreshed
 * every round). Args: values threads rounds. 256K values (1 MB) runs from L2; 32M (128 MB) from memory.
 */
public final class GeluSpeedProbe {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]), threads = Integer.parseInt(args[1]), rounds = Integer.parseInt(args[2]);
        int reps = Math.max(1, (1 << 25) / n);            // ~32M values a timing
        float[] src = new float[n];
        Random rnd = new Random(7);
        for (int i = 0; i < n; i++) src[i] = (float) (1.5 * rnd.nextGaussian());
        float[] x = src.clone();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        double[] tOld = new double[rounds], tNew = new double[rounds];
        for (int round = -3; round < rounds; round++) {   // 3 warm-up rounds
            for (int which = 0; which < 2; which++) {
                System.arraycopy(src, 0, x, 0, n);
                boolean old = which == 0;
                long el = 0;
                for (int rep = 0; rep < reps; rep++) {
                    if (rep > 0) System.arraycopy(src, 0, x, 0, n);   // fresh values: in place, repeated GELU drifts into subnormals
                    long t0 = System.nanoTime();
                    Future<?>[] fs = new Future<?>[threads];
                    for (int k = 0; k < threads; k++) {
                        int from = (int) ((long) n * k / threads), to = (int) ((long) n * (k + 1) / threads);
                        fs[k] = pool.submit(() -> {
                            if (old) OldVectorGelu.apply(x, from, to); else VectorGelu.apply(x, from, to);
                        });
                    }
                    for (Future<?> f : fs) f.get();
                    el += System.nanoTime() - t0;
                }
                double ns = (double) el / ((double) reps * n);
                if (round >= 0) (old ? tOld : tNew)[round] = ns;
            }
        }
        pool.shutdown();
        int lower = 0;
        double[] diff = new double[rounds];
        for (int i = 0; i < rounds; i++) { diff[i] = tNew[i] - tOld[i]; if (tNew[i] < tOld[i]) lower++; }
        double[] so = tOld.clone(), sn = tNew.clone();
        Arrays.sort(so); Arrays.sort(sn); Arrays.sort(diff);
        System.out.printf("n=%d threads=%d: old median %.3f ns/value [%.3f..%.3f], new median %.3f [%.3f..%.3f], ratio %.2fx, paired diff median %.3f, new lower in %d of %d%n",
                n, threads, so[rounds / 2], so[0], so[rounds - 1], sn[rounds / 2], sn[0], sn[rounds - 1],
                so[rounds / 2] / sn[rounds / 2], diff[rounds / 2], lower, rounds);
    }
}
