package io.github.asr4j.kernels.cpu;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One thread, the one-query value sums of one chunk (card shape: 12 heads of 64, rows of 768 halves)
 * from L1 (16 rows, 24 KB) and from L2 (128 rows, 192 KB), main's VectorOps.valueSumsF16ByHead against
 * the branch's valueSumsHalvesByHead (weights times 2^112), and the scores (tileScoresHalves over 8 tiles).
 * GB/s over the halves read. Args: reps.
 */
public final class ValueProbe {
    public static void main(String[] args) {
        int reps = Integer.parseInt(args[0]);
        int heads = 12, hd = 64, width = heads * hd;
        SplittableRandom r = new SplittableRandom(3);
        short[] v = new short[129 * width];
        for (int i = 0; i < v.length; i++) {
            v[i] = Float.floatToFloat16((float) r.nextGaussian());
        }
        float[] w = new float[heads * 128];
        float[] ws = new float[heads * 128];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextDouble();
            ws[i] = w[i] * 0x1p112f;
        }
        float[] out = new float[width];
        float[] q = new float[width];
        for (int i = 0; i < width; i++) {
            q[i] = (float) (r.nextGaussian() * 0x1p112);
        }
        float[] s = new float[heads * 128];
        for (int round = 0; round < 4; round++) {
            for (int rows : new int[] {16, 128}) {
                double bytes = (double) rows * width * 2;
                long t0 = System.nanoTime();
                for (int i = 0; i < reps; i++) {
                    VectorOps.valueSumsF16ByHead(w, 0, 128, rows, v, width, width, heads, 1, hd, out, 0, false);
                }
                long t1 = System.nanoTime();
                for (int i = 0; i < reps; i++) {
                    VectorOps.valueSumsHalvesByHead(w, 0, 128, rows, v, width, width, heads, 1, hd, out, 0, false);
                }
                long t2 = System.nanoTime();
                for (int i = 0; i < reps; i++) {
                    for (int t = 0; t < rows / 16; t++) {
                        for (int h = 0; h < heads; h++) {
                            VectorOps.tileScoresHalves(q, h * hd, v, (t * width + h * hd) * 16, hd, 0.125f, s, h * 128 + t * 16, false);
                        }
                    }
                }
                long t3 = System.nanoTime();
                System.out.printf(Locale.ROOT, "rows %3d: values main %.1f GB/s, values halves %.1f GB/s, scores %.1f GB/s (out %s)%n", rows,
                        bytes * reps / (t1 - t0), bytes * reps / (t2 - t1), bytes * reps / (t3 - t2), out[5] + s[7]);
            }
        }
    }
}
