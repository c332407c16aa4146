package io.github.asr4j.kernels.cpu;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * tiles probe: main's five tile-score kernels ({@link OldTiles}, two induction variables) against the branch's
 * {@link VectorOps} ones (one), in one JVM. First the bits: every kernel, head sizes 1..9, 13, 16, 63..65, 128,
 * odd offsets, random inputs with and without specials (F32: +-inf, NaN, subnormals, 1e30; halves: inf/NaN halves
 * with the specials blend, subnormal halves); raw bits compared. Then the time, 1 thread, data in L1/L2: one card
 * cross-attention chunk (128 keys = 8 tiles x 12 heads of 64) per kernel (Halves: from halves; 1/4/5: a widened 4 KB
 * tile), and for 2At one Qwen3-ASR 0.6B self-attention chunk (8 tiles x 8 kv heads of 128, GQA pairs, F32 tiles in
 * place); old and new alternated each round (order flipped), microseconds a chunk, median over rounds.
 * Runs in the package (classpath, split package) to reach VectorOps; not part of the build. Args: rounds reps
 */
public class TileLoopProbe {
    static final int TILE = CpuBuffer.TILE;
    static final String[] NAMES = {"tileScores", "tileScoresHalves", "tileScores4", "tileScores5", "tileScores2At", "5 as 3+2", "5 as 4+1"};

    interface Kernel { void run(boolean old); }

    static float[] floats(Random r, int n, boolean specials) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian() * 0.5f;
            if (specials) {
                switch (r.nextInt(40)) {
                    case 0 -> x[i] = Float.POSITIVE_INFINITY;
                    case 1 -> x[i] = Float.NEGATIVE_INFINITY;
                    case 2 -> x[i] = Float.NaN;
                    case 3 -> x[i] = Float.MIN_VALUE * r.nextInt(1000);
                    case 4 -> x[i] = 1e30f;
                    default -> { }
                }
            }
        }
        return x;
    }

    static short[] halves(Random r, int n, boolean specials) {
        short[] h = new short[n];
        for (int i = 0; i < n; i++) {
            h[i] = Float.floatToFloat16((float) r.nextGaussian() * 0.5f);
            if (specials) {
                switch (r.nextInt(40)) {
                    case 0 -> h[i] = (short) 0x7C00;
                    case 1 -> h[i] = (short) 0xFC00;
                    case 2 -> h[i] = (short) 0x7E01;
                    case 3 -> h[i] = (short) r.nextInt(0x400);   // subnormal
                    default -> { }
                }
            }
        }
        return h;
    }

    /** Outputs whose raw bits differ, and of those the ones that are NaN in both (a payload or sign only). */
    static int[] bitsDiffer(float[] a, float[] b) {
        int n = 0, nan = 0;
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                n++;
                if (Float.isNaN(a[i]) && Float.isNaN(b[i])) nan++;
            }
        }
        return new int[] {n, nan};
    }

    /** Every kernel, old against new, over lengths, offsets and specials: the number of outputs that differ. */
    static long[] bits(Random r) {
        long[] differ = new long[NAMES.length], nans = new long[NAMES.length], total = new long[NAMES.length];
        int[] lens = {1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 16, 63, 64, 65, 128};
        for (int len : lens)
        for (boolean sp : new boolean[] {false, true})
        for (int rep = 0; rep < 4; rep++) {
            int qOff = r.nextInt(5), qStride = len + r.nextInt(4), kOff = r.nextInt(7), outOff = r.nextInt(3);
            int outStride = TILE + r.nextInt(5);
            float[] q = floats(r, qOff + 5 * qStride + len, sp);
            float[] tile = floats(r, TILE * len, sp);
            float[] k = floats(r, kOff + TILE * len + 3, sp);
            short[] h = halves(r, kOff + TILE * len + 3, sp);
            float[] qs = floats(r, qOff + len, false);   // the halves kernel's query carries 2^112: below 2^15 only
            for (int i = 0; i < qs.length; i++) qs[i] *= 0x1p112f;
            int n = outOff + 5 * outStride + TILE;
            for (int kn = 0; kn < NAMES.length; kn++) {
                float[] a = new float[n], b = new float[n];
                switch (kn) {
                    case 0 -> { OldTiles.tileScores(q, qOff, k, kOff, len, 0.125f, a, outOff);
                                VectorOps.tileScores(q, qOff, k, kOff, len, 0.125f, b, outOff); }
                    case 1 -> { OldTiles.tileScoresHalves(qs, qOff, h, kOff, len, 0.125f, a, outOff, sp);
                                VectorOps.tileScoresHalves(qs, qOff, h, kOff, len, 0.125f, b, outOff, sp); }
                    case 2 -> { OldTiles.tileScores4(q, qOff, qStride, tile, len, 0.125f, a, outOff, outStride);
                                VectorOps.tileScores4(q, qOff, qStride, tile, len, 0.125f, b, outOff, outStride); }
                    case 3 -> { OldTiles.tileScores5(q, qOff, qStride, tile, len, 0.125f, a, outOff, outStride);
                                VectorOps.tileScores5(q, qOff, qStride, tile, len, 0.125f, b, outOff, outStride); }
                    case 5 -> { OldTiles.tileScores5(q, qOff, qStride, tile, len, 0.125f, a, outOff, outStride);
                                Variants.split32(q, qOff, qStride, tile, len, 0.125f, b, outOff, outStride); }
                    case 6 -> { OldTiles.tileScores5(q, qOff, qStride, tile, len, 0.125f, a, outOff, outStride);
                                Variants.split41(q, qOff, qStride, tile, len, 0.125f, b, outOff, outStride); }
                    default -> { OldTiles.tileScores2At(q, qOff, qStride, k, kOff, len, 0.125f, a, outOff, outStride);
                                 VectorOps.tileScores2At(q, qOff, qStride, k, kOff, len, 0.125f, b, outOff, outStride); }
                }
                int[] dn = bitsDiffer(a, b);
                differ[kn] += dn[0];
                nans[kn] += dn[1];
                total[kn] += n;
            }
        }
        System.out.printf(Locale.ROOT, "bits: %s%n", String.join(", ", java.util.stream.IntStream.range(0, NAMES.length)
                .mapToObj(i -> NAMES[i] + " " + differ[i] + " of " + total[i] + " differ (" + nans[i] + " NaN in both)").toList()));
        return differ;
    }

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]), reps = Integer.parseInt(args[1]);
        Random r = new Random(7);
        bits(r);
        // card cross attention chunk: 12 heads of 64, 8 tiles of 16 keys
        int hd = 64, heads = 12, tiles = 8, width = heads * hd;
        float[] q5 = floats(r, 5 * width, false);
        float[] qs = floats(r, width, false);
        for (int i = 0; i < qs.length; i++) qs[i] *= 0x1p112f;
        short[] kh = halves(r, tiles * width * TILE, false);
        float[] tile = floats(r, TILE * hd, false);
        float[] s = new float[5 * heads * tiles * TILE];
        // Qwen3-ASR 0.6B self attention chunk: 16 heads, 8 kv heads of 128, F32 tiles in place
        int qhd = 128, qkv = 8, qwidth = 16 * qhd;
        float[] qq = floats(r, qwidth, false);
        float[] kf = floats(r, tiles * qkv * qhd * TILE, false);
        float[] sq = new float[16 * tiles * TILE];
        int keys = tiles * TILE, outStride = heads * keys;
        Kernel[] kernels = {
            old -> { for (int j = 0; j < tiles; j++) for (int g = 0; g < heads; g++)
                if (old) OldTiles.tileScores(q5, g * hd, tile, 0, hd, 0.125f, s, g * keys + j * TILE);
                else VectorOps.tileScores(q5, g * hd, tile, 0, hd, 0.125f, s, g * keys + j * TILE); },
            old -> { for (int j = 0; j < tiles; j++) for (int g = 0; g < heads; g++) {
                int kOff = (j * width + g * hd) * TILE;
                if (old) OldTiles.tileScoresHalves(qs, g * hd, kh, kOff, hd, 0.125f, s, g * keys + j * TILE, false);
                else VectorOps.tileScoresHalves(qs, g * hd, kh, kOff, hd, 0.125f, s, g * keys + j * TILE, false); } },
            old -> { for (int j = 0; j < tiles; j++) for (int g = 0; g < heads; g++)
                if (old) OldTiles.tileScores4(q5, g * hd, width, tile, hd, 0.125f, s, g * keys + j * TILE, outStride);
                else VectorOps.tileScores4(q5, g * hd, width, tile, hd, 0.125f, s, g * keys + j * TILE, outStride); },
            old -> { for (int j = 0; j < tiles; j++) for (int g = 0; g < heads; g++)
                if (old) OldTiles.tileScores5(q5, g * hd, width, tile, hd, 0.125f, s, g * keys + j * TILE, outStride);
                else VectorOps.tileScores5(q5, g * hd, width, tile, hd, 0.125f, s, g * keys + j * TILE, outStride); },
            old -> { for (int j = 0; j < tiles; j++) for (int g = 0; g < qkv; g++) {
                int kOff = (j * qkv * qhd + g * qhd) * TILE;
                if (old) OldTiles.tileScores2At(qq, 2 * g * qhd, qhd, kf, kOff, qhd, 0.125f, sq, 2 * g * keys + j * TILE, keys);
                else VectorOps.tileScores2At(qq, 2 * g * qhd, qhd, kf, kOff, qhd, 0.125f, sq, 2 * g * keys + j * TILE, keys); } },
            old -> { for (int j = 0; j < tiles; j++) for (int g = 0; g < heads; g++)
                if (old) OldTiles.tileScores5(q5, g * hd, width, tile, hd, 0.125f, s, g * keys + j * TILE, outStride);
                else Variants.split32(q5, g * hd, width, tile, hd, 0.125f, s, g * keys + j * TILE, outStride); },
            old -> { for (int j = 0; j < tiles; j++) for (int g = 0; g < heads; g++)
                if (old) OldTiles.tileScores5(q5, g * hd, width, tile, hd, 0.125f, s, g * keys + j * TILE, outStride);
                else Variants.split41(q5, g * hd, width, tile, hd, 0.125f, s, g * keys + j * TILE, outStride); },
        };
        int warm = 5;
        double[][][] us = new double[NAMES.length][2][rounds];
        for (int rd = -warm; rd < rounds; rd++) {
            for (int kn = 0; kn < NAMES.length; kn++) {
                for (int side = 0; side < 2; side++) {
                    boolean old = ((rd & 1) == 0) == (side == 0);   // old first in even rounds, new first in odd
                    long t0 = System.nanoTime();
                    for (int i = 0; i < reps; i++) kernels[kn].run(old);
                    double t = (System.nanoTime() - t0) / 1e3 / reps;
                    if (rd >= 0) us[kn][old ? 0 : 1][rd] = t;
                }
            }
        }
        for (int kn = 0; kn < NAMES.length; kn++) {
            int lower = 0;
            for (int rd = 0; rd < rounds; rd++) if (us[kn][1][rd] < us[kn][0][rd]) lower++;
            double o = median(us[kn][0]), n = median(us[kn][1]);
            System.out.printf(Locale.ROOT, "%-16s old %7.2f  new %7.2f us a chunk  new/old %.3f  new lower in %d of %d rounds%n",
                    NAMES[kn], o, n, n / o, lower, rounds);
        }
        bits(r);   // again, the kernels now compiled by C2
        System.out.printf(Locale.ROOT, "checksum %s%n", Float.toString(s[7] + sq[9]));
    }

    static double median(double[] x) {
        double[] y = x.clone();
        Arrays.sort(y);
        return y.length % 2 == 1 ? y[y.length / 2] : (y[y.length / 2 - 1] + y[y.length / 2]) / 2;
    }
}
