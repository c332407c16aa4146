package io.github.asr4j.kernels.cpu;

import static io.github.asr4j.kernels.cpu.VectorWiden.F;
import static io.github.asr4j.kernels.cpu.VectorWiden.I;
import static io.github.asr4j.kernels.cpu.VectorWiden.S;
import static io.github.asr4j.kernels.cpu.WeightMatrix.I16_LE;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.*;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;

/**
 * ifold: main's dot4F16 (515e28b), the branch's fold with main's int offsets ("fold") the branch's first kernel ("fold+long": odd-vector offsets as long sums) and an eight-row form of the fold ("eight": rows j and j + 1 of each quarter a call, whole vector pairs only), copied side by side, timed in one JVM on one thread, passes
 * alternated (the three in an order rotated every pass) over the same matrix (rows of 768 or 3072, quarters as dotRowsScaled reads
 * them), weights gaussian * 0.02 as halves with the subnormal ones zeroed (no FMA assists; the decode is the same
 * shift and mask). Prints per case: median ns per quad of rows for each, the paired difference, new faster in k of
 * n, and whether every output had the same bits. Args: passes, then cases ROWSxCOLS.
 */
public class FoldKernelProbe {
    private static final int L = F.length();
        private static final IntVector FOLD8_LOW = L == 16 ? indices(i -> i < 8 ? i : i + 8) : null;
        private static final IntVector FOLD8_HIGH = L == 16 ? indices(i -> i < 8 ? i + 8 : i + 16) : null;
        private static final IntVector FOLD4_LOW = L == 16 ? indices(i -> 8 * (i / 4) + i % 4) : null;
        private static final IntVector FOLD4_HIGH = L == 16 ? indices(i -> 8 * (i / 4) + 4 + i % 4) : null;
        /** Within each four lanes, lane i takes lane i + 2 (mod 4), and lane i + 1. */
        private static final VectorShuffle<Float> QUARTER_FOLD2 = VectorShuffle.fromOp(F, i -> (i & ~3) | ((i + 2) & 3));
        private static final VectorShuffle<Float> QUARTER_FOLD1 = VectorShuffle.fromOp(F, i -> (i & ~3) | ((i + 1) & 3));

        private static IntVector indices(java.util.function.IntUnaryOperator index) {
            int[] lanes = new int[L];
            for (int i = 0; i < L; i++) {
                lanes[i] = index.applyAsInt(i);
            }
            return IntVector.fromArray(I, lanes, 0);
        }

        static void oldDot4(float[] x, int xOff, int scaledOff, MemorySegment seg, long elementA,
                                    long elementB, long elementC, long elementD, int len, float[] y, int yOff, int apart) {
            long baseA = elementA * 2;
            long baseB = elementB * 2;
            long baseC = elementC * 2;
            long baseD = elementD * 2;
            FloatVector ae = FloatVector.zero(F);
            FloatVector ao = FloatVector.zero(F);
            FloatVector be = FloatVector.zero(F);
            FloatVector bo = FloatVector.zero(F);
            FloatVector ce = FloatVector.zero(F);
            FloatVector co = FloatVector.zero(F);
            FloatVector de = FloatVector.zero(F);
            FloatVector dOdd = FloatVector.zero(F);
            int bound = F.loopBound(len);
            int pairBound = len & -(2 * L);
            int k = 0;
            for (; k < pairBound; k += 2 * L) {
                FloatVector xv = FloatVector.fromArray(F, x, scaledOff + k);
                FloatVector a = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseA + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                FloatVector b = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseB + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                FloatVector c = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseC + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                FloatVector d = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseD + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                ae = xv.fma(a, ae);
                be = xv.fma(b, be);
                ce = xv.fma(c, ce);
                de = xv.fma(d, de);
                int k1 = k + L;
                xv = FloatVector.fromArray(F, x, scaledOff + k1);
                a = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseA + 2L * k1, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                b = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseB + 2L * k1, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                c = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseC + 2L * k1, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                d = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseD + 2L * k1, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                ao = xv.fma(a, ao);
                bo = xv.fma(b, bo);
                co = xv.fma(c, co);
                dOdd = xv.fma(d, dOdd);
            }
            if (k < bound) { // an odd vector count: the last one is even
                FloatVector xv = FloatVector.fromArray(F, x, scaledOff + k);
                FloatVector a = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseA + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                FloatVector b = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseB + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                FloatVector c = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseC + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                FloatVector d = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseD + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                ae = xv.fma(a, ae);
                be = xv.fma(b, be);
                ce = xv.fma(c, ce);
                de = xv.fma(d, de);
                k += L;
            }
            // ae + ao and VectorOps.sumLanes' folds, with no call on a loop phi: such a call binds only from the
            // type profile, which a method compiled without one lacks, and then boxes its vectors. So the sums start
            // from -0 (the exact additive identity, same bits) and the folds are written level by level.
            FloatVector va = FloatVector.broadcast(F, -0f).add(ae).add(ao);
            FloatVector vb = FloatVector.broadcast(F, -0f).add(be).add(bo);
            FloatVector vc = FloatVector.broadcast(F, -0f).add(ce).add(co);
            FloatVector vd = FloatVector.broadcast(F, -0f).add(de).add(dOdd);
            if (L >= 16) {
                va = va.add(va.rearrange(VectorOps.FLOAT_FOLDS[8]));
                vb = vb.add(vb.rearrange(VectorOps.FLOAT_FOLDS[8]));
                vc = vc.add(vc.rearrange(VectorOps.FLOAT_FOLDS[8]));
                vd = vd.add(vd.rearrange(VectorOps.FLOAT_FOLDS[8]));
            }
            if (L >= 8) {
                va = va.add(va.rearrange(VectorOps.FLOAT_FOLDS[4]));
                vb = vb.add(vb.rearrange(VectorOps.FLOAT_FOLDS[4]));
                vc = vc.add(vc.rearrange(VectorOps.FLOAT_FOLDS[4]));
                vd = vd.add(vd.rearrange(VectorOps.FLOAT_FOLDS[4]));
            }
            va = va.add(va.rearrange(VectorOps.FLOAT_FOLDS[2]));
            vb = vb.add(vb.rearrange(VectorOps.FLOAT_FOLDS[2]));
            vc = vc.add(vc.rearrange(VectorOps.FLOAT_FOLDS[2]));
            vd = vd.add(vd.rearrange(VectorOps.FLOAT_FOLDS[2]));
            va = va.add(va.rearrange(VectorOps.FLOAT_FOLDS[1]));
            vb = vb.add(vb.rearrange(VectorOps.FLOAT_FOLDS[1]));
            vc = vc.add(vc.rearrange(VectorOps.FLOAT_FOLDS[1]));
            vd = vd.add(vd.rearrange(VectorOps.FLOAT_FOLDS[1]));
            float s = va.lane(0);
            float t = vb.lane(0);
            float u = vc.lane(0);
            float v = vd.lane(0);
            for (; k < len; k++) {
                s = Math.fma(x[xOff + k], Float.float16ToFloat(seg.get(I16_LE, baseA + 2L * k)), s);
                t = Math.fma(x[xOff + k], Float.float16ToFloat(seg.get(I16_LE, baseB + 2L * k)), t);
                u = Math.fma(x[xOff + k], Float.float16ToFloat(seg.get(I16_LE, baseC + 2L * k)), u);
                v = Math.fma(x[xOff + k], Float.float16ToFloat(seg.get(I16_LE, baseD + 2L * k)), v);
            }
            y[yOff] = s;
            y[yOff + apart] = t;
            y[yOff + 2 * apart] = u;
            y[yOff + 3 * apart] = v;
        }

        static void newDot4(float[] x, int xOff, int scaledOff, MemorySegment seg, long elementA,
                                    long elementB, long elementC, long elementD, int len, float[] y, int yOff, int apart) {
            long baseA = elementA * 2;
            long baseB = elementB * 2;
            long baseC = elementC * 2;
            long baseD = elementD * 2;
            FloatVector ae = FloatVector.zero(F);
            FloatVector ao = FloatVector.zero(F);
            FloatVector be = FloatVector.zero(F);
            FloatVector bo = FloatVector.zero(F);
            FloatVector ce = FloatVector.zero(F);
            FloatVector co = FloatVector.zero(F);
            FloatVector de = FloatVector.zero(F);
            FloatVector dOdd = FloatVector.zero(F);
            int bound = F.loopBound(len);
            int pairBound = len & -(2 * L);
            int k = 0;
            for (; k < pairBound; k += 2 * L) {
                FloatVector xv = FloatVector.fromArray(F, x, scaledOff + k);
                FloatVector a = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseA + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                FloatVector b = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseB + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                FloatVector c = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseC + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                FloatVector d = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseD + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                ae = xv.fma(a, ae);
                be = xv.fma(b, be);
                ce = xv.fma(c, ce);
                de = xv.fma(d, de);
                // the odd vectors' offsets as long sums (2L * (k + L) would be an int sum, sign-extended: C2 then
                // range-checks each of the four loads in the loop and keeps the bounds on the stack)
                xv = FloatVector.fromArray(F, x, scaledOff + k + L);
                a = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseA + 2L * k + 2L * L, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                b = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseB + 2L * k + 2L * L, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                c = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseC + 2L * k + 2L * L, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                d = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseD + 2L * k + 2L * L, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                ao = xv.fma(a, ao);
                bo = xv.fma(b, bo);
                co = xv.fma(c, co);
                dOdd = xv.fma(d, dOdd);
            }
            if (k < bound) { // an odd vector count: the last one is even
                FloatVector xv = FloatVector.fromArray(F, x, scaledOff + k);
                FloatVector a = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseA + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                FloatVector b = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseB + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                FloatVector c = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseC + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                FloatVector d = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseD + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                ae = xv.fma(a, ae);
                be = xv.fma(b, be);
                ce = xv.fma(c, ce);
                de = xv.fma(d, de);
                k += L;
            }
            // ae + ao and VectorOps.sumLanes' folds, with no call on a loop phi: such a call binds only from the
            // type profile, which a method compiled without one lacks, and then boxes its vectors. So the sums start
            // from -0 (the exact additive identity, same bits) and the folds are written level by level.
            FloatVector va = FloatVector.broadcast(F, -0f).add(ae).add(ao);
            FloatVector vb = FloatVector.broadcast(F, -0f).add(be).add(bo);
            FloatVector vc = FloatVector.broadcast(F, -0f).add(ce).add(co);
            FloatVector vd = FloatVector.broadcast(F, -0f).add(de).add(dOdd);
            float s;
            float t;
            float u;
            float v;
            if (L == 16) {
                // the four rows' folds side by side, each lane adding the same two lanes as VectorOps.sumLanes
                // (lane i with i + 8, then i + 4, i + 2, i + 1; the lower lane the left operand): two-source
                // permutes gather the four rows' halves, 8 permutes and 5 adds for the quad instead of 16 and 16
                IntVector ia = va.reinterpretAsInts();
                IntVector ib = vb.reinterpretAsInts();
                IntVector ic = vc.reinterpretAsInts();
                IntVector id = vd.reinterpretAsInts();
                FloatVector ab = FOLD8_LOW.selectFrom(ia, ib).reinterpretAsFloats()
                        .add(FOLD8_HIGH.selectFrom(ia, ib).reinterpretAsFloats());
                FloatVector cd = FOLD8_LOW.selectFrom(ic, id).reinterpretAsFloats()
                        .add(FOLD8_HIGH.selectFrom(ic, id).reinterpretAsFloats());
                IntVector iab = ab.reinterpretAsInts();
                IntVector icd = cd.reinterpretAsInts();
                FloatVector w = FOLD4_LOW.selectFrom(iab, icd).reinterpretAsFloats() // rows A, B, C, D in lanes 0-3, 4-7, 8-11, 12-15
                        .add(FOLD4_HIGH.selectFrom(iab, icd).reinterpretAsFloats());
                w = w.add(w.rearrange(QUARTER_FOLD2));
                w = w.add(w.rearrange(QUARTER_FOLD1));
                s = w.lane(0);
                t = w.lane(4);
                u = w.lane(8);
                v = w.lane(12);
            } else {
                if (L >= 8) { // the same levels, row by row
                    va = va.add(va.rearrange(VectorOps.FLOAT_FOLDS[4]));
                    vb = vb.add(vb.rearrange(VectorOps.FLOAT_FOLDS[4]));
                    vc = vc.add(vc.rearrange(VectorOps.FLOAT_FOLDS[4]));
                    vd = vd.add(vd.rearrange(VectorOps.FLOAT_FOLDS[4]));
                }
                va = va.add(va.rearrange(VectorOps.FLOAT_FOLDS[2]));
                vb = vb.add(vb.rearrange(VectorOps.FLOAT_FOLDS[2]));
                vc = vc.add(vc.rearrange(VectorOps.FLOAT_FOLDS[2]));
                vd = vd.add(vd.rearrange(VectorOps.FLOAT_FOLDS[2]));
                va = va.add(va.rearrange(VectorOps.FLOAT_FOLDS[1]));
                vb = vb.add(vb.rearrange(VectorOps.FLOAT_FOLDS[1]));
                vc = vc.add(vc.rearrange(VectorOps.FLOAT_FOLDS[1]));
                vd = vd.add(vd.rearrange(VectorOps.FLOAT_FOLDS[1]));
                s = va.lane(0);
                t = vb.lane(0);
                u = vc.lane(0);
                v = vd.lane(0);
            }
            for (; k < len; k++) {
                s = Math.fma(x[xOff + k], Float.float16ToFloat(seg.get(I16_LE, baseA + 2L * k)), s);
                t = Math.fma(x[xOff + k], Float.float16ToFloat(seg.get(I16_LE, baseB + 2L * k)), t);
                u = Math.fma(x[xOff + k], Float.float16ToFloat(seg.get(I16_LE, baseC + 2L * k)), u);
                v = Math.fma(x[xOff + k], Float.float16ToFloat(seg.get(I16_LE, baseD + 2L * k)), v);
            }
            y[yOff] = s;
            y[yOff + apart] = t;
            y[yOff + 2 * apart] = u;
            y[yOff + 3 * apart] = v;
        }

    static void midDot4(float[] x, int xOff, int scaledOff, MemorySegment seg, long elementA,
                                    long elementB, long elementC, long elementD, int len, float[] y, int yOff, int apart) {
            long baseA = elementA * 2;
            long baseB = elementB * 2;
            long baseC = elementC * 2;
            long baseD = elementD * 2;
            FloatVector ae = FloatVector.zero(F);
            FloatVector ao = FloatVector.zero(F);
            FloatVector be = FloatVector.zero(F);
            FloatVector bo = FloatVector.zero(F);
            FloatVector ce = FloatVector.zero(F);
            FloatVector co = FloatVector.zero(F);
            FloatVector de = FloatVector.zero(F);
            FloatVector dOdd = FloatVector.zero(F);
            int bound = F.loopBound(len);
            int pairBound = len & -(2 * L);
            int k = 0;
            for (; k < pairBound; k += 2 * L) {
                FloatVector xv = FloatVector.fromArray(F, x, scaledOff + k);
                FloatVector a = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseA + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                FloatVector b = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseB + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                FloatVector c = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseC + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                FloatVector d = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseD + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                ae = xv.fma(a, ae);
                be = xv.fma(b, be);
                ce = xv.fma(c, ce);
                de = xv.fma(d, de);
                // the odd vectors' offsets as long sums (2L * (k + L) would be an int sum, sign-extended: C2 then
                // range-checks each of the four loads in the loop and keeps the bounds on the stack)
                xv = FloatVector.fromArray(F, x, scaledOff + k + L);
                a = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseA + 2L * (k + L), ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                b = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseB + 2L * (k + L), ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                c = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseC + 2L * (k + L), ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                d = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseD + 2L * (k + L), ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                ao = xv.fma(a, ao);
                bo = xv.fma(b, bo);
                co = xv.fma(c, co);
                dOdd = xv.fma(d, dOdd);
            }
            if (k < bound) { // an odd vector count: the last one is even
                FloatVector xv = FloatVector.fromArray(F, x, scaledOff + k);
                FloatVector a = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseA + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                FloatVector b = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseB + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                FloatVector c = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseC + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                FloatVector d = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseD + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                ae = xv.fma(a, ae);
                be = xv.fma(b, be);
                ce = xv.fma(c, ce);
                de = xv.fma(d, de);
                k += L;
            }
            // ae + ao and VectorOps.sumLanes' folds, with no call on a loop phi: such a call binds only from the
            // type profile, which a method compiled without one lacks, and then boxes its vectors. So the sums start
            // from -0 (the exact additive identity, same bits) and the folds are written level by level.
            FloatVector va = FloatVector.broadcast(F, -0f).add(ae).add(ao);
            FloatVector vb = FloatVector.broadcast(F, -0f).add(be).add(bo);
            FloatVector vc = FloatVector.broadcast(F, -0f).add(ce).add(co);
            FloatVector vd = FloatVector.broadcast(F, -0f).add(de).add(dOdd);
            float s;
            float t;
            float u;
            float v;
            if (L == 16) {
                // the four rows' folds side by side, each lane adding the same two lanes as VectorOps.sumLanes
                // (lane i with i + 8, then i + 4, i + 2, i + 1; the lower lane the left operand): two-source
                // permutes gather the four rows' halves, 8 permutes and 5 adds for the quad instead of 16 and 16
                IntVector ia = va.reinterpretAsInts();
                IntVector ib = vb.reinterpretAsInts();
                IntVector ic = vc.reinterpretAsInts();
                IntVector id = vd.reinterpretAsInts();
                FloatVector ab = FOLD8_LOW.selectFrom(ia, ib).reinterpretAsFloats()
                        .add(FOLD8_HIGH.selectFrom(ia, ib).reinterpretAsFloats());
                FloatVector cd = FOLD8_LOW.selectFrom(ic, id).reinterpretAsFloats()
                        .add(FOLD8_HIGH.selectFrom(ic, id).reinterpretAsFloats());
                IntVector iab = ab.reinterpretAsInts();
                IntVector icd = cd.reinterpretAsInts();
                FloatVector w = FOLD4_LOW.selectFrom(iab, icd).reinterpretAsFloats() // rows A, B, C, D in lanes 0-3, 4-7, 8-11, 12-15
                        .add(FOLD4_HIGH.selectFrom(iab, icd).reinterpretAsFloats());
                w = w.add(w.rearrange(QUARTER_FOLD2));
                w = w.add(w.rearrange(QUARTER_FOLD1));
                s = w.lane(0);
                t = w.lane(4);
                u = w.lane(8);
                v = w.lane(12);
            } else {
                if (L >= 8) { // the same levels, row by row
                    va = va.add(va.rearrange(VectorOps.FLOAT_FOLDS[4]));
                    vb = vb.add(vb.rearrange(VectorOps.FLOAT_FOLDS[4]));
                    vc = vc.add(vc.rearrange(VectorOps.FLOAT_FOLDS[4]));
                    vd = vd.add(vd.rearrange(VectorOps.FLOAT_FOLDS[4]));
                }
                va = va.add(va.rearrange(VectorOps.FLOAT_FOLDS[2]));
                vb = vb.add(vb.rearrange(VectorOps.FLOAT_FOLDS[2]));
                vc = vc.add(vc.rearrange(VectorOps.FLOAT_FOLDS[2]));
                vd = vd.add(vd.rearrange(VectorOps.FLOAT_FOLDS[2]));
                va = va.add(va.rearrange(VectorOps.FLOAT_FOLDS[1]));
                vb = vb.add(vb.rearrange(VectorOps.FLOAT_FOLDS[1]));
                vc = vc.add(vc.rearrange(VectorOps.FLOAT_FOLDS[1]));
                vd = vd.add(vd.rearrange(VectorOps.FLOAT_FOLDS[1]));
                s = va.lane(0);
                t = vb.lane(0);
                u = vc.lane(0);
                v = vd.lane(0);
            }
            for (; k < len; k++) {
                s = Math.fma(x[xOff + k], Float.float16ToFloat(seg.get(I16_LE, baseA + 2L * k)), s);
                t = Math.fma(x[xOff + k], Float.float16ToFloat(seg.get(I16_LE, baseB + 2L * k)), t);
                u = Math.fma(x[xOff + k], Float.float16ToFloat(seg.get(I16_LE, baseC + 2L * k)), u);
                v = Math.fma(x[xOff + k], Float.float16ToFloat(seg.get(I16_LE, baseD + 2L * k)), v);
            }
            y[yOff] = s;
            y[yOff + apart] = t;
            y[yOff + 2 * apart] = u;
            y[yOff + 3 * apart] = v;
        }

    /** Two quads a call: rows j and j + 1 of each quarter (eight streams), 16 accumulators, the input loaded once for eight rows; each row's sum as dot4F16's. */
    static void eightDot4(float[] x, int xOff, int scaledOff, MemorySegment seg, long elementA, long elementB, long elementC, long elementD,
                          int cols, float[] y, int yOff, int apart) {
        int len = cols;
        long baseA = (elementA + 0L * cols) * 2;
        long baseB = (elementB + 0L * cols) * 2;
        long baseC = (elementC + 0L * cols) * 2;
        long baseD = (elementD + 0L * cols) * 2;
        long baseE = (elementA + 1L * cols) * 2;
        long baseF = (elementB + 1L * cols) * 2;
        long baseG = (elementC + 1L * cols) * 2;
        long baseH = (elementD + 1L * cols) * 2;
        FloatVector accAe = FloatVector.zero(F);
        FloatVector accAo = FloatVector.zero(F);
        FloatVector accBe = FloatVector.zero(F);
        FloatVector accBo = FloatVector.zero(F);
        FloatVector accCe = FloatVector.zero(F);
        FloatVector accCo = FloatVector.zero(F);
        FloatVector accDe = FloatVector.zero(F);
        FloatVector accDo = FloatVector.zero(F);
        FloatVector accEe = FloatVector.zero(F);
        FloatVector accEo = FloatVector.zero(F);
        FloatVector accFe = FloatVector.zero(F);
        FloatVector accFo = FloatVector.zero(F);
        FloatVector accGe = FloatVector.zero(F);
        FloatVector accGo = FloatVector.zero(F);
        FloatVector accHe = FloatVector.zero(F);
        FloatVector accHo = FloatVector.zero(F);
        int pairBound = len & -(2 * L);
        int k = 0;
        for (; k < pairBound; k += 2 * L) {
            FloatVector xv = FloatVector.fromArray(F, x, scaledOff + k);
            accAe = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, baseA + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), accAe);
            accBe = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, baseB + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), accBe);
            accCe = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, baseC + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), accCe);
            accDe = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, baseD + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), accDe);
            accEe = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, baseE + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), accEe);
            accFe = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, baseF + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), accFe);
            accGe = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, baseG + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), accGe);
            accHe = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, baseH + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), accHe);
            int k1 = k + L;
            xv = FloatVector.fromArray(F, x, scaledOff + k1);
            accAo = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, baseA + 2L * k1, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), accAo);
            accBo = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, baseB + 2L * k1, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), accBo);
            accCo = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, baseC + 2L * k1, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), accCo);
            accDo = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, baseD + 2L * k1, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), accDo);
            accEo = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, baseE + 2L * k1, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), accEo);
            accFo = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, baseF + 2L * k1, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), accFo);
            accGo = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, baseG + 2L * k1, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), accGo);
            accHo = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, baseH + 2L * k1, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), accHo);
        }
        // whole vector pairs only (768, 3072): no odd vector, no scalar tail
        FloatVector va = FloatVector.broadcast(F, -0f).add(accAe).add(accAo);
        FloatVector vb = FloatVector.broadcast(F, -0f).add(accBe).add(accBo);
        FloatVector vc = FloatVector.broadcast(F, -0f).add(accCe).add(accCo);
        FloatVector vd = FloatVector.broadcast(F, -0f).add(accDe).add(accDo);
        FloatVector ve = FloatVector.broadcast(F, -0f).add(accEe).add(accEo);
        FloatVector vf = FloatVector.broadcast(F, -0f).add(accFe).add(accFo);
        FloatVector vg = FloatVector.broadcast(F, -0f).add(accGe).add(accGo);
        FloatVector vh = FloatVector.broadcast(F, -0f).add(accHe).add(accHo);
        {
            IntVector ia = va.reinterpretAsInts(), ib = vb.reinterpretAsInts(), ic = vc.reinterpretAsInts(), id = vd.reinterpretAsInts();
            FloatVector ab = FOLD8_LOW.selectFrom(ia, ib).reinterpretAsFloats().add(FOLD8_HIGH.selectFrom(ia, ib).reinterpretAsFloats());
            FloatVector cd = FOLD8_LOW.selectFrom(ic, id).reinterpretAsFloats().add(FOLD8_HIGH.selectFrom(ic, id).reinterpretAsFloats());
            IntVector iab = ab.reinterpretAsInts(), icd = cd.reinterpretAsInts();
            FloatVector w = FOLD4_LOW.selectFrom(iab, icd).reinterpretAsFloats().add(FOLD4_HIGH.selectFrom(iab, icd).reinterpretAsFloats());
            w = w.add(w.rearrange(QUARTER_FOLD2));
            w = w.add(w.rearrange(QUARTER_FOLD1));
            y[yOff + 0] = w.lane(0);
            y[yOff + 0 + apart] = w.lane(4);
            y[yOff + 0 + 2 * apart] = w.lane(8);
            y[yOff + 0 + 3 * apart] = w.lane(12);
        }
        {
            IntVector ia = ve.reinterpretAsInts(), ib = vf.reinterpretAsInts(), ic = vg.reinterpretAsInts(), id = vh.reinterpretAsInts();
            FloatVector ab = FOLD8_LOW.selectFrom(ia, ib).reinterpretAsFloats().add(FOLD8_HIGH.selectFrom(ia, ib).reinterpretAsFloats());
            FloatVector cd = FOLD8_LOW.selectFrom(ic, id).reinterpretAsFloats().add(FOLD8_HIGH.selectFrom(ic, id).reinterpretAsFloats());
            IntVector iab = ab.reinterpretAsInts(), icd = cd.reinterpretAsInts();
            FloatVector w = FOLD4_LOW.selectFrom(iab, icd).reinterpretAsFloats().add(FOLD4_HIGH.selectFrom(iab, icd).reinterpretAsFloats());
            w = w.add(w.rearrange(QUARTER_FOLD2));
            w = w.add(w.rearrange(QUARTER_FOLD1));
            y[yOff + 1] = w.lane(0);
            y[yOff + 1 + apart] = w.lane(4);
            y[yOff + 1 + 2 * apart] = w.lane(8);
            y[yOff + 1 + 3 * apart] = w.lane(12);
        }
    }

    public static void main(String[] args) {
        int passes = Integer.parseInt(args[0]);
        for (int ai = 1; ai < args.length; ai++) {
            String[] p = args[ai].split("x");
            int rows = Integer.parseInt(p[0]), cols = Integer.parseInt(p[1]);
            Random r = new Random(7);
            MemorySegment seg = Arena.ofAuto().allocate(2L * rows * cols, 64);
            for (long i = 0; i < (long) rows * cols; i++) {
                short h = Float.floatToFloat16((float) r.nextGaussian() * 0.02f);
                if ((h & 0x7C00) == 0) h = 0;
                seg.set(I16_LE, 2 * i, h);
            }
            float[] x = new float[2 * cols];
            for (int i = 0; i < cols; i++) { x[i] = (float) r.nextGaussian(); x[cols + i] = x[i] * 0x1p112f; }
            float[] y0 = new float[rows], y1 = new float[rows], y2 = new float[rows], y3 = new float[rows];
            int quarter = rows / 4;
            int reps = Math.max(1, 20_000_000 / (rows * cols)); // ~40 MB read a pass
            long[][] t = new long[4][passes];
            for (int w = -20; w < passes; w++) {
                for (int v0 = 0; v0 < 4; v0++) {
                    int v = (v0 + w + 21) % 4; // the order rotated every pass
                    float[] y = v == 0 ? y0 : v == 1 ? y1 : v == 2 ? y2 : y3;
                    long a = System.nanoTime();
                    if (v == 3) {
                        for (int k = 0; k < reps; k++) for (int j = 0; j < quarter; j += 2) {
                            eightDot4(x, 0, cols, seg, (long) j * cols, (long) (j + quarter) * cols, (long) (j + 2 * quarter) * cols, (long) (j + 3 * quarter) * cols, cols, y, j, quarter);
                        }
                    } else
                    for (int k = 0; k < reps; k++) for (int j = 0; j < quarter; j++) {
                        long ea = (long) j * cols, eb = (long) (j + quarter) * cols, ec = (long) (j + 2 * quarter) * cols, ed = (long) (j + 3 * quarter) * cols;
                        if (v == 0) oldDot4(x, 0, cols, seg, ea, eb, ec, ed, cols, y, j, quarter);
                        else if (v == 1) midDot4(x, 0, cols, seg, ea, eb, ec, ed, cols, y, j, quarter);
                        else newDot4(x, 0, cols, seg, ea, eb, ec, ed, cols, y, j, quarter);
                    }
                    if (w >= 0) t[v][w] = System.nanoTime() - a;
                }
            }
            boolean same = true;
            for (int i = 0; i < 4 * quarter; i++) same &= Float.floatToRawIntBits(y0[i]) == Float.floatToRawIntBits(y1[i])
                    && Float.floatToRawIntBits(y0[i]) == Float.floatToRawIntBits(y2[i]) && Float.floatToRawIntBits(y0[i]) == Float.floatToRawIntBits(y3[i]);
            double q = (double) reps * quarter;
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%5dx%-4d (%4.1f MB) ns/quad:", rows, cols, 2e-6 * rows * cols));
            double[] med = new double[4];
            for (int v = 0; v < 4; v++) {
                double[] o = new double[passes];
                for (int i = 0; i < passes; i++) o[i] = t[v][i] / q;
                Arrays.sort(o);
                med[v] = o[passes / 2];
            }
            String[] names = {"main", "fold", "fold+long", "eight"};
            for (int v = 0; v < 4; v++) sb.append(String.format(Locale.ROOT, " %s %.1f (%.1f GB/s)", names[v], med[v], 8.0 * cols / med[v]));
            for (int v = 1; v < 4; v++) {
                double[] d = new double[passes];
                int faster = 0;
                for (int i = 0; i < passes; i++) { d[i] = (t[v][i] - t[0][i]) / q; if (d[i] < 0) faster++; }
                Arrays.sort(d);
                sb.append(String.format(Locale.ROOT, "; %s-main paired %+.1f, faster in %d of %d", names[v], d[passes / 2], faster, passes));
            }
            sb.append("; same bits ").append(same);
            System.out.println(sb);
        }
    }
}
