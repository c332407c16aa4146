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
