package io.github.asr4j.kernels.cpu;

import java.util.Locale;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import java.util.Random;

/**
 * beams8 probe: the pieces of one five-query chunk of cross attention (card shape: 128 keys x 768, 12 heads of 64),
 * one thread, the chunk's halves in L2: (k) widen each (tile, head) key slice, 96 x 1024 halves; (s) tileScores5 over
 * the widened slices, 96 calls; (v) widen the value rows, 2 runs x 64 x 768; (w) weightedRows5, 12 heads x 2 runs;
 * (s1)/(w1) the same for one query (tileScores, weightedRows). Microseconds a chunk, median of rounds.
 * Runs in the package (classpath, split package) to reach VectorOps; not part of the build.
 */
public class ChunkPartsProbe {
    static final int KEYS = 128, WIDTH = 768, HD = 64, HEADS = 12, TILE = 16, RUN = 64;

    static void widen(short[] src, int off, float[] dst, int dOff, int len) {
        for (int i = 0; i < len; i++) {
            dst[dOff + i] = Float.float16ToFloat(src[off + i]);
        }
    }


    /**
     * The proposal, probe-only: tileScores5 straight from a tile of halves, each row decoded once in registers (shift
     * and mask, no specials) for the five queries, the queries times 2^112 (as tileScoresHalves does for one).
     */
    static void tileScoresHalves5(float[] q, int qOff, int qStride, short[] k, int kOff, int len, float scale, float[] out,
                                  int outOff, int outStride) {
        var F = VectorBackend.F;
        FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
        FloatVector b0 = a0, b1 = a0, b2 = a0, b3 = a0;
        FloatVector c0 = a0, c1 = a0, c2 = a0, c3 = a0;
        FloatVector d0 = a0, d1 = a0, d2 = a0, d3 = a0;
        FloatVector e0 = a0, e1 = a0, e2 = a0, e3 = a0;
        int qa = qOff, qb = qOff + qStride, qc = qOff + 2 * qStride, qd = qOff + 3 * qStride, qe = qOff + 4 * qStride;
        for (int d = 0, t = kOff; d < len; d += 4, t += 4 * TILE) {
            FloatVector k0 = ((IntVector) ShortVector.fromArray(VectorWiden.S, k, t).convertShape(VectorOperators.S2I, VectorWiden.I, 0))
                    .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
            FloatVector k1 = ((IntVector) ShortVector.fromArray(VectorWiden.S, k, t + TILE).convertShape(VectorOperators.S2I, VectorWiden.I, 0))
                    .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
            a0 = FloatVector.broadcast(F, q[qa + d]).fma(k0, a0);
            b0 = FloatVector.broadcast(F, q[qb + d]).fma(k0, b0);
            c0 = FloatVector.broadcast(F, q[qc + d]).fma(k0, c0);
            d0 = FloatVector.broadcast(F, q[qd + d]).fma(k0, d0);
            e0 = FloatVector.broadcast(F, q[qe + d]).fma(k0, e0);
            a1 = FloatVector.broadcast(F, q[qa + d + 1]).fma(k1, a1);
            b1 = FloatVector.broadcast(F, q[qb + d + 1]).fma(k1, b1);
            c1 = FloatVector.broadcast(F, q[qc + d + 1]).fma(k1, c1);
            d1 = FloatVector.broadcast(F, q[qd + d + 1]).fma(k1, d1);
            e1 = FloatVector.broadcast(F, q[qe + d + 1]).fma(k1, e1);
            FloatVector k2 = ((IntVector) ShortVector.fromArray(VectorWiden.S, k, t + 2 * TILE).convertShape(VectorOperators.S2I, VectorWiden.I, 0))
                    .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
            FloatVector k3 = ((IntVector) ShortVector.fromArray(VectorWiden.S, k, t + 3 * TILE).convertShape(VectorOperators.S2I, VectorWiden.I, 0))
                    .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
            a2 = FloatVector.broadcast(F, q[qa + d + 2]).fma(k2, a2);
            b2 = FloatVector.broadcast(F, q[qb + d + 2]).fma(k2, b2);
            c2 = FloatVector.broadcast(F, q[qc + d + 2]).fma(k2, c2);
            d2 = FloatVector.broadcast(F, q[qd + d + 2]).fma(k2, d2);
            e2 = FloatVector.broadcast(F, q[qe + d + 2]).fma(k2, e2);
            a3 = FloatVector.broadcast(F, q[qa + d + 3]).fma(k3, a3);
            b3 = FloatVector.broadcast(F, q[qb + d + 3]).fma(k3, b3);
            c3 = FloatVector.broadcast(F, q[qc + d + 3]).fma(k3, c3);
            d3 = FloatVector.broadcast(F, q[qd + d + 3]).fma(k3, d3);
            e3 = FloatVector.broadcast(F, q[qe + d + 3]).fma(k3, e3);
        }
        a0.add(a1).add(a2.add(a3)).mul(scale).intoArray(out, outOff);
        b0.add(b1).add(b2.add(b3)).mul(scale).intoArray(out, outOff + outStride);
        c0.add(c1).add(c2.add(c3)).mul(scale).intoArray(out, outOff + 2 * outStride);
        d0.add(d1).add(d2.add(d3)).mul(scale).intoArray(out, outOff + 3 * outStride);
        e0.add(e1).add(e2.add(e3)).mul(scale).intoArray(out, outOff + 4 * outStride);
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
        float[] tile = new float[TILE * HD];
        float[] tiles = new float[KEYS * WIDTH];
        float[] rows = new float[RUN * WIDTH];
        float[] s = new float[5 * HEADS * KEYS];
        for (int i = 0; i < s.length; i++) s[i] = r.nextFloat() / KEYS;
        float[] sums = new float[5 * WIDTH];
        widen(k, 0, tile, 0, TILE * HD);   // (s) scores this slice every time (tileScores5 takes a whole tile array)
        String[] parts = {"k", "s", "v", "w", "s1", "w1", "all5", "sh5"};
        float[] qs = new float[q.length];
        for (int i = 0; i < q.length; i++) qs[i] = q[i] * 0x1p112f;
        float[] s2 = new float[s.length];
        double[][] us = new double[parts.length][rounds];
        double sink = 0;
        for (int rd = -5; rd < rounds; rd++) {
            for (int p = 0; p < parts.length; p++) {
                long t0 = System.nanoTime();
                for (int rep = 0; rep < reps; rep++) {
                    switch (parts[p]) {
                        case "k" -> {
                            for (int j = 0; j < KEYS; j += TILE)
                                for (int g = 0; g < HEADS; g++)
                                    widen(k, (j / TILE * WIDTH + g * HD) * TILE, tiles, (j / TILE * WIDTH + g * HD) * TILE, TILE * HD);
                        }
                        case "s" -> {
                            for (int j = 0; j < KEYS; j += TILE)
                                for (int g = 0; g < HEADS; g++)
                                    VectorOps.tileScores5(q, g * HD, WIDTH, tile, HD, 0.125f, s,
                                            g * KEYS + j, HEADS * KEYS);
                        }
                        case "v" -> {
                            for (int j = 0; j < KEYS; j += RUN) widen(v, j * WIDTH, rows, 0, RUN * WIDTH);
                        }
                        case "w" -> {
                            for (int j = 0; j < KEYS; j += RUN)
                                for (int h = 0; h < HEADS; h++)
                                    VectorOps.weightedRows5(s, h * KEYS + j, HEADS * KEYS, RUN, rows, h * HD, WIDTH, sums, h * HD,
                                            WIDTH, HD);
                        }
                        case "s1" -> {
                            for (int j = 0; j < KEYS; j += TILE)
                                for (int g = 0; g < HEADS; g++)
                                    VectorOps.tileScores(q, g * HD, tiles, (j / TILE * WIDTH + g * HD) * TILE, HD, 0.125f, s,
                                            g * KEYS + j);
                        }
                        case "w1" -> {
                            for (int j = 0; j < KEYS; j += RUN)
                                for (int h = 0; h < HEADS; h++)
                                    VectorOps.weightedRows(s, h * KEYS + j, RUN, rows, h * HD, WIDTH, sums, h * HD, HD);
                        }
                        case "sh5" -> {
                            for (int j = 0; j < KEYS; j += TILE)
                                for (int g = 0; g < HEADS; g++)
                                    tileScoresHalves5(qs, g * HD, WIDTH, k, (j / TILE * WIDTH + g * HD) * TILE, HD, 0.125f, s2,
                                            g * KEYS + j, HEADS * KEYS);
                        }
                        default -> {
                            for (int j = 0; j < KEYS; j += TILE)
                                for (int g = 0; g < HEADS; g++) {
                                    widen(k, (j / TILE * WIDTH + g * HD) * TILE, tile, 0, TILE * HD);
                                    VectorOps.tileScores5(q, g * HD, WIDTH, tile, HD, 0.125f, s, g * KEYS + j, HEADS * KEYS);
                                }
                            for (int j = 0; j < KEYS; j += RUN) {
                                widen(v, j * WIDTH, rows, 0, RUN * WIDTH);
                                for (int h = 0; h < HEADS; h++)
                                    VectorOps.weightedRows5(s, h * KEYS + j, HEADS * KEYS, RUN, rows, h * HD, WIDTH, sums, h * HD,
                                            WIDTH, HD);
                            }
                        }
                    }
                    for (int i = 0; i < 5 * WIDTH; i += 97) sums[i] *= 0.5f;   // keep sums bounded
                }
                if (rd >= 0) us[p][rd] = (System.nanoTime() - t0) / 1e3 / reps;
            }
        }
        // bits: every (tile, head) slice scored both ways for the five queries
        float[] sw = new float[s.length];
        float[] tw = new float[TILE * HD];
        int differ = 0;
        for (int j = 0; j < KEYS; j += TILE)
            for (int g = 0; g < HEADS; g++) {
                widen(k, (j / TILE * WIDTH + g * HD) * TILE, tw, 0, TILE * HD);
                VectorOps.tileScores5(q, g * HD, WIDTH, tw, HD, 0.125f, sw, g * KEYS + j, HEADS * KEYS);
                tileScoresHalves5(qs, g * HD, WIDTH, k, (j / TILE * WIDTH + g * HD) * TILE, HD, 0.125f, s2, g * KEYS + j, HEADS * KEYS);
            }
        for (int i = 0; i < s.length; i++) if (Float.floatToRawIntBits(sw[i]) != Float.floatToRawIntBits(s2[i])) differ++;
        System.out.println("sh5 against widen + tileScores5: " + differ + " of " + s.length + " scores differ in bits");
        for (float f : sums) sink += f;
        for (float f : s) sink += f;
        StringBuilder b = new StringBuilder();
        for (int p = 0; p < parts.length; p++) {
            java.util.Arrays.sort(us[p]);
            b.append(String.format(Locale.ROOT, "%s %.2f  ", parts[p], us[p][rounds / 2]));
        }
        System.out.println("us a chunk (1 thread, L2): " + b + " sink " + (sink != 0));
    }
}
