package io.github.asr4j.kernels.cpu;

import static io.github.asr4j.kernels.cpu.VectorBackend.F;
import static io.github.asr4j.kernels.cpu.VectorBackend.L;

import jdk.incubator.vector.FloatVector;

/**
 * Multi-head attention for many queries (the encoder, decoder prompts) with SIMD tiles. Few
 * queries (decoder steps) take {@link CpuBackend}'s dot-product path instead.
 */
final class VectorAttention {
    /** Queries per tiled attention task. */
    private static final int QUERY_BLOCK = 32;

    private final ThreadLocal<float[]> attentionTiles = new ThreadLocal<>();

    /** Whether the tiled path applies: at least 4 queries and a head width of whole 4-vector tiles. */
    static boolean supports(int nq, int headDim) {
        return nq >= 4 && headDim % (4 * L) == 0;
    }

    /**
     * Attention as {@link io.github.asr4j.kernels.Backend#attention}, for checked arguments.
     * First every head's K slice is transposed once ({@code kt[d, key]}, zero-padded to whole
     * tiles) and its V slice copied contiguously; then each task takes a head and a block of
     * queries: scores for 4 queries × 4L keys at a time, the softmax rows, then 4 queries × 4L
     * output columns at a time. Keys past a query's causal limit get probability 0 and so add nothing.
     */
    void run(WorkerPool pool, float[] q, int nq, float[] k, float[] v, int nkv, int heads, int headDim,
             boolean causal, int pastLength, float[] out) {
        int width = heads * headDim;
        int keys = causal ? pastLength + nq : nkv;
        int tile = 4 * L;
        // An odd number of cache lines between rows of kt, so that walking down a column does not
        // keep hitting the same few cache sets.
        int kp = CpuBackend.blocks(keys, tile) * tile + L;
        float[] kt = new float[Math.multiplyExact(heads, Math.multiplyExact(headDim, kp))];
        // V's head slices made contiguous, for the same reason (rows of the full V are a power-of-two-ish stride apart).
        float[] vp = new float[Math.multiplyExact(heads, Math.multiplyExact(headDim, keys))];
        int keyTiles = CpuBackend.blocks(keys, tile);
        pool.parallelFor(heads * keyTiles, t -> {
            int h = t / keyTiles;
            int j0 = (t % keyTiles) * tile;
            int j1 = Math.min(keys, j0 + tile);
            int base = h * headDim * kp;
            int col = h * headDim;
            for (int d = 0; d < headDim; d++) {
                int dst = base + d * kp;
                for (int j = j0; j < j1; j++) {
                    kt[dst + j] = k[j * width + col + d];
                }
            }
            int vBase = h * headDim * keys;
            for (int j = j0; j < j1; j++) {
                System.arraycopy(v, j * width + col, vp, vBase + j * headDim, headDim);
            }
        });
        float scale = (float) (1 / Math.sqrt(headDim));
        int queryBlocks = CpuBackend.blocks(nq, QUERY_BLOCK);
        pool.parallelFor(heads * queryBlocks, task -> {
            int h = task / queryBlocks;
            int q0 = (task % queryBlocks) * QUERY_BLOCK;
            int q1 = Math.min(nq, q0 + QUERY_BLOCK);
            int blockKeys = causal ? pastLength + q1 : nkv;
            tiledBlock(q, q0, q1, kt, h * headDim * kp, kp, vp, h * headDim * keys, blockKeys, h * headDim, headDim,
                    width, causal, pastLength, scale, out);
        });
    }

    private void tiledBlock(float[] q, int q0, int q1, float[] kt, int ktOff, int kp, float[] vp, int vpOff, int keys,
                                int col, int headDim, int width, boolean causal, int pastLength, float scale, float[] out) {
        int tile = 4 * L;
        int sp = CpuBackend.blocks(keys, tile) * tile;    // score row stride: whole tiles
        int rows = q1 - q0;
        float[] s = CpuBackend.scratch(attentionTiles, rows * sp);
        for (int i = q0; i < q1; i += 4) {
            int r1 = Math.min(i + 1, q1 - 1);
            int r2 = Math.min(i + 2, q1 - 1);
            int r3 = Math.min(i + 3, q1 - 1);
            for (int j = 0; j < sp; j += tile) {
                scoreTile(q, i * width + col, r1 * width + col, r2 * width + col, r3 * width + col, headDim, kt, ktOff, kp, j,
                        s, (i - q0) * sp, (r1 - q0) * sp, (r2 - q0) * sp, (r3 - q0) * sp);
            }
        }
        float[] inv = new float[rows];
        for (int i = q0; i < q1; i++) {
            int lim = causal ? pastLength + i + 1 : keys;
            int row = (i - q0) * sp;
            VectorOps.scale(s, row, lim, scale);
            float max = VectorOps.max(s, row, lim);
            inv[i - q0] = 1 / VectorOps.expShiftedInPlace(s, row, lim, max);
            java.util.Arrays.fill(s, row + lim, row + keys, 0f);
        }
        for (int i = q0; i < q1; i += 4) {
            int valid = Math.min(4, q1 - i);
            int r1 = Math.min(i + 1, q1 - 1) - q0;
            int r2 = Math.min(i + 2, q1 - 1) - q0;
            int r3 = Math.min(i + 3, q1 - 1) - q0;
            for (int c = 0; c < headDim; c += tile) {
                valueTile(s, (i - q0) * sp, r1 * sp, r2 * sp, r3 * sp, keys, vp, headDim, vpOff + c,
                        out, i * width + col + c, width, valid, inv, i - q0);
            }
        }
    }

    /** Scores of 4 query rows against keys {@code j .. j+4L} of a transposed K ({@code kt[ktOff + d·kp + key]}). */
    private static void scoreTile(float[] q, int qa, int qb, int qc, int qd, int headDim, float[] kt, int ktOff, int kp, int j,
                                  float[] s, int sa, int sb, int sc, int sd) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector a2 = FloatVector.zero(F);
        FloatVector a3 = FloatVector.zero(F);
        FloatVector b0 = FloatVector.zero(F);
        FloatVector b1 = FloatVector.zero(F);
        FloatVector b2 = FloatVector.zero(F);
        FloatVector b3 = FloatVector.zero(F);
        FloatVector c0 = FloatVector.zero(F);
        FloatVector c1 = FloatVector.zero(F);
        FloatVector c2 = FloatVector.zero(F);
        FloatVector c3 = FloatVector.zero(F);
        FloatVector d0 = FloatVector.zero(F);
        FloatVector d1 = FloatVector.zero(F);
        FloatVector d2 = FloatVector.zero(F);
        FloatVector d3 = FloatVector.zero(F);
        for (int d = 0; d < headDim; d++) {
            int ko = ktOff + d * kp + j;
            FloatVector k0 = FloatVector.fromArray(F, kt, ko);
            FloatVector k1 = FloatVector.fromArray(F, kt, ko + L);
            FloatVector k2 = FloatVector.fromArray(F, kt, ko + 2 * L);
            FloatVector k3 = FloatVector.fromArray(F, kt, ko + 3 * L);
            FloatVector x = FloatVector.broadcast(F, q[qa + d]);
            a0 = x.fma(k0, a0);
            a1 = x.fma(k1, a1);
            a2 = x.fma(k2, a2);
            a3 = x.fma(k3, a3);
            x = FloatVector.broadcast(F, q[qb + d]);
            b0 = x.fma(k0, b0);
            b1 = x.fma(k1, b1);
            b2 = x.fma(k2, b2);
            b3 = x.fma(k3, b3);
            x = FloatVector.broadcast(F, q[qc + d]);
            c0 = x.fma(k0, c0);
            c1 = x.fma(k1, c1);
            c2 = x.fma(k2, c2);
            c3 = x.fma(k3, c3);
            x = FloatVector.broadcast(F, q[qd + d]);
            d0 = x.fma(k0, d0);
            d1 = x.fma(k1, d1);
            d2 = x.fma(k2, d2);
            d3 = x.fma(k3, d3);
        }
        // Rows that repeat the last query write identical values to the same place.
        a0.intoArray(s, sa + j);
        a1.intoArray(s, sa + j + L);
        a2.intoArray(s, sa + j + 2 * L);
        a3.intoArray(s, sa + j + 3 * L);
        b0.intoArray(s, sb + j);
        b1.intoArray(s, sb + j + L);
        b2.intoArray(s, sb + j + 2 * L);
        b3.intoArray(s, sb + j + 3 * L);
        c0.intoArray(s, sc + j);
        c1.intoArray(s, sc + j + L);
        c2.intoArray(s, sc + j + 2 * L);
        c3.intoArray(s, sc + j + 3 * L);
        d0.intoArray(s, sd + j);
        d1.intoArray(s, sd + j + L);
        d2.intoArray(s, sd + j + 2 * L);
        d3.intoArray(s, sd + j + 3 * L);
    }

    /**
     * {@code out[r, c .. c+4L) = inv[r] · Σ_j p[r, j]·v[vCol + j·width ..]} for 4 probability rows
     * (the first {@code valid} are stored).
     */
    private static void valueTile(float[] p, int pa, int pb, int pc, int pd, int keys, float[] v, int width, int vCol,
                                  float[] out, int outOff, int outStride, int valid, float[] inv, int invOff) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector a2 = FloatVector.zero(F);
        FloatVector a3 = FloatVector.zero(F);
        FloatVector b0 = FloatVector.zero(F);
        FloatVector b1 = FloatVector.zero(F);
        FloatVector b2 = FloatVector.zero(F);
        FloatVector b3 = FloatVector.zero(F);
        FloatVector c0 = FloatVector.zero(F);
        FloatVector c1 = FloatVector.zero(F);
        FloatVector c2 = FloatVector.zero(F);
        FloatVector c3 = FloatVector.zero(F);
        FloatVector d0 = FloatVector.zero(F);
        FloatVector d1 = FloatVector.zero(F);
        FloatVector d2 = FloatVector.zero(F);
        FloatVector d3 = FloatVector.zero(F);
        for (int j = 0; j < keys; j++) {
            int vo = j * width + vCol;
            FloatVector v0 = FloatVector.fromArray(F, v, vo);
            FloatVector v1 = FloatVector.fromArray(F, v, vo + L);
            FloatVector v2 = FloatVector.fromArray(F, v, vo + 2 * L);
            FloatVector v3 = FloatVector.fromArray(F, v, vo + 3 * L);
            FloatVector x = FloatVector.broadcast(F, p[pa + j]);
            a0 = x.fma(v0, a0);
            a1 = x.fma(v1, a1);
            a2 = x.fma(v2, a2);
            a3 = x.fma(v3, a3);
            x = FloatVector.broadcast(F, p[pb + j]);
            b0 = x.fma(v0, b0);
            b1 = x.fma(v1, b1);
            b2 = x.fma(v2, b2);
            b3 = x.fma(v3, b3);
            x = FloatVector.broadcast(F, p[pc + j]);
            c0 = x.fma(v0, c0);
            c1 = x.fma(v1, c1);
            c2 = x.fma(v2, c2);
            c3 = x.fma(v3, c3);
            x = FloatVector.broadcast(F, p[pd + j]);
            d0 = x.fma(v0, d0);
            d1 = x.fma(v1, d1);
            d2 = x.fma(v2, d2);
            d3 = x.fma(v3, d3);
        }
        // Stored here rather than in a helper: vectors passed to a call that is not inlined get
        // boxed, and that can reach back into the loop.
        float f = inv[invOff];
        a0.mul(f).intoArray(out, outOff);
        a1.mul(f).intoArray(out, outOff + L);
        a2.mul(f).intoArray(out, outOff + 2 * L);
        a3.mul(f).intoArray(out, outOff + 3 * L);
        if (valid > 1) {
            int o = outOff + outStride;
            f = inv[invOff + 1];
            b0.mul(f).intoArray(out, o);
            b1.mul(f).intoArray(out, o + L);
            b2.mul(f).intoArray(out, o + 2 * L);
            b3.mul(f).intoArray(out, o + 3 * L);
        }
        if (valid > 2) {
            int o = outOff + 2 * outStride;
            f = inv[invOff + 2];
            c0.mul(f).intoArray(out, o);
            c1.mul(f).intoArray(out, o + L);
            c2.mul(f).intoArray(out, o + 2 * L);
            c3.mul(f).intoArray(out, o + 3 * L);
        }
        if (valid > 3) {
            int o = outOff + 3 * outStride;
            f = inv[invOff + 3];
            d0.mul(f).intoArray(out, o);
            d1.mul(f).intoArray(out, o + L);
            d2.mul(f).intoArray(out, o + 2 * L);
            d3.mul(f).intoArray(out, o + 3 * L);
        }
    }
}
