package io.github.asr4j.kernels.cpu;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * xq5 probe: one five-query chunk of cross attention (card shape: 128 keys x 768, 12 heads of 64), one thread, the
 * chunk's halves in L2, the softmax left out: (kw) each (tile, head) key slice widened + tileScores5 (main's body),
 * (kh) tileScoresHalves5 straight from the halves (the queries x 2^112); (vw) value rows widened 64 at a time +
 * weightedRows5 (main), (vh) the weights x 2^112 + weightedRowsHalves5 over runs of 64 rows, (vh128) the same over
 * the chunk's 128 rows in one run; (old) kw + vw, (new) kh + vh. Microseconds a chunk, median of rounds; then the
 * scores and sums of both ways compared bit for bit.
 * Runs in the package (classpath, split package) to reach VectorOps; not part of the build.
 * Args: rounds reps
 */
public class ChunkHalvesProbe {
    static final int KEYS = 128, WIDTH = 768, HD = 64, HEADS = 12, TILE = 16, RUN = 64;

    static void widen(short[] src, int off, float[] dst, int dOff, int len) {
        for (int i = 0; i < len; i++) {
            dst[dOff + i] = Float.float16ToFloat(src[off + i]);
        }
    }

    static void keysWidened(float[] q, short[] k, float[] tile, float[] s) {
        for (int j = 0; j < KEYS; j += TILE)
            for (int g = 0; g < HEADS; g++) {
                widen(k, (j / TILE * WIDTH + g * HD) * TILE, tile, 0, TILE * HD);
                VectorOps.tileScores5(q, g * HD, WIDTH, tile, HD, 0.125f, s, g * KEYS + j, HEADS * KEYS);
            }
    }

    static void keysHalves(float[] qs, short[] k, float[] s) {
        for (int j = 0; j < KEYS; j += TILE)
            for (int g = 0; g < HEADS; g++)
                VectorOps.tileScoresHalves5(qs, g * HD, WIDTH, k, (j / TILE * WIDTH + g * HD) * TILE, HD, 0.125f, s,
                        g * KEYS + j, HEADS * KEYS, false);
    }

    static void valuesWidened(float[] w, short[] v, float[] rows, float[] sums) {
        Arrays.fill(sums, 0f);
        for (int j = 0; j < KEYS; j += RUN) {
            widen(v, j * WIDTH, rows, 0, RUN * WIDTH);
            for (int h = 0; h < HEADS; h++)
                VectorOps.weightedRows5(w, h * KEYS + j, HEADS * KEYS, RUN, rows, h * HD, WIDTH, sums, h * HD, WIDTH, HD);
        }
    }

    static void valuesHalves(float[] w, float[] ws, short[] v, float[] sums, int run) {
        Arrays.fill(sums, 0f);
        System.arraycopy(w, 0, ws, 0, w.length);
        for (int i = 0; i < 5 * HEADS; i++) VectorOps.scale(ws, i * KEYS, KEYS, 0x1p112f);
        for (int j = 0; j < KEYS; j += run) {
            for (int h = 0; h < HEADS; h++)
                VectorOps.weightedRowsHalves5(ws, h * KEYS + j, HEADS * KEYS, run, v, j * WIDTH + h * HD, WIDTH, sums, h * HD,
                        WIDTH, HD, false);
        }
    }

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        int reps = Integer.parseInt(args[1]);
        Random r = new Random(3);
        short[] k = new short[KEYS * WIDTH], v = new short[KEYS * WIDTH];
        for (int i = 0; i < k.length; i++) {
            k[i] = Float.floatToFloat16((float) r.nextGaussian() * 0.5f);
            v[i] = Float.floatToFloat16((float) r.nextGaussian() * 0.5f);
        }
        float[] q = new float[5 * WIDTH];
        for (int i = 0; i < q.length; i++) q[i] = (float) r.nextGaussian();
        float[] qs = new float[q.length];
        for (int i = 0; i < q.length; i++) qs[i] = q[i] * 0x1p112f;
        float[] w = new float[5 * HEADS * KEYS];
        for (int i = 0; i < w.length; i++) w[i] = (float) Math.exp(-8 * r.nextFloat());
        float[] ws = new float[w.length];
        float[] tile = new float[TILE * HD], rows = new float[RUN * WIDTH];
        float[] s1 = new float[w.length], s2 = new float[w.length];
        float[] sums1 = new float[5 * WIDTH], sums2 = new float[5 * WIDTH];
        String[] parts = {"kw", "kh", "vw", "vh", "vh128", "old", "new"};
        double[][] us = new double[parts.length][rounds];
        for (int rd = -5; rd < rounds; rd++) {
            for (int p = 0; p < parts.length; p++) {
                long t0 = System.nanoTime();
                for (int rep = 0; rep < reps; rep++) {
                    switch (parts[p]) {
                        case "kw" -> keysWidened(q, k, tile, s1);
                        case "kh" -> keysHalves(qs, k, s2);
                        case "vw" -> valuesWidened(w, v, rows, sums1);
                        case "vh" -> valuesHalves(w, ws, v, sums2, RUN);
                        case "vh128" -> valuesHalves(w, ws, v, sums2, KEYS);
                        case "old" -> { keysWidened(q, k, tile, s1); valuesWidened(w, v, rows, sums1); }
                        default -> { keysHalves(qs, k, s2); valuesHalves(w, ws, v, sums2, RUN); }
                    }
                }
                if (rd >= 0) us[p][rd] = (System.nanoTime() - t0) / 1e3 / reps;
            }
        }
        keysWidened(q, k, tile, s1);
        keysHalves(qs, k, s2);
        int ds = 0;
        for (int i = 0; i < s1.length; i++) if (Float.floatToRawIntBits(s1[i]) != Float.floatToRawIntBits(s2[i])) ds++;
        valuesWidened(w, v, rows, sums1);
        valuesHalves(w, ws, v, sums2, RUN);
        int dv = 0;
        for (int i = 0; i < sums1.length; i++) if (Float.floatToRawIntBits(sums1[i]) != Float.floatToRawIntBits(sums2[i])) dv++;
        valuesHalves(w, ws, v, sums2, KEYS);
        int dv128 = 0;
        for (int i = 0; i < sums1.length; i++) if (Float.floatToRawIntBits(sums1[i]) != Float.floatToRawIntBits(sums2[i])) dv128++;
        System.out.printf(Locale.ROOT, "bits: scores %d of %d differ, sums %d of %d (runs of 64), %d (one run of 128)%n", ds, s1.length,
                dv, sums1.length, dv128);
        StringBuilder b = new StringBuilder();
        for (int p = 0; p < parts.length; p++) {
            Arrays.sort(us[p]);
            b.append(String.format(Locale.ROOT, "%s %.2f  ", parts[p], us[p][rounds / 2]));
        }
        System.out.println("us a chunk (1 thread, L2): " + b);
    }
}
