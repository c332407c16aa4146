package io.github.asr4j.kernels.cpu;

import static io.github.asr4j.kernels.cpu.VectorBackend.F;
import static io.github.asr4j.kernels.cpu.VectorBackend.L;

import jdk.incubator.vector.FloatVector;

/** tiles probe: five queries' tile scores as 3 + 2 or 4 + 1 counted passes over the tile (each query's chains unchanged). */
final class Variants {
    private Variants() {}

    static void split32(float[] q, int qOff, int qStride, float[] tile, int len, float scale, float[] out, int outOff, int outStride) {
        tileScores3(q, qOff, qStride, tile, len, scale, out, outOff, outStride);
        VectorOps.tileScores2At(q, qOff + 3 * qStride, qStride, tile, 0, len, scale, out, outOff + 3 * outStride, outStride);
    }

    static void split41(float[] q, int qOff, int qStride, float[] tile, int len, float scale, float[] out, int outOff, int outStride) {
        VectorOps.tileScores4(q, qOff, qStride, tile, len, scale, out, outOff, outStride);
        VectorOps.tileScores(q, qOff + 4 * qStride, tile, 0, len, scale, out, outOff + 4 * outStride);
    }

    static void tileScores3(float[] q, int qOff, int qStride, float[] tile, int len, float scale, float[] out, int outOff,
                            int outStride) {
        for (int l = 0; l < CpuBuffer.TILE; l += L) {
            FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
            FloatVector b0 = a0, b1 = a0, b2 = a0, b3 = a0;
            FloatVector c0 = a0, c1 = a0, c2 = a0, c3 = a0;
            int qa = qOff, qb = qOff + qStride, qc = qOff + 2 * qStride;
            int whole = len & ~3;
            for (int d = 0; d < whole; d += 4) {
                int t = l + d * CpuBuffer.TILE;
                FloatVector k0 = FloatVector.fromArray(F, tile, t);
                FloatVector k1 = FloatVector.fromArray(F, tile, t + CpuBuffer.TILE);
                FloatVector k2 = FloatVector.fromArray(F, tile, t + 2 * CpuBuffer.TILE);
                FloatVector k3 = FloatVector.fromArray(F, tile, t + 3 * CpuBuffer.TILE);
                a0 = FloatVector.broadcast(F, q[qa + d]).fma(k0, a0);
                b0 = FloatVector.broadcast(F, q[qb + d]).fma(k0, b0);
                c0 = FloatVector.broadcast(F, q[qc + d]).fma(k0, c0);
                a1 = FloatVector.broadcast(F, q[qa + d + 1]).fma(k1, a1);
                b1 = FloatVector.broadcast(F, q[qb + d + 1]).fma(k1, b1);
                c1 = FloatVector.broadcast(F, q[qc + d + 1]).fma(k1, c1);
                a2 = FloatVector.broadcast(F, q[qa + d + 2]).fma(k2, a2);
                b2 = FloatVector.broadcast(F, q[qb + d + 2]).fma(k2, b2);
                c2 = FloatVector.broadcast(F, q[qc + d + 2]).fma(k2, c2);
                a3 = FloatVector.broadcast(F, q[qa + d + 3]).fma(k3, a3);
                b3 = FloatVector.broadcast(F, q[qb + d + 3]).fma(k3, b3);
                c3 = FloatVector.broadcast(F, q[qc + d + 3]).fma(k3, c3);
            }
            int d = whole;
            if (d < len) {
                FloatVector k0 = FloatVector.fromArray(F, tile, d * CpuBuffer.TILE + l);
                a0 = FloatVector.broadcast(F, q[qa + d]).fma(k0, a0);
                b0 = FloatVector.broadcast(F, q[qb + d]).fma(k0, b0);
                c0 = FloatVector.broadcast(F, q[qc + d]).fma(k0, c0);
            }
            if (d + 1 < len) {
                FloatVector k1 = FloatVector.fromArray(F, tile, (d + 1) * CpuBuffer.TILE + l);
                a1 = FloatVector.broadcast(F, q[qa + d + 1]).fma(k1, a1);
                b1 = FloatVector.broadcast(F, q[qb + d + 1]).fma(k1, b1);
                c1 = FloatVector.broadcast(F, q[qc + d + 1]).fma(k1, c1);
            }
            if (d + 2 < len) {
                FloatVector k2 = FloatVector.fromArray(F, tile, (d + 2) * CpuBuffer.TILE + l);
                a2 = FloatVector.broadcast(F, q[qa + d + 2]).fma(k2, a2);
                b2 = FloatVector.broadcast(F, q[qb + d + 2]).fma(k2, b2);
                c2 = FloatVector.broadcast(F, q[qc + d + 2]).fma(k2, c2);
            }
            a0.add(a1).add(a2.add(a3)).mul(scale).intoArray(out, outOff + l);
            b0.add(b1).add(b2.add(b3)).mul(scale).intoArray(out, outOff + outStride + l);
            c0.add(c1).add(c2.add(c3)).mul(scale).intoArray(out, outOff + 2 * outStride + l);
        }
    }
}
