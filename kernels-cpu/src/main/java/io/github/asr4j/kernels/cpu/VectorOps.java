package io.github.asr4j.kernels.cpu;

import static io.github.asr4j.kernels.cpu.VectorBackend.D;
import static io.github.asr4j.kernels.cpu.VectorBackend.F;
import static io.github.asr4j.kernels.cpu.VectorBackend.FD;
import static io.github.asr4j.kernels.cpu.VectorBackend.L;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD versions of {@link CpuBackend}'s row primitives. Each keeps a fixed reduction order for a
 * given length. Vector values never cross a method boundary (an un-inlined call would box them).
 */
final class VectorOps {
    private VectorOps() {}

    /** {@link #sumLanes(FloatVector)}'s shuffles, for kernels that must fold in place (see {@code F16Weights.Simd#dots4F16}). */
    static final VectorShuffle<Float>[] FLOAT_FOLDS = folds(F);
    private static final VectorShuffle<Double>[] DOUBLE_FOLDS = folds(D);

    /** Shuffles moving lane i + w to lane i, for every power of two w below the lane count. */
    @SuppressWarnings("unchecked")
    private static <E> VectorShuffle<E>[] folds(VectorSpecies<E> species) {
        int lanes = species.length();
        VectorShuffle<E>[] folds = new VectorShuffle[lanes];
        for (int w = 1; w < lanes; w *= 2) {
            int width = w;
            folds[w] = VectorShuffle.fromOp(species, i -> (i + width) % lanes);
        }
        return folds;
    }

    /**
     * The sum of the lanes in a fixed pairwise order. {@code reduceLanes(ADD)} leaves the order
     * open, and HotSpot's intrinsic and its Java fallback do differ, so a result would change with
     * JIT warm-up; lane-wise adds are exact IEEE operations either way.
     */
    static float sumLanes(FloatVector v) {
        for (int w = v.length() / 2; w >= 1; w /= 2) {
            v = v.add(v.rearrange(FLOAT_FOLDS[w]));
        }
        return v.lane(0);
    }

    /** As {@link #sumLanes(FloatVector)} for doubles. */
    static double sumLanes(DoubleVector v) {
        for (int w = v.length() / 2; w >= 1; w /= 2) {
            v = v.add(v.rearrange(DOUBLE_FOLDS[w]));
        }
        return v.lane(0);
    }


    static float dot(float[] a, int aOff, float[] b, int bOff, int len) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            acc = FloatVector.fromArray(F, a, aOff + i).fma(FloatVector.fromArray(F, b, bOff + i), acc);
        }
        float s = sumLanes(acc);
        for (; i < len; i++) {
            s = Math.fma(a[aOff + i], b[bOff + i], s);
        }
        return s;
    }

    static void axpy(float a, float[] x, int xOff, float[] y, int yOff, int len) {
        FloatVector av = FloatVector.broadcast(F, a);
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            av.fma(FloatVector.fromArray(F, x, xOff + i), FloatVector.fromArray(F, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < len; i++) {
            y[yOff + i] = Math.fma(a, x[xOff + i], y[yOff + i]);
        }
    }

    /**
     * As {@link #dot} over half-precision {@code b}; without {@code specials}, {@code b} must hold
     * no infinity or NaN (their decode is skipped).
     */
    static float dotF16(float[] a, int aOff, short[] b, int bOff, int len, boolean specials) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            FloatVector w = VectorWiden.half(VectorWiden.halves(b, bOff + i), specials);
            acc = FloatVector.fromArray(F, a, aOff + i).fma(w, acc);
        }
        float s = sumLanes(acc);
        for (; i < len; i++) {
            s = Math.fma(a[aOff + i], Float.float16ToFloat(b[bOff + i]), s);
        }
        return s;
    }

    /** Whether {@link #dots16} applies: sixteen lanes (one key per lane after the fold) and whole vectors per row. */
    static boolean dots16Fit(int len) {
        return L == 16 && len % L == 0;
    }

    /** Lane i takes lane i - w (mod the lane count); {@link #FLOAT_FOLDS} take lane i + w. */
    private static final VectorShuffle<Float>[] FLOAT_UNFOLDS = unfolds();
    /** Lanes whose index has bit w set. */
    private static final VectorMask<Float>[] UPPER = uppers();

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] unfolds() {
        VectorShuffle<Float>[] s = new VectorShuffle[L];
        for (int w = 1; w < L; w *= 2) {
            int width = w;
            s[w] = VectorShuffle.fromOp(F, i -> (i - width + L) % L);
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static VectorMask<Float>[] uppers() {
        VectorMask<Float>[] m = new VectorMask[L];
        for (int w = 1; w < L; w *= 2) {
            boolean[] bits = new boolean[L];
            for (int i = 0; i < L; i++) {
                bits[i] = (i & w) != 0;
            }
            m[w] = VectorMask.fromArray(F, bits, 0);
        }
        return m;
    }

    /**
     * {@code out[outOff + j] = dot(q, qOff, k, kOff + j·stride, len)·scale} for the sixteen keys
     * {@code j < 16}, bit-identical to {@link #dot} then the scale, with the sixteen lane folds done
     * together: each step pairs vectors p and q, lanes without bit w taking {@code p[i] + p[i + w]}
     * (p's fold) and lanes with it {@code q[i - w] + q[i]} (q's fold, moved up by w), so after four
     * levels (15 pair steps instead of 16 × 4 folds and lane reads) lane k holds key k's
     * {@link #sumLanes}, made of the same adds in the same order. Written out in one method: vector
     * arguments of a call the JIT does not inline are boxed. Needs {@link #dots16Fit}.
     */
    static void dots16(float[] q, int qOff, float[] k, int kOff, int stride, int len, float scale, float[] out, int outOff) {
        FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        FloatVector a8 = a0, a9 = a0, a10 = a0, a11 = a0, a12 = a0, a13 = a0, a14 = a0, a15 = a0;
        for (int c = 0, kc = kOff; c < len; c += L, kc += L) {
            FloatVector qv = FloatVector.fromArray(F, q, qOff + c);
            a0 = qv.fma(FloatVector.fromArray(F, k, kc), a0);
            a1 = qv.fma(FloatVector.fromArray(F, k, kc + stride), a1);
            a2 = qv.fma(FloatVector.fromArray(F, k, kc + 2 * stride), a2);
            a3 = qv.fma(FloatVector.fromArray(F, k, kc + 3 * stride), a3);
            a4 = qv.fma(FloatVector.fromArray(F, k, kc + 4 * stride), a4);
            a5 = qv.fma(FloatVector.fromArray(F, k, kc + 5 * stride), a5);
            a6 = qv.fma(FloatVector.fromArray(F, k, kc + 6 * stride), a6);
            a7 = qv.fma(FloatVector.fromArray(F, k, kc + 7 * stride), a7);
            a8 = qv.fma(FloatVector.fromArray(F, k, kc + 8 * stride), a8);
            a9 = qv.fma(FloatVector.fromArray(F, k, kc + 9 * stride), a9);
            a10 = qv.fma(FloatVector.fromArray(F, k, kc + 10 * stride), a10);
            a11 = qv.fma(FloatVector.fromArray(F, k, kc + 11 * stride), a11);
            a12 = qv.fma(FloatVector.fromArray(F, k, kc + 12 * stride), a12);
            a13 = qv.fma(FloatVector.fromArray(F, k, kc + 13 * stride), a13);
            a14 = qv.fma(FloatVector.fromArray(F, k, kc + 14 * stride), a14);
            a15 = qv.fma(FloatVector.fromArray(F, k, kc + 15 * stride), a15);
        }
        VectorShuffle<Float> up = FLOAT_FOLDS[8];
        VectorShuffle<Float> down = FLOAT_UNFOLDS[8];
        VectorMask<Float> upper = UPPER[8];
        FloatVector b0 = a0.blend(a8.rearrange(down), upper).add(a0.rearrange(up).blend(a8, upper));
        FloatVector b1 = a1.blend(a9.rearrange(down), upper).add(a1.rearrange(up).blend(a9, upper));
        FloatVector b2 = a2.blend(a10.rearrange(down), upper).add(a2.rearrange(up).blend(a10, upper));
        FloatVector b3 = a3.blend(a11.rearrange(down), upper).add(a3.rearrange(up).blend(a11, upper));
        FloatVector b4 = a4.blend(a12.rearrange(down), upper).add(a4.rearrange(up).blend(a12, upper));
        FloatVector b5 = a5.blend(a13.rearrange(down), upper).add(a5.rearrange(up).blend(a13, upper));
        FloatVector b6 = a6.blend(a14.rearrange(down), upper).add(a6.rearrange(up).blend(a14, upper));
        FloatVector b7 = a7.blend(a15.rearrange(down), upper).add(a7.rearrange(up).blend(a15, upper));
        up = FLOAT_FOLDS[4];
        down = FLOAT_UNFOLDS[4];
        upper = UPPER[4];
        FloatVector c0 = b0.blend(b4.rearrange(down), upper).add(b0.rearrange(up).blend(b4, upper));
        FloatVector c1 = b1.blend(b5.rearrange(down), upper).add(b1.rearrange(up).blend(b5, upper));
        FloatVector c2 = b2.blend(b6.rearrange(down), upper).add(b2.rearrange(up).blend(b6, upper));
        FloatVector c3 = b3.blend(b7.rearrange(down), upper).add(b3.rearrange(up).blend(b7, upper));
        up = FLOAT_FOLDS[2];
        down = FLOAT_UNFOLDS[2];
        upper = UPPER[2];
        FloatVector d0 = c0.blend(c2.rearrange(down), upper).add(c0.rearrange(up).blend(c2, upper));
        FloatVector d1 = c1.blend(c3.rearrange(down), upper).add(c1.rearrange(up).blend(c3, upper));
        FloatVector e = d0.blend(d1.rearrange(FLOAT_UNFOLDS[1]), UPPER[1]).add(d0.rearrange(FLOAT_FOLDS[1]).blend(d1, UPPER[1]));
        e.mul(scale).intoArray(out, outOff);
    }

    /** Whether {@link #tileScores} applies: whole vectors per tile row of sixteen keys. */
    static boolean tileFit() {
        return CpuBuffer.TILE % L == 0;
    }

    /**
     * {@code CpuBackend.tileScores}: sixteen keys' scores from a column-major tile ({@code [len][16]} at
     * {@code k[kOff ..]}: a widened tile, or a tile slice of an F32 key cache in place), one key per
     * lane, each element of q broadcast against a row of the tile, in four chains (d mod 4) added {@code (s0 + s1) + (s2 + s3)}: no lane folds, the same bits as the scalar
     * method. Needs {@link #tileFit}.
     */
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

    /**
     * {@link #tileScores} straight from a tile of halves ({@code [len][16]} at {@code kOff}), each row
     * decoded in registers by shift and mask without the decode's ×2¹¹², which {@code q} carries
     * instead (the caller's query times 2¹¹², exact): each fused multiply-add sees the same exact
     * product as over the widened tile, so the same bits, without the widened tile's store and reload.
     * Needs {@link #tileFit}.
     */
    static void tileScoresHalves(float[] q, int qOff, short[] k, int kOff, int len, float scale, float[] out, int outOff,
                                 boolean specials) {
        for (int l = 0; l < CpuBuffer.TILE; l += L) {
            FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
            int whole = len & ~3;
            for (int d = 0; d < whole; d += 4) {   // over d alone (t derived): a counted loop, no range check per broadcast
                int t = kOff + l + d * CpuBuffer.TILE;
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
            int d = whole;
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

    /**
     * {@link #tileScores} for four queries at once ({@code q} rows {@code qStride} apart, their
     * scores {@code outStride} apart): each tile vector loaded once for the four, each query's
     * chains as it has them alone (the same bits). Needs {@link #tileFit}.
     */
    static void tileScores4(float[] q, int qOff, int qStride, float[] tile, int len, float scale, float[] out, int outOff,
                            int outStride) {
        for (int l = 0; l < CpuBuffer.TILE; l += L) {
            FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
            FloatVector b0 = a0, b1 = a0, b2 = a0, b3 = a0;
            FloatVector c0 = a0, c1 = a0, c2 = a0, c3 = a0;
            FloatVector d0 = a0, d1 = a0, d2 = a0, d3 = a0;
            int qa = qOff, qb = qOff + qStride, qc = qOff + 2 * qStride, qd = qOff + 3 * qStride;
            int whole = len & ~3;
            for (int d = 0; d < whole; d += 4) {   // over d alone (t derived): a counted loop, no range check per broadcast
                int t = l + d * CpuBuffer.TILE;
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
            int d = whole;
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

    /**
     * {@link #tileScores} for two queries at once (a GQA pair of heads over one kv head's tile
     * slice): each tile vector loaded once for the two, eight chains in flight instead of four;
     * each query's chains as it has them alone (the same bits). Needs {@link #tileFit}.
     */
    static void tileScores2At(float[] q, int qOff, int qStride, float[] k, int kOff, int len, float scale, float[] out,
                              int outOff, int outStride) {
        for (int l = 0; l < CpuBuffer.TILE; l += L) {
            FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
            FloatVector b0 = a0, b1 = a0, b2 = a0, b3 = a0;
            int qa = qOff, qb = qOff + qStride;
            int whole = len & ~3;
            for (int d = 0; d < whole; d += 4) {   // over d alone (t derived): a counted loop, no range check per broadcast
                int t = kOff + l + d * CpuBuffer.TILE;
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
            int d = whole;
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

    /**
     * {@link #tileScores} for five queries at once (a beam search's step): each tile vector loaded
     * once for the five, twenty chains in registers, so the fifth query costs throughput instead
     * of a latency-bound pass of its own; each query's chains as it has them alone (the same bits).
     * Needs {@link #tileFit}.
     */
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

    /** As {@link #axpy} over half-precision {@code x}, {@code specials} as for {@link #dotF16}. */
    static void axpyF16(float a, short[] x, int xOff, float[] y, int yOff, int len, boolean specials) {
        FloatVector av = FloatVector.broadcast(F, a);
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            FloatVector w = VectorWiden.half(VectorWiden.halves(x, xOff + i), specials);
            av.fma(w, FloatVector.fromArray(F, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < len; i++) {
            y[yOff + i] = Math.fma(a, Float.float16ToFloat(x[xOff + i]), y[yOff + i]);
        }
    }

    /**
     * {@code CpuBackend.valueSumsF16}: one query's value sums over half-precision rows, key by key
     * and head by head (the rows read in order, as they stream best from memory), each head's slice
     * exactly as {@link #axpyF16} adds it: the same decode ({@link VectorWiden#half}) and fused
     * multiply-adds, so the same bits.
     *
     * <p>The decode is written out here rather than called, on purpose. C2 inlines a call to one of
     * our methods only while the compilation is under its node budget (the JDK's own Vector API
     * methods are force-inlined later instead); past it, a helper that takes or returns a vector
     * ({@code VectorWiden.half}, {@code halves}) stays a call and every vector crossing it is boxed.
     * Vector API code is node-heavy, so a body holding several kernels (the chunk's softmax, the
     * scores) crossed the budget in some JVMs and not others: 10-400 MB of garbage per decoder step
     * (JFR: {@code axpyF16}'s decode and fused multiply-add) in about one JVM in five, and in every
     * one when this loop was unrolled four times. Here the loop calls only the JDK's methods.
     */
    static void valueSumsF16(float[] w, int wOff, int wStride, int n, short[] x, int xOff, int stride, int heads, int group,
                             int len, float[] out, int outOff, boolean specials) {
        int bound = F.loopBound(len);
        for (int j = 0; j < n; j++) {
            for (int h = 0; h < heads; h++) {
                float s = w[wOff + h * wStride + j];
                FloatVector a = FloatVector.broadcast(F, s);
                int xh = xOff + j * stride + (h / group) * len;
                int o = outOff + h * len;
                int c = 0;
                for (; c < bound; c += L) {
                    IntVector half = (IntVector) ShortVector.fromArray(VectorWiden.S, x, xh + c)
                            .convertShape(VectorOperators.S2I, VectorWiden.I, 0);
                    IntVector bits = half.lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000);
                    FloatVector v = bits.reinterpretAsFloats().mul(VectorWiden.F16_SCALE);
                    if (specials) {
                        v = v.reinterpretAsInts()
                                .blend(bits.or(0x7F800000), half.and(0x7C00).compare(VectorOperators.EQ, 0x7C00))
                                .reinterpretAsFloats();
                    }
                    a.fma(v, FloatVector.fromArray(F, out, o + c)).intoArray(out, o + c);
                }
                for (; c < len; c++) {
                    out[o + c] = Math.fma(s, Float.float16ToFloat(x[xh + c]), out[o + c]);
                }
            }
        }
    }

    /**
     * {@link #valueSumsF16} head by head: each head's sums held in registers (four vectors at a
     * time) over all {@code n} keys instead of loaded and stored key by key; every element's fused
     * multiply-adds in key order from the same decode, so the same bits. Reads each row's head slice
     * in turn (rows {@code stride} apart): for value rows already in cache (touched first), where
     * the loads and stores of the sums, not the reads, were the cost.
     */
    static void valueSumsF16ByHead(float[] w, int wOff, int wStride, int n, short[] x, int xOff, int stride, int heads,
                                   int group, int len, float[] out, int outOff, boolean specials) {
        for (int h = 0; h < heads; h++) {
            int wh = wOff + h * wStride;
            int xh = xOff + (h / group) * len;
            int o = outOff + h * len;
            int c = 0;
            for (; c + 4 * L <= len; c += 4 * L) {
                FloatVector y0 = FloatVector.fromArray(F, out, o + c);
                FloatVector y1 = FloatVector.fromArray(F, out, o + c + L);
                FloatVector y2 = FloatVector.fromArray(F, out, o + c + 2 * L);
                FloatVector y3 = FloatVector.fromArray(F, out, o + c + 3 * L);
                for (int j = 0, xj = xh + c; j < n; j++, xj += stride) {
                    FloatVector a = FloatVector.broadcast(F, w[wh + j]);
                    IntVector h0 = (IntVector) ShortVector.fromArray(VectorWiden.S, x, xj)
                            .convertShape(VectorOperators.S2I, VectorWiden.I, 0);
                    IntVector h1 = (IntVector) ShortVector.fromArray(VectorWiden.S, x, xj + L)
                            .convertShape(VectorOperators.S2I, VectorWiden.I, 0);
                    IntVector h2 = (IntVector) ShortVector.fromArray(VectorWiden.S, x, xj + 2 * L)
                            .convertShape(VectorOperators.S2I, VectorWiden.I, 0);
                    IntVector h3 = (IntVector) ShortVector.fromArray(VectorWiden.S, x, xj + 3 * L)
                            .convertShape(VectorOperators.S2I, VectorWiden.I, 0);
                    IntVector b0 = h0.lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000);
                    IntVector b1 = h1.lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000);
                    IntVector b2 = h2.lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000);
                    IntVector b3 = h3.lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000);
                    FloatVector v0 = b0.reinterpretAsFloats().mul(VectorWiden.F16_SCALE);
                    FloatVector v1 = b1.reinterpretAsFloats().mul(VectorWiden.F16_SCALE);
                    FloatVector v2 = b2.reinterpretAsFloats().mul(VectorWiden.F16_SCALE);
                    FloatVector v3 = b3.reinterpretAsFloats().mul(VectorWiden.F16_SCALE);
                    if (specials) {
                        v0 = v0.reinterpretAsInts().blend(b0.or(0x7F800000), h0.and(0x7C00).compare(VectorOperators.EQ, 0x7C00))
                                .reinterpretAsFloats();
                        v1 = v1.reinterpretAsInts().blend(b1.or(0x7F800000), h1.and(0x7C00).compare(VectorOperators.EQ, 0x7C00))
                                .reinterpretAsFloats();
                        v2 = v2.reinterpretAsInts().blend(b2.or(0x7F800000), h2.and(0x7C00).compare(VectorOperators.EQ, 0x7C00))
                                .reinterpretAsFloats();
                        v3 = v3.reinterpretAsInts().blend(b3.or(0x7F800000), h3.and(0x7C00).compare(VectorOperators.EQ, 0x7C00))
                                .reinterpretAsFloats();
                    }
                    y0 = a.fma(v0, y0);
                    y1 = a.fma(v1, y1);
                    y2 = a.fma(v2, y2);
                    y3 = a.fma(v3, y3);
                }
                y0.intoArray(out, o + c);
                y1.intoArray(out, o + c + L);
                y2.intoArray(out, o + c + 2 * L);
                y3.intoArray(out, o + c + 3 * L);
            }
            for (; c + L <= len; c += L) {
                FloatVector y = FloatVector.fromArray(F, out, o + c);
                for (int j = 0, xj = xh + c; j < n; j++, xj += stride) {
                    IntVector half = (IntVector) ShortVector.fromArray(VectorWiden.S, x, xj)
                            .convertShape(VectorOperators.S2I, VectorWiden.I, 0);
                    IntVector bits = half.lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000);
                    FloatVector v = bits.reinterpretAsFloats().mul(VectorWiden.F16_SCALE);
                    if (specials) {
                        v = v.reinterpretAsInts()
                                .blend(bits.or(0x7F800000), half.and(0x7C00).compare(VectorOperators.EQ, 0x7C00))
                                .reinterpretAsFloats();
                    }
                    y = FloatVector.broadcast(F, w[wh + j]).fma(v, y);
                }
                y.intoArray(out, o + c);
            }
            for (; c < len; c++) {
                float y = out[o + c];
                for (int j = 0, xj = xh + c; j < n; j++, xj += stride) {
                    y = Math.fma(w[wh + j], Float.float16ToFloat(x[xj]), y);
                }
                out[o + c] = y;
            }
        }
    }

    /**
     * {@code out[outOff + c] += Σ w[wOff + j]·x[xOff + j·stride + c]} for {@code c < len}, keys
     * {@code j < n} in order: the same fused multiply-adds in the same order per element as
     * {@code n} calls of {@link #axpy} (so bit-identical to them), with each output vector held in
     * a register over all the keys instead of stored and reloaded key by key.
     */
    static void weightedRows(float[] w, int wOff, int n, float[] x, int xOff, int stride, float[] out, int outOff, int len) {
        int c = 0;
        for (; c + 4 * L <= len; c += 4 * L) {
            FloatVector y0 = FloatVector.fromArray(F, out, outOff + c);
            FloatVector y1 = FloatVector.fromArray(F, out, outOff + c + L);
            FloatVector y2 = FloatVector.fromArray(F, out, outOff + c + 2 * L);
            FloatVector y3 = FloatVector.fromArray(F, out, outOff + c + 3 * L);
            for (int j = 0, xj = xOff + c; j < n; j++, xj += stride) {
                FloatVector a = FloatVector.broadcast(F, w[wOff + j]);
                y0 = a.fma(FloatVector.fromArray(F, x, xj), y0);
                y1 = a.fma(FloatVector.fromArray(F, x, xj + L), y1);
                y2 = a.fma(FloatVector.fromArray(F, x, xj + 2 * L), y2);
                y3 = a.fma(FloatVector.fromArray(F, x, xj + 3 * L), y3);
            }
            y0.intoArray(out, outOff + c);
            y1.intoArray(out, outOff + c + L);
            y2.intoArray(out, outOff + c + 2 * L);
            y3.intoArray(out, outOff + c + 3 * L);
        }
        for (int bound = F.loopBound(len); c < bound; c += L) {
            FloatVector y = FloatVector.fromArray(F, out, outOff + c);
            for (int j = 0, xj = xOff + c; j < n; j++, xj += stride) {
                y = FloatVector.broadcast(F, w[wOff + j]).fma(FloatVector.fromArray(F, x, xj), y);
            }
            y.intoArray(out, outOff + c);
        }
        for (; c < len; c++) {
            float y = out[outOff + c];
            for (int j = 0, xj = xOff + c; j < n; j++, xj += stride) {
                y = Math.fma(w[wOff + j], x[xj], y);
            }
            out[outOff + c] = y;
        }
    }

    /**
     * {@link #weightedRows} for two sets of weights ({@code wStride} apart) into two outputs
     * ({@code outStride} apart; a GQA pair of heads over one kv head's value rows): four column
     * vectors of each row loaded once for the two, eight chains, each output's fused multiply-adds
     * in the same order as alone (the same bits). Needs {@code len} a multiple of 4·L.
     */
    static void weightedRows2(float[] w, int wOff, int wStride, int n, float[] x, int xOff, int stride, float[] out, int outOff,
                              int outStride, int len) {
        int o0 = outOff, o1 = outOff + outStride;
        for (int c = 0; c < len; c += 4 * L) {
            FloatVector a0 = FloatVector.fromArray(F, out, o0 + c), a1 = FloatVector.fromArray(F, out, o0 + c + L);
            FloatVector a2 = FloatVector.fromArray(F, out, o0 + c + 2 * L), a3 = FloatVector.fromArray(F, out, o0 + c + 3 * L);
            FloatVector b0 = FloatVector.fromArray(F, out, o1 + c), b1 = FloatVector.fromArray(F, out, o1 + c + L);
            FloatVector b2 = FloatVector.fromArray(F, out, o1 + c + 2 * L), b3 = FloatVector.fromArray(F, out, o1 + c + 3 * L);
            for (int j = 0, xj = xOff + c, wj = wOff; j < n; j++, xj += stride, wj++) {
                FloatVector x0 = FloatVector.fromArray(F, x, xj);
                FloatVector x1 = FloatVector.fromArray(F, x, xj + L);
                FloatVector x2 = FloatVector.fromArray(F, x, xj + 2 * L);
                FloatVector x3 = FloatVector.fromArray(F, x, xj + 3 * L);
                FloatVector wa = FloatVector.broadcast(F, w[wj]);
                FloatVector wb = FloatVector.broadcast(F, w[wj + wStride]);
                a0 = wa.fma(x0, a0);
                b0 = wb.fma(x0, b0);
                a1 = wa.fma(x1, a1);
                b1 = wb.fma(x1, b1);
                a2 = wa.fma(x2, a2);
                b2 = wb.fma(x2, b2);
                a3 = wa.fma(x3, a3);
                b3 = wb.fma(x3, b3);
            }
            a0.intoArray(out, o0 + c);
            a1.intoArray(out, o0 + c + L);
            a2.intoArray(out, o0 + c + 2 * L);
            a3.intoArray(out, o0 + c + 3 * L);
            b0.intoArray(out, o1 + c);
            b1.intoArray(out, o1 + c + L);
            b2.intoArray(out, o1 + c + 2 * L);
            b3.intoArray(out, o1 + c + 3 * L);
        }
    }

    /**
     * {@link #weightedRows} for four sets of weights ({@code wStride} apart) into four outputs
     * ({@code outStride} apart): each row vector loaded once for the four, each output's fused
     * multiply-adds in the same order as alone (the same bits). Needs {@code len} a multiple of 2·L.
     */
    static void weightedRows4(float[] w, int wOff, int wStride, int n, float[] x, int xOff, int stride, float[] out, int outOff,
                              int outStride, int len) {
        int o0 = outOff, o1 = outOff + outStride, o2 = outOff + 2 * outStride, o3 = outOff + 3 * outStride;
        for (int c = 0; c < len; c += 2 * L) {
            FloatVector a0 = FloatVector.fromArray(F, out, o0 + c), a1 = FloatVector.fromArray(F, out, o0 + c + L);
            FloatVector b0 = FloatVector.fromArray(F, out, o1 + c), b1 = FloatVector.fromArray(F, out, o1 + c + L);
            FloatVector c0 = FloatVector.fromArray(F, out, o2 + c), c1 = FloatVector.fromArray(F, out, o2 + c + L);
            FloatVector d0 = FloatVector.fromArray(F, out, o3 + c), d1 = FloatVector.fromArray(F, out, o3 + c + L);
            for (int j = 0, xj = xOff + c, wj = wOff; j < n; j++, xj += stride, wj++) {
                FloatVector x0 = FloatVector.fromArray(F, x, xj);
                FloatVector x1 = FloatVector.fromArray(F, x, xj + L);
                FloatVector wa = FloatVector.broadcast(F, w[wj]);
                FloatVector wb = FloatVector.broadcast(F, w[wj + wStride]);
                FloatVector wc = FloatVector.broadcast(F, w[wj + 2 * wStride]);
                FloatVector wd = FloatVector.broadcast(F, w[wj + 3 * wStride]);
                a0 = wa.fma(x0, a0);
                a1 = wa.fma(x1, a1);
                b0 = wb.fma(x0, b0);
                b1 = wb.fma(x1, b1);
                c0 = wc.fma(x0, c0);
                c1 = wc.fma(x1, c1);
                d0 = wd.fma(x0, d0);
                d1 = wd.fma(x1, d1);
            }
            a0.intoArray(out, o0 + c);
            a1.intoArray(out, o0 + c + L);
            b0.intoArray(out, o1 + c);
            b1.intoArray(out, o1 + c + L);
            c0.intoArray(out, o2 + c);
            c1.intoArray(out, o2 + c + L);
            d0.intoArray(out, o3 + c);
            d1.intoArray(out, o3 + c + L);
        }
    }

    /**
     * {@link #weightedRows4} for five sets of weights (a beam search's step): two column vectors
     * of each row loaded once for the five outputs, ten chains, each output's fused multiply-adds
     * in the same order as alone (the same bits). Needs {@code len} a multiple of 2·L.
     */
    static void weightedRows5(float[] w, int wOff, int wStride, int n, float[] x, int xOff, int stride, float[] out, int outOff,
                              int outStride, int len) {
        int o0 = outOff, o1 = outOff + outStride, o2 = outOff + 2 * outStride, o3 = outOff + 3 * outStride;
        int o4 = outOff + 4 * outStride;
        for (int c = 0; c < len; c += 2 * L) {
            FloatVector a0 = FloatVector.fromArray(F, out, o0 + c), a1 = FloatVector.fromArray(F, out, o0 + c + L);
            FloatVector b0 = FloatVector.fromArray(F, out, o1 + c), b1 = FloatVector.fromArray(F, out, o1 + c + L);
            FloatVector c0 = FloatVector.fromArray(F, out, o2 + c), c1 = FloatVector.fromArray(F, out, o2 + c + L);
            FloatVector d0 = FloatVector.fromArray(F, out, o3 + c), d1 = FloatVector.fromArray(F, out, o3 + c + L);
            FloatVector e0 = FloatVector.fromArray(F, out, o4 + c), e1 = FloatVector.fromArray(F, out, o4 + c + L);
            for (int j = 0, xj = xOff + c, wj = wOff; j < n; j++, xj += stride, wj++) {
                FloatVector x0 = FloatVector.fromArray(F, x, xj);
                FloatVector x1 = FloatVector.fromArray(F, x, xj + L);
                FloatVector wa = FloatVector.broadcast(F, w[wj]);
                FloatVector wb = FloatVector.broadcast(F, w[wj + wStride]);
                FloatVector wc = FloatVector.broadcast(F, w[wj + 2 * wStride]);
                FloatVector wd = FloatVector.broadcast(F, w[wj + 3 * wStride]);
                FloatVector we = FloatVector.broadcast(F, w[wj + 4 * wStride]);
                a0 = wa.fma(x0, a0);
                a1 = wa.fma(x1, a1);
                b0 = wb.fma(x0, b0);
                b1 = wb.fma(x1, b1);
                c0 = wc.fma(x0, c0);
                c1 = wc.fma(x1, c1);
                d0 = wd.fma(x0, d0);
                d1 = wd.fma(x1, d1);
                e0 = we.fma(x0, e0);
                e1 = we.fma(x1, e1);
            }
            a0.intoArray(out, o0 + c);
            a1.intoArray(out, o0 + c + L);
            b0.intoArray(out, o1 + c);
            b1.intoArray(out, o1 + c + L);
            c0.intoArray(out, o2 + c);
            c1.intoArray(out, o2 + c + L);
            d0.intoArray(out, o3 + c);
            d1.intoArray(out, o3 + c + L);
            e0.intoArray(out, o4 + c);
            e1.intoArray(out, o4 + c + L);
        }
    }

    static void scale(float[] x, int off, int len, float factor) {
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            FloatVector.fromArray(F, x, off + i).mul(factor).intoArray(x, off + i);
        }
        for (; i < len; i++) {
            x[off + i] *= factor;
        }
    }

    static float max(float[] x, int off, int len) {
        // Four running maxima: Java's max (NaN and -0 rules) is several instructions on x86, so
        // one chain would wait on each; the maximum does not depend on the order.
        FloatVector m0 = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        FloatVector m1 = m0;
        FloatVector m2 = m0;
        FloatVector m3 = m0;
        int i = 0;
        for (int bound = len - 4 * L; i <= bound; i += 4 * L) {
            m0 = m0.max(FloatVector.fromArray(F, x, off + i));
            m1 = m1.max(FloatVector.fromArray(F, x, off + i + L));
            m2 = m2.max(FloatVector.fromArray(F, x, off + i + 2 * L));
            m3 = m3.max(FloatVector.fromArray(F, x, off + i + 3 * L));
        }
        for (int bound = F.loopBound(len); i < bound; i += L) {
            m0 = m0.max(FloatVector.fromArray(F, x, off + i));
        }
        float max = m0.max(m1).max(m2.max(m3)).reduceLanes(VectorOperators.MAX);
        for (; i < len; i++) {
            max = Math.max(max, x[off + i]);
        }
        return max;
    }

    static float expShiftedInPlace(float[] x, int off, int len, float max) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            FloatVector e = VectorExp.exp(FloatVector.fromArray(F, x, off + i).sub(max));
            e.intoArray(x, off + i);
            acc = acc.add(e);
        }
        // sumLanes(acc) written out: the decoder attention calls this deep in its task, where the
        // JIT sometimes left sumLanes a call, and a vector passed to a call is boxed (the JDK's own
        // vector methods are always inlined)
        for (int w = L / 2; w >= 1; w /= 2) {
            acc = acc.add(acc.rearrange(FLOAT_FOLDS[w]));
        }
        float sum = acc.lane(0);
        for (; i < len; i++) {
            float e = (float) Math.exp(x[off + i] - max);
            x[off + i] = e;
            sum += e;
        }
        return sum;
    }

    /** {@code x[i] = exp((x[i] - max)·scale)} over the range; returns the sum of the results. */
    static float expScaledInPlace(float[] x, int off, int len, float max, float scale) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            FloatVector e = VectorExp.exp(FloatVector.fromArray(F, x, off + i).sub(max).mul(scale));
            e.intoArray(x, off + i);
            acc = acc.add(e);
        }
        float sum = sumLanes(acc);
        for (; i < len; i++) {
            float e = (float) Math.exp((x[off + i] - max) * scale);
            x[off + i] = e;
            sum += e;
        }
        return sum;
    }

    static void layerNormRow(float[] x, int off, int dim, float[] gamma, float[] beta, float eps, float[] y) {
        int lanes = FD.length();
        int bound = FD.loopBound(dim);
        DoubleVector acc = DoubleVector.zero(D);
        int i = 0;
        for (; i < bound; i += lanes) {
            acc = acc.add((DoubleVector) FloatVector.fromArray(FD, x, off + i).convertShape(VectorOperators.F2D, D, 0));
        }
        double sum = sumLanes(acc);
        for (; i < dim; i++) {
            sum += x[off + i];
        }
        double mean = sum / dim;
        acc = DoubleVector.zero(D);
        for (i = 0; i < bound; i += lanes) {
            DoubleVector d = ((DoubleVector) FloatVector.fromArray(FD, x, off + i).convertShape(VectorOperators.F2D, D, 0))
                    .sub(mean);
            acc = d.fma(d, acc);
        }
        double sq = sumLanes(acc);
        for (; i < dim; i++) {
            double d = x[off + i] - mean;
            sq += d * d;
        }
        float m = (float) mean;
        float inv = (float) (1 / Math.sqrt(sq / dim + eps));
        i = 0;
        for (int fb = F.loopBound(dim); i < fb; i += L) {
            FloatVector v = FloatVector.fromArray(F, x, off + i).sub(m).mul(inv);
            v.fma(FloatVector.fromArray(F, gamma, i), FloatVector.fromArray(F, beta, i)).intoArray(y, off + i);
        }
        for (; i < dim; i++) {
            y[off + i] = Math.fma((x[off + i] - m) * inv, gamma[i], beta[i]);
        }
    }
}
