package io.github.asr4j.kernels.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every float bit pattern through VectorGelu (this tree) and PrevVectorGelu (the kernel before gelu3's NaN change,
 * commit cf1fbf1/ffaa429's VectorGelu copied under that name into the scratch folder, not kept here): counts
 * non-NaN inputs whose outputs differ between the two (must be 0: the ulp figures of GeluUlpProbe carry over), NaN
 * inputs whose output is not the input's bits, and inputs where VectorGelu.gelu's raw bits differ from the lanes'.
 * Args: threads [firstChunk lastChunk) of 4096 chunks of 2^20 patterns. Not built by Maven.
 */
public final class GeluBitsProbe {
    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int first = Integer.parseInt(args[1]), last = Integer.parseInt(args[2]);
        AtomicInteger next = new AtomicInteger(first);
        AtomicLong changed = new AtomicLong(), nanBad = new AtomicLong(), scalarBad = new AtomicLong(),
            nans = new AtomicLong(), prevNanNotInput = new AtomicLong(), values = new AtomicLong();
        long t0 = System.nanoTime();
        Thread[] ts = new Thread[threads];
        for (int k = 0; k < threads; k++) {
            ts[k] = new Thread(() -> {
                int n = 1 << 20;
                float[] now = new float[n], prev = new float[n];
                for (int c; (c = next.getAndIncrement()) < last; ) {
                    int base = c << 20;
                    for (int i = 0; i < n; i++) now[i] = prev[i] = Float.intBitsToFloat(base + i);
                    VectorGelu.apply(now, 0, n);
                    PrevVectorGelu.apply(prev, 0, n);
                    long ch = 0, nb = 0, sb = 0, nn = 0, pn = 0;
                    for (int i = 0; i < n; i++) {
                        int in = base + i, a = Float.floatToRawIntBits(now[i]), b = Float.floatToRawIntBits(prev[i]);
                        if (Float.isNaN(Float.intBitsToFloat(in))) {
                            nn++;
                            if (a != in) nb++;
                            if (b != in) pn++;
                        } else if (a != b) {
                            ch++;
                        }
                        if (Float.floatToRawIntBits(VectorGelu.gelu(Float.intBitsToFloat(in))) != a) sb++;
                    }
                    changed.addAndGet(ch); nanBad.addAndGet(nb); scalarBad.addAndGet(sb); nans.addAndGet(nn);
                    prevNanNotInput.addAndGet(pn); values.addAndGet(n);
                }
            });
            ts[k].start();
        }
        for (Thread t : ts) t.join();
        System.out.printf("chunks [%d,%d) in %.1f s: %d values, %d NaN%n", first, last, (System.nanoTime() - t0) / 1e9,
            values.get(), nans.get());
        System.out.printf("non-NaN outputs changed against PrevVectorGelu: %d%n", changed.get());
        System.out.printf("NaN outputs not the input's bits: %d (PrevVectorGelu: %d)%n", nanBad.get(), prevNanNotInput.get());
        System.out.printf("scalar gelu != lanes (raw bits, NaN included): %d%n", scalarBad.get());
    }
}
