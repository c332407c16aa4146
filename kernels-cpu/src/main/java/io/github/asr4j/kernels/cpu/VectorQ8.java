package io.github.asr4j.kernels.cpu;

import static io.github.asr4j.kernels.cpu.VectorWiden.B;
import static io.github.asr4j.kernels.cpu.VectorWiden.F;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The Q8 cache kernels with SIMD, bytes widened to float lanes ({@code B2F}, exact): key tiles
 * scored and value rows summed straight from their int8 values (plain loops over bytes stayed
 * scalar under C2: a greedy card step's Q8 cross attention took 7 ms against 2.4 for F16,
 * profiled). The same bits as the scalar methods in {@code CpuBackend}.
 */
final class VectorQ8 {
    private VectorQ8() {}

    /** Whether the vectors fit: byte lanes as many as float lanes, and whole vectors per tile row and per block. */
    static final boolean FITS = VectorWiden.INT8_SIMD && CpuBuffer.TILE % F.length() == 0
            && CpuBuffer.Q8_BLOCK % F.length() == 0;
    /** Whether {@link #valueRun} fits: a block is two vectors. */
    static final boolean RUN_FITS = FITS && CpuBuffer.Q8_BLOCK == 2 * F.length();

    /** {@code CpuBackend.q8TileScores} for one query: the same chains, one key per lane, the same bits. */
    static void tileScores(float[] q, int qOff, byte[] k, int kOff, float[] scales, int sOff, int col, int len, float scale,
                           float[] out, int outOff) {
        for (int l = 0; l < CpuBuffer.TILE; l += F.length()) {
            FloatVector acc = FloatVector.zero(F);
            for (int d0 = 0; d0 < len; ) {
                int d1 = Math.min(len, (col + d0) / CpuBuffer.Q8_BLOCK * CpuBuffer.Q8_BLOCK + CpuBuffer.Q8_BLOCK - col);
                FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
                int d = d0;
                for (; d + 4 <= d1; d += 4) {
                    int t = kOff + d * CpuBuffer.TILE + l;
                    s0 = FloatVector.broadcast(F, q[qOff + d]).fma(bytes(k, t), s0);
                    s1 = FloatVector.broadcast(F, q[qOff + d + 1]).fma(bytes(k, t + CpuBuffer.TILE), s1);
                    s2 = FloatVector.broadcast(F, q[qOff + d + 2]).fma(bytes(k, t + 2 * CpuBuffer.TILE), s2);
                    s3 = FloatVector.broadcast(F, q[qOff + d + 3]).fma(bytes(k, t + 3 * CpuBuffer.TILE), s3);
                }
                if (d < d1) {
                    s0 = FloatVector.broadcast(F, q[qOff + d]).fma(bytes(k, kOff + d * CpuBuffer.TILE + l), s0);
                }
                if (d + 1 < d1) {
                    s1 = FloatVector.broadcast(F, q[qOff + d + 1]).fma(bytes(k, kOff + (d + 1) * CpuBuffer.TILE + l), s1);
                }
                if (d + 2 < d1) {
                    s2 = FloatVector.broadcast(F, q[qOff + d + 2]).fma(bytes(k, kOff + (d + 2) * CpuBuffer.TILE + l), s2);
                }
                acc = s0.add(s1).add(s2.add(s3))
                        .fma(FloatVector.fromArray(F, scales, sOff + (col + d0) / CpuBuffer.Q8_BLOCK * CpuBuffer.TILE + l), acc);
                d0 = d1;
            }
            acc.mul(scale).intoArray(out, outOff + l);
        }
    }

    /**
     * {@link #tileScores} for four queries ({@code qStride} apart, scores {@code outStride} apart),
     * {@code col} and {@code len} multiples of 4 (every block's part a whole number of chain rounds):
     * each widened key vector serves all four; each query's chains and per-block sums are the ones
     * it takes alone (its total kept in {@code out} between blocks: vectors held across calls or
     * in more registers boxed or spilled): the same bits.
     */
    static void tileScores4(float[] q, int qOff, int qStride, byte[] k, int kOff, float[] scales, int sOff, int col, int len,
                            float scale, float[] out, int outOff, int outStride) {
        for (int l = 0; l < CpuBuffer.TILE; l += F.length()) { // the tile's keys, a vector of them at a time
            for (int i = 0; i < 4; i++) {   // each query's total starts at zero, accumulated here block by block
                FloatVector.zero(F).intoArray(out, outOff + i * outStride + l);
            }
            for (int d0 = 0; d0 < len; ) {
                int d1 = Math.min(len, (col + d0) / CpuBuffer.Q8_BLOCK * CpuBuffer.Q8_BLOCK + CpuBuffer.Q8_BLOCK - col);
                FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
                FloatVector c0 = a0, c1 = a0, c2 = a0, c3 = a0, e0 = a0, e1 = a0, e2 = a0, e3 = a0;
                int q0 = qOff, q1 = qOff + qStride, q2 = qOff + 2 * qStride, q3 = qOff + 3 * qStride;
                for (int d = d0; d < d1; d += 4) {
                    int t = kOff + d * CpuBuffer.TILE + l;
                    FloatVector x = bytes(k, t);
                    a0 = FloatVector.broadcast(F, q[q0 + d]).fma(x, a0);
                    b0 = FloatVector.broadcast(F, q[q1 + d]).fma(x, b0);
                    c0 = FloatVector.broadcast(F, q[q2 + d]).fma(x, c0);
                    e0 = FloatVector.broadcast(F, q[q3 + d]).fma(x, e0);
                    x = bytes(k, t + CpuBuffer.TILE);
                    a1 = FloatVector.broadcast(F, q[q0 + d + 1]).fma(x, a1);
                    b1 = FloatVector.broadcast(F, q[q1 + d + 1]).fma(x, b1);
                    c1 = FloatVector.broadcast(F, q[q2 + d + 1]).fma(x, c1);
                    e1 = FloatVector.broadcast(F, q[q3 + d + 1]).fma(x, e1);
                    x = bytes(k, t + 2 * CpuBuffer.TILE);
                    a2 = FloatVector.broadcast(F, q[q0 + d + 2]).fma(x, a2);
                    b2 = FloatVector.broadcast(F, q[q1 + d + 2]).fma(x, b2);
                    c2 = FloatVector.broadcast(F, q[q2 + d + 2]).fma(x, c2);
                    e2 = FloatVector.broadcast(F, q[q3 + d + 2]).fma(x, e2);
                    x = bytes(k, t + 3 * CpuBuffer.TILE);
                    a3 = FloatVector.broadcast(F, q[q0 + d + 3]).fma(x, a3);
                    b3 = FloatVector.broadcast(F, q[q1 + d + 3]).fma(x, b3);
                    c3 = FloatVector.broadcast(F, q[q2 + d + 3]).fma(x, c3);
                    e3 = FloatVector.broadcast(F, q[q3 + d + 3]).fma(x, e3);
                }
                FloatVector sc = FloatVector.fromArray(F, scales, sOff + (col + d0) / CpuBuffer.Q8_BLOCK * CpuBuffer.TILE + l);
                a0.add(a1).add(a2.add(a3)).fma(sc, FloatVector.fromArray(F, out, outOff + l)).intoArray(out, outOff + l);
                b0.add(b1).add(b2.add(b3)).fma(sc, FloatVector.fromArray(F, out, outOff + outStride + l)).intoArray(out, outOff + outStride + l);
                c0.add(c1).add(c2.add(c3)).fma(sc, FloatVector.fromArray(F, out, outOff + 2 * outStride + l)).intoArray(out, outOff + 2 * outStride + l);
                e0.add(e1).add(e2.add(e3)).fma(sc, FloatVector.fromArray(F, out, outOff + 3 * outStride + l)).intoArray(out, outOff + 3 * outStride + l);
                d0 = d1;
            }
            for (int i = 0; i < 4; i++) {
                scaled(out, outOff + i * outStride + l, scale);
            }
        }
    }

    /** {@link #tileScores4} for five queries (beams). */
    static void tileScores5(float[] q, int qOff, int qStride, byte[] k, int kOff, float[] scales, int sOff, int col, int len,
                            float scale, float[] out, int outOff, int outStride) {
        for (int l = 0; l < CpuBuffer.TILE; l += F.length()) { // the tile's keys, a vector of them at a time
            for (int i = 0; i < 5; i++) {   // each query's total starts at zero, accumulated here block by block
                FloatVector.zero(F).intoArray(out, outOff + i * outStride + l);
            }
            for (int d0 = 0; d0 < len; ) {
                int d1 = Math.min(len, (col + d0) / CpuBuffer.Q8_BLOCK * CpuBuffer.Q8_BLOCK + CpuBuffer.Q8_BLOCK - col);
                FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
                FloatVector c0 = a0, c1 = a0, c2 = a0, c3 = a0, e0 = a0, e1 = a0, e2 = a0, e3 = a0;
                FloatVector f0 = a0, f1 = a0, f2 = a0, f3 = a0;
                int q0 = qOff, q1 = qOff + qStride, q2 = qOff + 2 * qStride, q3 = qOff + 3 * qStride, q4 = qOff + 4 * qStride;
                for (int d = d0; d < d1; d += 4) {
                    int t = kOff + d * CpuBuffer.TILE + l;
                    FloatVector x = bytes(k, t);
                    a0 = FloatVector.broadcast(F, q[q0 + d]).fma(x, a0);
                    b0 = FloatVector.broadcast(F, q[q1 + d]).fma(x, b0);
                    c0 = FloatVector.broadcast(F, q[q2 + d]).fma(x, c0);
                    e0 = FloatVector.broadcast(F, q[q3 + d]).fma(x, e0);
                    f0 = FloatVector.broadcast(F, q[q4 + d]).fma(x, f0);
                    x = bytes(k, t + CpuBuffer.TILE);
                    a1 = FloatVector.broadcast(F, q[q0 + d + 1]).fma(x, a1);
                    b1 = FloatVector.broadcast(F, q[q1 + d + 1]).fma(x, b1);
                    c1 = FloatVector.broadcast(F, q[q2 + d + 1]).fma(x, c1);
                    e1 = FloatVector.broadcast(F, q[q3 + d + 1]).fma(x, e1);
                    f1 = FloatVector.broadcast(F, q[q4 + d + 1]).fma(x, f1);
                    x = bytes(k, t + 2 * CpuBuffer.TILE);
                    a2 = FloatVector.broadcast(F, q[q0 + d + 2]).fma(x, a2);
                    b2 = FloatVector.broadcast(F, q[q1 + d + 2]).fma(x, b2);
                    c2 = FloatVector.broadcast(F, q[q2 + d + 2]).fma(x, c2);
                    e2 = FloatVector.broadcast(F, q[q3 + d + 2]).fma(x, e2);
                    f2 = FloatVector.broadcast(F, q[q4 + d + 2]).fma(x, f2);
                    x = bytes(k, t + 3 * CpuBuffer.TILE);
                    a3 = FloatVector.broadcast(F, q[q0 + d + 3]).fma(x, a3);
                    b3 = FloatVector.broadcast(F, q[q1 + d + 3]).fma(x, b3);
                    c3 = FloatVector.broadcast(F, q[q2 + d + 3]).fma(x, c3);
                    e3 = FloatVector.broadcast(F, q[q3 + d + 3]).fma(x, e3);
                    f3 = FloatVector.broadcast(F, q[q4 + d + 3]).fma(x, f3);
                }
                FloatVector sc = FloatVector.fromArray(F, scales, sOff + (col + d0) / CpuBuffer.Q8_BLOCK * CpuBuffer.TILE + l);
                a0.add(a1).add(a2.add(a3)).fma(sc, FloatVector.fromArray(F, out, outOff + l)).intoArray(out, outOff + l);
                b0.add(b1).add(b2.add(b3)).fma(sc, FloatVector.fromArray(F, out, outOff + outStride + l)).intoArray(out, outOff + outStride + l);
                c0.add(c1).add(c2.add(c3)).fma(sc, FloatVector.fromArray(F, out, outOff + 2 * outStride + l)).intoArray(out, outOff + 2 * outStride + l);
                e0.add(e1).add(e2.add(e3)).fma(sc, FloatVector.fromArray(F, out, outOff + 3 * outStride + l)).intoArray(out, outOff + 3 * outStride + l);
                f0.add(f1).add(f2.add(f3)).fma(sc, FloatVector.fromArray(F, out, outOff + 4 * outStride + l)).intoArray(out, outOff + 4 * outStride + l);
                d0 = d1;
            }
            for (int i = 0; i < 5; i++) {
                scaled(out, outOff + i * outStride + l, scale);
            }
        }
    }

    /** The totals at {@code out[o ..]} times {@code scale}. */
    private static void scaled(float[] out, int o, float scale) {
        FloatVector.fromArray(F, out, o).mul(scale).intoArray(out, o);
    }

    /** {@code CpuBackend.q8Axpy}: the same FMAs, lane by lane. */
    static void axpy(float w, byte[] q, int qOff, float[] scales, int sOff, int col, int len, float[] y, int yOff) {
        for (int d0 = 0; d0 < len; ) {
            int d1 = Math.min(len, (col + d0) / CpuBuffer.Q8_BLOCK * CpuBuffer.Q8_BLOCK + CpuBuffer.Q8_BLOCK - col);
            float coef = w * scales[sOff + (col + d0) / CpuBuffer.Q8_BLOCK];
            FloatVector c = FloatVector.broadcast(F, coef);
            int d = d0;
            for (; d + F.length() <= d1; d += F.length()) {
                c.fma(bytes(q, qOff + d), FloatVector.fromArray(F, y, yOff + d)).intoArray(y, yOff + d);
            }
            for (; d < d1; d++) {
                y[yOff + d] = Math.fma(coef, q[qOff + d], y[yOff + d]);
            }
            d0 = d1;
        }
    }

    /**
     * {@code CpuBackend.q8ValueRun}: five or four queries share each widened value vector (one
     * block, ten or eight sums in registers), a lone query takes four blocks at once (eight sums);
     * each sum adds its keys' FMAs in key order, as the scalar loop: the same bits.
     */
    static void valueRun(float[] coef, int nq, int keys, byte[] v, int vOff, int kvWidth, int heads, int group,
                         int headDim, float[] sums, int width) {
        int perHead = headDim / CpuBuffer.Q8_BLOCK;
        int blocks = heads * perHead;
        int i = 0;
        for (; nq - i >= 4; i += nq - i == 5 ? 5 : 4) {
            for (int ob = 0; ob < blocks; ob++) {
                int col = vOff + CpuBackend.q8BlockColumn(ob, perHead, group, headDim);
                if (nq - i == 5) {
                    fiveQueries(coef, (i * blocks + ob) * CpuBackend.Q8_RUN_KEYS, blocks * CpuBackend.Q8_RUN_KEYS, keys, v,
                            col, kvWidth, sums, i * width + ob * CpuBuffer.Q8_BLOCK, width);
                } else {
                    fourQueries(coef, (i * blocks + ob) * CpuBackend.Q8_RUN_KEYS, blocks * CpuBackend.Q8_RUN_KEYS, keys, v,
                            col, kvWidth, sums, i * width + ob * CpuBuffer.Q8_BLOCK, width);
                }
            }
        }
        for (; i < nq; i++) {
            int ob = 0;
            for (; ob + 4 <= blocks; ob += 4) {
                oneQuery(coef, (i * blocks + ob) * CpuBackend.Q8_RUN_KEYS, keys, v, vOff,
                        CpuBackend.q8BlockColumn(ob, perHead, group, headDim), CpuBackend.q8BlockColumn(ob + 1, perHead, group, headDim),
                        CpuBackend.q8BlockColumn(ob + 2, perHead, group, headDim), CpuBackend.q8BlockColumn(ob + 3, perHead, group, headDim),
                        kvWidth, sums, i * width + ob * CpuBuffer.Q8_BLOCK);
            }
            for (; ob < blocks; ob++) {
                oneBlock(coef, (i * blocks + ob) * CpuBackend.Q8_RUN_KEYS, keys, v,
                        vOff + CpuBackend.q8BlockColumn(ob, perHead, group, headDim), kvWidth, sums, i * width + ob * CpuBuffer.Q8_BLOCK);
            }
        }
    }

    /** One query, output blocks ob .. ob + 3 (sums at {@code y ..}, contiguous) reading value columns c0 .. c3. */
    private static void oneQuery(float[] coef, int cOff, int keys, byte[] v, int vOff, int c0, int c1, int c2, int c3,
                                 int kvWidth, float[] sums, int y) {
        int n = F.length();
        int run = CpuBackend.Q8_RUN_KEYS;
        FloatVector a0 = FloatVector.fromArray(F, sums, y), a1 = FloatVector.fromArray(F, sums, y + n);
        FloatVector a2 = FloatVector.fromArray(F, sums, y + 2 * n), a3 = FloatVector.fromArray(F, sums, y + 3 * n);
        FloatVector a4 = FloatVector.fromArray(F, sums, y + 4 * n), a5 = FloatVector.fromArray(F, sums, y + 5 * n);
        FloatVector a6 = FloatVector.fromArray(F, sums, y + 6 * n), a7 = FloatVector.fromArray(F, sums, y + 7 * n);
        for (int k = 0; k < keys; k++) {
            int r = vOff + k * kvWidth;
            FloatVector w0 = FloatVector.broadcast(F, coef[cOff + k]);
            FloatVector w1 = FloatVector.broadcast(F, coef[cOff + run + k]);
            FloatVector w2 = FloatVector.broadcast(F, coef[cOff + 2 * run + k]);
            FloatVector w3 = FloatVector.broadcast(F, coef[cOff + 3 * run + k]);
            a0 = w0.fma(bytes(v, r + c0), a0);
            a1 = w0.fma(bytes(v, r + c0 + n), a1);
            a2 = w1.fma(bytes(v, r + c1), a2);
            a3 = w1.fma(bytes(v, r + c1 + n), a3);
            a4 = w2.fma(bytes(v, r + c2), a4);
            a5 = w2.fma(bytes(v, r + c2 + n), a5);
            a6 = w3.fma(bytes(v, r + c3), a6);
            a7 = w3.fma(bytes(v, r + c3 + n), a7);
        }
        a0.intoArray(sums, y);
        a1.intoArray(sums, y + n);
        a2.intoArray(sums, y + 2 * n);
        a3.intoArray(sums, y + 3 * n);
        a4.intoArray(sums, y + 4 * n);
        a5.intoArray(sums, y + 5 * n);
        a6.intoArray(sums, y + 6 * n);
        a7.intoArray(sums, y + 7 * n);
    }

    /** One query, one output block (sums at {@code y}) reading value columns from {@code v[col]}. */
    private static void oneBlock(float[] coef, int cOff, int keys, byte[] v, int col, int kvWidth, float[] sums, int y) {
        int n = F.length();
        FloatVector a0 = FloatVector.fromArray(F, sums, y), a1 = FloatVector.fromArray(F, sums, y + n);
        for (int k = 0; k < keys; k++) {
            FloatVector w = FloatVector.broadcast(F, coef[cOff + k]);
            a0 = w.fma(bytes(v, col + k * kvWidth), a0);
            a1 = w.fma(bytes(v, col + k * kvWidth + n), a1);
        }
        a0.intoArray(sums, y);
        a1.intoArray(sums, y + n);
    }

    /** Four queries (coefficients {@code cStride} apart, sums {@code width} apart), one output block. */
    private static void fourQueries(float[] coef, int cOff, int cStride, int keys, byte[] v, int col, int kvWidth, float[] sums,
                                    int y, int width) {
        int n = F.length();
        FloatVector a0 = FloatVector.fromArray(F, sums, y), a1 = FloatVector.fromArray(F, sums, y + n);
        FloatVector b0 = FloatVector.fromArray(F, sums, y + width), b1 = FloatVector.fromArray(F, sums, y + width + n);
        FloatVector c0 = FloatVector.fromArray(F, sums, y + 2 * width), c1 = FloatVector.fromArray(F, sums, y + 2 * width + n);
        FloatVector d0 = FloatVector.fromArray(F, sums, y + 3 * width), d1 = FloatVector.fromArray(F, sums, y + 3 * width + n);
        for (int k = 0; k < keys; k++) {
            FloatVector x0 = bytes(v, col + k * kvWidth);
            FloatVector x1 = bytes(v, col + k * kvWidth + n);
            FloatVector w = FloatVector.broadcast(F, coef[cOff + k]);
            a0 = w.fma(x0, a0);
            a1 = w.fma(x1, a1);
            w = FloatVector.broadcast(F, coef[cOff + cStride + k]);
            b0 = w.fma(x0, b0);
            b1 = w.fma(x1, b1);
            w = FloatVector.broadcast(F, coef[cOff + 2 * cStride + k]);
            c0 = w.fma(x0, c0);
            c1 = w.fma(x1, c1);
            w = FloatVector.broadcast(F, coef[cOff + 3 * cStride + k]);
            d0 = w.fma(x0, d0);
            d1 = w.fma(x1, d1);
        }
        a0.intoArray(sums, y);
        a1.intoArray(sums, y + n);
        b0.intoArray(sums, y + width);
        b1.intoArray(sums, y + width + n);
        c0.intoArray(sums, y + 2 * width);
        c1.intoArray(sums, y + 2 * width + n);
        d0.intoArray(sums, y + 3 * width);
        d1.intoArray(sums, y + 3 * width + n);
    }

    /** Five queries (beams), one output block, as {@link #fourQueries}. */
    private static void fiveQueries(float[] coef, int cOff, int cStride, int keys, byte[] v, int col, int kvWidth, float[] sums,
                                    int y, int width) {
        int n = F.length();
        FloatVector a0 = FloatVector.fromArray(F, sums, y), a1 = FloatVector.fromArray(F, sums, y + n);
        FloatVector b0 = FloatVector.fromArray(F, sums, y + width), b1 = FloatVector.fromArray(F, sums, y + width + n);
        FloatVector c0 = FloatVector.fromArray(F, sums, y + 2 * width), c1 = FloatVector.fromArray(F, sums, y + 2 * width + n);
        FloatVector d0 = FloatVector.fromArray(F, sums, y + 3 * width), d1 = FloatVector.fromArray(F, sums, y + 3 * width + n);
        FloatVector e0 = FloatVector.fromArray(F, sums, y + 4 * width), e1 = FloatVector.fromArray(F, sums, y + 4 * width + n);
        for (int k = 0; k < keys; k++) {
            FloatVector x0 = bytes(v, col + k * kvWidth);
            FloatVector x1 = bytes(v, col + k * kvWidth + n);
            FloatVector w = FloatVector.broadcast(F, coef[cOff + k]);
            a0 = w.fma(x0, a0);
            a1 = w.fma(x1, a1);
            w = FloatVector.broadcast(F, coef[cOff + cStride + k]);
            b0 = w.fma(x0, b0);
            b1 = w.fma(x1, b1);
            w = FloatVector.broadcast(F, coef[cOff + 2 * cStride + k]);
            c0 = w.fma(x0, c0);
            c1 = w.fma(x1, c1);
            w = FloatVector.broadcast(F, coef[cOff + 3 * cStride + k]);
            d0 = w.fma(x0, d0);
            d1 = w.fma(x1, d1);
            w = FloatVector.broadcast(F, coef[cOff + 4 * cStride + k]);
            e0 = w.fma(x0, e0);
            e1 = w.fma(x1, e1);
        }
        a0.intoArray(sums, y);
        a1.intoArray(sums, y + n);
        b0.intoArray(sums, y + width);
        b1.intoArray(sums, y + width + n);
        c0.intoArray(sums, y + 2 * width);
        c1.intoArray(sums, y + 2 * width + n);
        d0.intoArray(sums, y + 3 * width);
        d1.intoArray(sums, y + 3 * width + n);
        e0.intoArray(sums, y + 4 * width);
        e1.intoArray(sums, y + 4 * width + n);
    }

    private static FloatVector bytes(byte[] k, int offset) {
        return (FloatVector) ByteVector.fromArray(B, k, offset).convertShape(VectorOperators.B2F, F, 0);
    }
}
