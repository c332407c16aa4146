package io.github.asr4j.kernels.cpu;

import static io.github.asr4j.kernels.cpu.VectorBackend.F;
import static io.github.asr4j.kernels.cpu.VectorBackend.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/** Main 3722249's five tile-score kernels verbatim (two induction variables), for TileLoopProbe's same-JVM A/B. */
final class OldTiles {
    private OldTiles() {}

    static void tileScores(float[] q, int qOff, float[] k, int kOff, int len, float scale, float[] out, int outOff) {
        for (int l = 0; l < CpuBuffer.TILE; l += L) {
            FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
            int d = 0;
            for (int t = kOff + l; d + 4 <= len; d += 4, t += 4 * CpuBuffer.TILE) {
                s0 = FloatVector.broadcast(F, q[qOff + d]).fma(FloatVector.fromArray(F, k, t), s0);
                s1 = FloatVector.broadcast(F, q[qOff + d + 1]).fma(FloatVector.fromArray(F, k, t + CpuBuffer.TILE), s1);
                s2 = FloatVector.broadcast(F, q[qOff + d + 2]).fma(FloatVector.fromArray(F, k, t + 2 * CpuBuffer.TILE), s2);
                s3 = FloatVector.broadcast(F, q[qOff + d + 3]).fma(FloatVector.fromArray(F, k, t + 3 * CpuBuffer.TILE), s3);
            }
            if (d < len) {
                s0 = FloatVector.broadcast(F, q[qOff + d]).fma(FloatVector.fromArray(F, k, kOff + d * CpuBuffer.TILE + l), s0);
            }
            if (d + 1 < len) {
                s1 = FloatVector.broadcast(F, q[qOff + d + 1]).fma(FloatVector.fromArray(F, k, kOff + (d + 1) * CpuBuffer.TILE + l), s1);
            }
            if (d + 2 < len) {
                s2 = FloatVector.broadcast(F, q[qOff + d + 2]).fma(FloatVector.fromArray(F, k, kOff + (d + 2) * CpuBuffer.TILE + l), s2);
            }
            s0.add(s1).add(s2.add(s3)).mul(scale).intoArray(out, outOff + l);
        }
    }

    static void tileScoresHalves(float[] q, int qOff, short[] k, int kOff, int len, float scale, float[] out, int outOff,
                                 boolean specials) {
        for (int l = 0; l < CpuBuffer.TILE; l += L) {
            FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
            int d = 0;
            for (int t = kOff + l; d + 4 <= len; d += 4, t += 4 * CpuBuffer.TILE) {
                IntVector h0 = (IntVector) ShortVector.fromArray(VectorWiden.S, k, t)
                        .convertShape(VectorOperators.S2I, VectorWiden.I, 0);
                IntVector b0 = h0.lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000);
                FloatVector v0 = b0.reinterpretAsFloats();
                if (specials) {
                    v0 = v0.reinterpretAsInts().blend(b0.or(0x7F800000), h0.and(0x7C00).compare(VectorOperators.EQ, 0x7C00))
                            .reinterpretAsFloats();
                }
                IntVector h1 = (IntVector) ShortVector.fromArray(VectorWiden.S, k, t + CpuBuffer.TILE)
                        .convertShape(VectorOperators.S2I, VectorWiden.I, 0);
                IntVector b1 = h1.lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000);
                FloatVector v1 = b1.reinterpretAsFloats();
                if (specials) {
                    v1 = v1.reinterpretAsInts().blend(b1.or(0x7F800000), h1.and(0x7C00).compare(VectorOperators.EQ, 0x7C00))
                            .reinterpretAsFloats();
                }
                IntVector h2 = (IntVector) ShortVector.fromArray(VectorWiden.S, k, t + 2 * CpuBuffer.TILE)
                        .convertShape(VectorOperators.S2I, VectorWiden.I, 0);
                IntVector b2 = h2.lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000);
                FloatVector v2 = b2.reinterpretAsFloats();
                if (specials) {
                    v2 = v2.reinterpretAsInts().blend(b2.or(0x7F800000), h2.and(0x7C00).compare(VectorOperators.EQ, 0x7C00))
                            .reinterpretAsFloats();
                }
                IntVector h3 = (IntVector) ShortVector.fromArray(VectorWiden.S, k, t + 3 * CpuBuffer.TILE)
                        .convertShape(VectorOperators.S2I, VectorWiden.I, 0);
                IntVector b3 = h3.lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000);
                FloatVector v3 = b3.reinterpretAsFloats();
                if (specials) {
                    v3 = v3.reinterpretAsInts().blend(b3.or(0x7F800000), h3.and(0x7C00).compare(VectorOperators.EQ, 0x7C00))
                            .reinterpretAsFloats();
                }
                s0 = FloatVector.broadcast(F, q[qOff + d]).fma(v0, s0);
                s1 = FloatVector.broadcast(F, q[qOff + d + 1]).fma(v1, s1);
                s2 = FloatVector.broadcast(F, q[qOff + d + 2]).fma(v2, s2);
                s3 = FloatVector.broadcast(F, q[qOff + d + 3]).fma(v3, s3);
            }
            for (int e = 0; d + e < len; e++) {   // len mod 4 left: chains 0, 1, 2 as tileScores takes them
                int t = kOff + (d + e) * CpuBuffer.TILE + l;
                IntVector h0 = (IntVector) ShortVector.fromArray(VectorWiden.S, k, t)
                        .convertShape(VectorOperators.S2I, VectorWiden.I, 0);
                IntVector b0 = h0.lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000);
                FloatVector v0 = b0.reinterpretAsFloats();
                if (specials) {
                    v0 = v0.reinterpretAsInts().blend(b0.or(0x7F800000), h0.and(0x7C00).compare(VectorOperators.EQ, 0x7C00))
                            .reinterpretAsFloats();
                }
                FloatVector x = FloatVector.broadcast(F, q[qOff + d + e]).fma(v0, e == 0 ? s0 : e == 1 ? s1 : s2);
                if (e == 0) {
                    s0 = x;
                } else if (e == 1) {
                    s1 = x;
                } else {
                    s2 = x;
                }
            }
            s0.add(s1).add(s2.add(s3)).mul(scale).intoArray(out, outOff + l);
        }
    }

    static void tileScores4(float[] q, int qOff, int qStride, float[] tile, int len, float scale, float[] out, int outOff,
                            int outStride) {
        for (int l = 0; l < CpuBuffer.TILE; l += L) {
            FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
            FloatVector b0 = a0, b1 = a0, b2 = a0, b3 = a0;
            FloatVector c0 = a0, c1 = a0, c2 = a0, c3 = a0;
            FloatVector d0 = a0, d1 = a0, d2 = a0, d3 = a0;
            int qa = qOff, qb = qOff + qStride, qc = qOff + 2 * qStride, qd = qOff + 3 * qStride;
            int d = 0;
            for (int t = l; d + 4 <= len; d += 4, t += 4 * CpuBuffer.TILE) {
                FloatVector k0 = FloatVector.fromArray(F, tile, t);
                FloatVector k1 = FloatVector.fromArray(F, tile, t + CpuBuffer.TILE);
                FloatVector k2 = FloatVector.fromArray(F, tile, t + 2 * CpuBuffer.TILE);
                FloatVector k3 = FloatVector.fromArray(F, tile, t + 3 * CpuBuffer.TILE);
                a0 = FloatVector.broadcast(F, q[qa + d]).fma(k0, a0);
                b0 = FloatVector.broadcast(F, q[qb + d]).fma(k0, b0);
                c0 = FloatVector.broadcast(F, q[qc + d]).fma(k0, c0);
                d0 = FloatVector.broadcast(F, q[qd + d]).fma(k0, d0);
                a1 = FloatVector.broadcast(F, q[qa + d + 1]).fma(k1, a1);
                b1 = FloatVector.broadcast(F, q[qb + d + 1]).fma(k1, b1);
                c1 = FloatVector.broadcast(F, q[qc + d + 1]).fma(k1, c1);
                d1 = FloatVector.broadcast(F, q[qd + d + 1]).fma(k1, d1);
                a2 = FloatVector.broadcast(F, q[qa + d + 2]).fma(k2, a2);
                b2 = FloatVector.broadcast(F, q[qb + d + 2]).fma(k2, b2);
                c2 = FloatVector.broadcast(F, q[qc + d + 2]).fma(k2, c2);
                d2 = FloatVector.broadcast(F, q[qd + d + 2]).fma(k2, d2);
                a3 = FloatVector.broadcast(F, q[qa + d + 3]).fma(k3, a3);
                b3 = FloatVector.broadcast(F, q[qb + d + 3]).fma(k3, b3);
                c3 = FloatVector.broadcast(F, q[qc + d + 3]).fma(k3, c3);
                d3 = FloatVector.broadcast(F, q[qd + d + 3]).fma(k3, d3);
            }
            if (d < len) {
                FloatVector k0 = FloatVector.fromArray(F, tile, d * CpuBuffer.TILE + l);
                a0 = FloatVector.broadcast(F, q[qa + d]).fma(k0, a0);
                b0 = FloatVector.broadcast(F, q[qb + d]).fma(k0, b0);
                c0 = FloatVector.broadcast(F, q[qc + d]).fma(k0, c0);
                d0 = FloatVector.broadcast(F, q[qd + d]).fma(k0, d0);
            }
            if (d + 1 < len) {
                FloatVector k1 = FloatVector.fromArray(F, tile, (d + 1) * CpuBuffer.TILE + l);
                a1 = FloatVector.broadcast(F, q[qa + d + 1]).fma(k1, a1);
                b1 = FloatVector.broadcast(F, q[qb + d + 1]).fma(k1, b1);
                c1 = FloatVector.broadcast(F, q[qc + d + 1]).fma(k1, c1);
                d1 = FloatVector.broadcast(F, q[qd + d + 1]).fma(k1, d1);
            }
            if (d + 2 < len) {
                FloatVector k2 = FloatVector.fromArray(F, tile, (d + 2) * CpuBuffer.TILE + l);
                a2 = FloatVector.broadcast(F, q[qa + d + 2]).fma(k2, a2);
                b2 = FloatVector.broadcast(F, q[qb + d + 2]).fma(k2, b2);
                c2 = FloatVector.broadcast(F, q[qc + d + 2]).fma(k2, c2);
                d2 = FloatVector.broadcast(F, q[qd + d + 2]).fma(k2, d2);
            }
            a0.add(a1).add(a2.add(a3)).mul(scale).intoArray(out, outOff + l);
            b0.add(b1).add(b2.add(b3)).mul(scale).intoArray(out, outOff + outStride + l);
            c0.add(c1).add(c2.add(c3)).mul(scale).intoArray(out, outOff + 2 * outStride + l);
            d0.add(d1).add(d2.add(d3)).mul(scale).intoArray(out, outOff + 3 * outStride + l);
        }
    }

    static void tileScores2At(float[] q, int qOff, int qStride, float[] k, int kOff, int len, float scale, float[] out,
                              int outOff, int outStride) {
        for (int l = 0; l < CpuBuffer.TILE; l += L) {
            FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
            FloatVector b0 = a0, b1 = a0, b2 = a0, b3 = a0;
            int qa = qOff, qb = qOff + qStride;
            int d = 0;
            for (int t = kOff + l; d + 4 <= len; d += 4, t += 4 * CpuBuffer.TILE) {
                FloatVector k0 = FloatVector.fromArray(F, k, t);
                FloatVector k1 = FloatVector.fromArray(F, k, t + CpuBuffer.TILE);
                FloatVector k2 = FloatVector.fromArray(F, k, t + 2 * CpuBuffer.TILE);
                FloatVector k3 = FloatVector.fromArray(F, k, t + 3 * CpuBuffer.TILE);
                a0 = FloatVector.broadcast(F, q[qa + d]).fma(k0, a0);
                b0 = FloatVector.broadcast(F, q[qb + d]).fma(k0, b0);
                a1 = FloatVector.broadcast(F, q[qa + d + 1]).fma(k1, a1);
                b1 = FloatVector.broadcast(F, q[qb + d + 1]).fma(k1, b1);
                a2 = FloatVector.broadcast(F, q[qa + d + 2]).fma(k2, a2);
                b2 = FloatVector.broadcast(F, q[qb + d + 2]).fma(k2, b2);
                a3 = FloatVector.broadcast(F, q[qa + d + 3]).fma(k3, a3);
                b3 = FloatVector.broadcast(F, q[qb + d + 3]).fma(k3, b3);
            }
            if (d < len) {
                FloatVector k0 = FloatVector.fromArray(F, k, kOff + d * CpuBuffer.TILE + l);
                a0 = FloatVector.broadcast(F, q[qa + d]).fma(k0, a0);
                b0 = FloatVector.broadcast(F, q[qb + d]).fma(k0, b0);
            }
            if (d + 1 < len) {
                FloatVector k1 = FloatVector.fromArray(F, k, kOff + (d + 1) * CpuBuffer.TILE + l);
                a1 = FloatVector.broadcast(F, q[qa + d + 1]).fma(k1, a1);
                b1 = FloatVector.broadcast(F, q[qb + d + 1]).fma(k1, b1);
            }
            if (d + 2 < len) {
                FloatVector k2 = FloatVector.fromArray(F, k, kOff + (d + 2) * CpuBuffer.TILE + l);
                a2 = FloatVector.broadcast(F, q[qa + d + 2]).fma(k2, a2);
                b2 = FloatVector.broadcast(F, q[qb + d + 2]).fma(k2, b2);
            }
            a0.add(a1).add(a2.add(a3)).mul(scale).intoArray(out, outOff + l);
            b0.add(b1).add(b2.add(b3)).mul(scale).intoArray(out, outOff + outStride + l);
        }
    }

    static void tileScores5(float[] q, int qOff, int qStride, float[] tile, int len, float scale, float[] out, int outOff,
                            int outStride) {
        for (int l = 0; l < CpuBuffer.TILE; l += L) {
            FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
            FloatVector b0 = a0, b1 = a0, b2 = a0, b3 = a0;
            FloatVector c0 = a0, c1 = a0, c2 = a0, c3 = a0;
            FloatVector d0 = a0, d1 = a0, d2 = a0, d3 = a0;
            FloatVector e0 = a0, e1 = a0, e2 = a0, e3 = a0;
            int qa = qOff, qb = qOff + qStride, qc = qOff + 2 * qStride, qd = qOff + 3 * qStride, qe = qOff + 4 * qStride;
            int d = 0;
            for (int t = l; d + 4 <= len; d += 4, t += 4 * CpuBuffer.TILE) {
                FloatVector k0 = FloatVector.fromArray(F, tile, t);
                FloatVector k1 = FloatVector.fromArray(F, tile, t + CpuBuffer.TILE);
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
                FloatVector k2 = FloatVector.fromArray(F, tile, t + 2 * CpuBuffer.TILE);
                FloatVector k3 = FloatVector.fromArray(F, tile, t + 3 * CpuBuffer.TILE);
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
            if (d < len) {
                FloatVector k0 = FloatVector.fromArray(F, tile, d * CpuBuffer.TILE + l);
                a0 = FloatVector.broadcast(F, q[qa + d]).fma(k0, a0);
                b0 = FloatVector.broadcast(F, q[qb + d]).fma(k0, b0);
                c0 = FloatVector.broadcast(F, q[qc + d]).fma(k0, c0);
                d0 = FloatVector.broadcast(F, q[qd + d]).fma(k0, d0);
                e0 = FloatVector.broadcast(F, q[qe + d]).fma(k0, e0);
            }
            if (d + 1 < len) {
                FloatVector k1 = FloatVector.fromArray(F, tile, (d + 1) * CpuBuffer.TILE + l);
                a1 = FloatVector.broadcast(F, q[qa + d + 1]).fma(k1, a1);
                b1 = FloatVector.broadcast(F, q[qb + d + 1]).fma(k1, b1);
                c1 = FloatVector.broadcast(F, q[qc + d + 1]).fma(k1, c1);
                d1 = FloatVector.broadcast(F, q[qd + d + 1]).fma(k1, d1);
                e1 = FloatVector.broadcast(F, q[qe + d + 1]).fma(k1, e1);
            }
            if (d + 2 < len) {
                FloatVector k2 = FloatVector.fromArray(F, tile, (d + 2) * CpuBuffer.TILE + l);
                a2 = FloatVector.broadcast(F, q[qa + d + 2]).fma(k2, a2);
                b2 = FloatVector.broadcast(F, q[qb + d + 2]).fma(k2, b2);
                c2 = FloatVector.broadcast(F, q[qc + d + 2]).fma(k2, c2);
                d2 = FloatVector.broadcast(F, q[qd + d + 2]).fma(k2, d2);
                e2 = FloatVector.broadcast(F, q[qe + d + 2]).fma(k2, e2);
            }
            a0.add(a1).add(a2.add(a3)).mul(scale).intoArray(out, outOff + l);
            b0.add(b1).add(b2.add(b3)).mul(scale).intoArray(out, outOff + outStride + l);
            c0.add(c1).add(c2.add(c3)).mul(scale).intoArray(out, outOff + 2 * outStride + l);
            d0.add(d1).add(d2.add(d3)).mul(scale).intoArray(out, outOff + 3 * outStride + l);
            e0.add(e1).add(e2.add(e3)).mul(scale).intoArray(out, outOff + 4 * outStride + l);
        }
    }
}
