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
     * {@link #tileScores} for four queries ({@code q} rows {@code qStride} apart, scores
     * {@code outStride} apart): each widened key vector used by all four, each query's chains as
     * it has them alone (the same bits).
     */
    static void tileScores4(float[] q, int qOff, int qStride, byte[] k, int kOff, float[] scales, int sOff, int col, int len,
                            float scale, float[] out, int outOff, int outStride) {
        int qa = qOff, qb = qOff + qStride, qc = qOff + 2 * qStride, qd = qOff + 3 * qStride;
        for (int l = 0; l < CpuBuffer.TILE; l += F.length()) {
            FloatVector accA = FloatVector.zero(F), accB = accA, accC = accA, accD = accA;
            for (int d0 = 0; d0 < len; ) {
                int d1 = Math.min(len, (col + d0) / CpuBuffer.Q8_BLOCK * CpuBuffer.Q8_BLOCK + CpuBuffer.Q8_BLOCK - col);
                FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
                FloatVector b0 = a0, b1 = a0, b2 = a0, b3 = a0;
                FloatVector c0 = a0, c1 = a0, c2 = a0, c3 = a0;
                FloatVector e0 = a0, e1 = a0, e2 = a0, e3 = a0;
                int d = d0;
                for (; d + 4 <= d1; d += 4) {
                    int t = kOff + d * CpuBuffer.TILE + l;
                    FloatVector k0 = bytes(k, t);
                    FloatVector k1 = bytes(k, t + CpuBuffer.TILE);
                    FloatVector k2 = bytes(k, t + 2 * CpuBuffer.TILE);
                    FloatVector k3 = bytes(k, t + 3 * CpuBuffer.TILE);
                    a0 = FloatVector.broadcast(F, q[qa + d]).fma(k0, a0);
                    b0 = FloatVector.broadcast(F, q[qb + d]).fma(k0, b0);
                    c0 = FloatVector.broadcast(F, q[qc + d]).fma(k0, c0);
                    e0 = FloatVector.broadcast(F, q[qd + d]).fma(k0, e0);
                    a1 = FloatVector.broadcast(F, q[qa + d + 1]).fma(k1, a1);
                    b1 = FloatVector.broadcast(F, q[qb + d + 1]).fma(k1, b1);
                    c1 = FloatVector.broadcast(F, q[qc + d + 1]).fma(k1, c1);
                    e1 = FloatVector.broadcast(F, q[qd + d + 1]).fma(k1, e1);
                    a2 = FloatVector.broadcast(F, q[qa + d + 2]).fma(k2, a2);
                    b2 = FloatVector.broadcast(F, q[qb + d + 2]).fma(k2, b2);
                    c2 = FloatVector.broadcast(F, q[qc + d + 2]).fma(k2, c2);
                    e2 = FloatVector.broadcast(F, q[qd + d + 2]).fma(k2, e2);
                    a3 = FloatVector.broadcast(F, q[qa + d + 3]).fma(k3, a3);
                    b3 = FloatVector.broadcast(F, q[qb + d + 3]).fma(k3, b3);
                    c3 = FloatVector.broadcast(F, q[qc + d + 3]).fma(k3, c3);
                    e3 = FloatVector.broadcast(F, q[qd + d + 3]).fma(k3, e3);
                }
                if (d < d1) {
                    FloatVector kk = bytes(k, kOff + d * CpuBuffer.TILE + l);
                    a0 = FloatVector.broadcast(F, q[qa + d]).fma(kk, a0);
                    b0 = FloatVector.broadcast(F, q[qb + d]).fma(kk, b0);
                    c0 = FloatVector.broadcast(F, q[qc + d]).fma(kk, c0);
                    e0 = FloatVector.broadcast(F, q[qd + d]).fma(kk, e0);
                }
                if (d + 1 < d1) {
                    FloatVector kk = bytes(k, kOff + (d + 1) * CpuBuffer.TILE + l);
                    a1 = FloatVector.broadcast(F, q[qa + d + 1]).fma(kk, a1);
                    b1 = FloatVector.broadcast(F, q[qb + d + 1]).fma(kk, b1);
                    c1 = FloatVector.broadcast(F, q[qc + d + 1]).fma(kk, c1);
                    e1 = FloatVector.broadcast(F, q[qd + d + 1]).fma(kk, e1);
                }
                if (d + 2 < d1) {
                    FloatVector kk = bytes(k, kOff + (d + 2) * CpuBuffer.TILE + l);
                    a2 = FloatVector.broadcast(F, q[qa + d + 2]).fma(kk, a2);
                    b2 = FloatVector.broadcast(F, q[qb + d + 2]).fma(kk, b2);
                    c2 = FloatVector.broadcast(F, q[qc + d + 2]).fma(kk, c2);
                    e2 = FloatVector.broadcast(F, q[qd + d + 2]).fma(kk, e2);
                }
                FloatVector sc = FloatVector.fromArray(F, scales, sOff + (col + d0) / CpuBuffer.Q8_BLOCK * CpuBuffer.TILE + l);
                accA = a0.add(a1).add(a2.add(a3)).fma(sc, accA);
                accB = b0.add(b1).add(b2.add(b3)).fma(sc, accB);
                accC = c0.add(c1).add(c2.add(c3)).fma(sc, accC);
                accD = e0.add(e1).add(e2.add(e3)).fma(sc, accD);
                d0 = d1;
            }
            accA.mul(scale).intoArray(out, outOff + l);
            accB.mul(scale).intoArray(out, outOff + outStride + l);
            accC.mul(scale).intoArray(out, outOff + 2 * outStride + l);
            accD.mul(scale).intoArray(out, outOff + 3 * outStride + l);
        }
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

    private static FloatVector bytes(byte[] k, int offset) {
        return (FloatVector) ByteVector.fromArray(B, k, offset).convertShape(VectorOperators.B2F, F, 0);
    }
}
