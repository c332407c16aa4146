package io.github.asr4j.kernels.cpu;

import static io.github.asr4j.kernels.cpu.VectorWiden.F;
import static io.github.asr4j.kernels.cpu.VectorWiden.I;
import static io.github.asr4j.kernels.cpu.VectorWiden.S;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;

/**
 * files3 lab (not product code): main's octet-pair kernel (dots8PairOctetF16's loops, generated) with its tree fold
 * ("tree") and with the sixteen sums folded together by two-vector selects, four levels ("fold16"); 16 lanes only.
 * Checks that both give the same bits, then times them alternated in one JVM (one thread, 8 weight rows of 768 in L1).
 */
public final class OctetFoldLab {
    static final int L = F.length();
    static final int EVENS = 16;
    static final IntVector LO1 = idx(i -> i < 8 ? i : 8 + i), HI1 = idx(i -> i < 8 ? i + 8 : 16 + i);
    static final IntVector LO2 = idx(i -> (i / 4) * 8 + i % 4), HI2 = idx(i -> (i / 4) * 8 + i % 4 + 4);
    static final IntVector LO3 = idx(i -> (i / 2) * 4 + i % 2), HI3 = idx(i -> (i / 2) * 4 + i % 2 + 2);
    static final IntVector LO4 = idx(i -> 2 * i), HI4 = idx(i -> 2 * i + 1);

    static IntVector idx(java.util.function.IntUnaryOperator f) {
        int[] a = new int[I.length()];
        for (int i = 0; i < a.length; i++) a[i] = f.applyAsInt(i);
        return IntVector.fromArray(I, a, 0);
    }

        static void tree(float[] x, int xOff, MemorySegment seg, long elementA, long elementB, int len, float[] sums) {
            long baseA = elementA * 2;
            long baseB = elementB * 2;
            FloatVector ae0 = FloatVector.zero(F);
            FloatVector ae1 = FloatVector.zero(F);
            FloatVector ae2 = FloatVector.zero(F);
            FloatVector ae3 = FloatVector.zero(F);
            FloatVector ae4 = FloatVector.zero(F);
            FloatVector ae5 = FloatVector.zero(F);
            FloatVector ae6 = FloatVector.zero(F);
            FloatVector ae7 = FloatVector.zero(F);
            FloatVector be0 = FloatVector.zero(F);
            FloatVector be1 = FloatVector.zero(F);
            FloatVector be2 = FloatVector.zero(F);
            FloatVector be3 = FloatVector.zero(F);
            FloatVector be4 = FloatVector.zero(F);
            FloatVector be5 = FloatVector.zero(F);
            FloatVector be6 = FloatVector.zero(F);
            FloatVector be7 = FloatVector.zero(F);
            for (int k = 0; k < len; k += 2 * L) {
                FloatVector a = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseA + 2L * k, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                FloatVector b = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseB + 2L * k, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                int xk = xOff + 8 * k;
                FloatVector xv;
                xv = FloatVector.fromArray(F, x, xk + 0 * L);
                ae0 = xv.fma(a, ae0);
                be0 = xv.fma(b, be0);
                xv = FloatVector.fromArray(F, x, xk + 1 * L);
                ae1 = xv.fma(a, ae1);
                be1 = xv.fma(b, be1);
                xv = FloatVector.fromArray(F, x, xk + 2 * L);
                ae2 = xv.fma(a, ae2);
                be2 = xv.fma(b, be2);
                xv = FloatVector.fromArray(F, x, xk + 3 * L);
                ae3 = xv.fma(a, ae3);
                be3 = xv.fma(b, be3);
                xv = FloatVector.fromArray(F, x, xk + 4 * L);
                ae4 = xv.fma(a, ae4);
                be4 = xv.fma(b, be4);
                xv = FloatVector.fromArray(F, x, xk + 5 * L);
                ae5 = xv.fma(a, ae5);
                be5 = xv.fma(b, be5);
                xv = FloatVector.fromArray(F, x, xk + 6 * L);
                ae6 = xv.fma(a, ae6);
                be6 = xv.fma(b, be6);
                xv = FloatVector.fromArray(F, x, xk + 7 * L);
                ae7 = xv.fma(a, ae7);
                be7 = xv.fma(b, be7);
            }
            ae0.intoArray(sums, EVENS + 0 * L);
            ae1.intoArray(sums, EVENS + 1 * L);
            ae2.intoArray(sums, EVENS + 2 * L);
            ae3.intoArray(sums, EVENS + 3 * L);
            ae4.intoArray(sums, EVENS + 4 * L);
            ae5.intoArray(sums, EVENS + 5 * L);
            ae6.intoArray(sums, EVENS + 6 * L);
            ae7.intoArray(sums, EVENS + 7 * L);
            be0.intoArray(sums, EVENS + 8 * L);
            be1.intoArray(sums, EVENS + 9 * L);
            be2.intoArray(sums, EVENS + 10 * L);
            be3.intoArray(sums, EVENS + 11 * L);
            be4.intoArray(sums, EVENS + 12 * L);
            be5.intoArray(sums, EVENS + 13 * L);
            be6.intoArray(sums, EVENS + 14 * L);
            be7.intoArray(sums, EVENS + 15 * L);
            FloatVector ao0 = FloatVector.zero(F);
            FloatVector ao1 = FloatVector.zero(F);
            FloatVector ao2 = FloatVector.zero(F);
            FloatVector ao3 = FloatVector.zero(F);
            FloatVector ao4 = FloatVector.zero(F);
            FloatVector ao5 = FloatVector.zero(F);
            FloatVector ao6 = FloatVector.zero(F);
            FloatVector ao7 = FloatVector.zero(F);
            FloatVector bo0 = FloatVector.zero(F);
            FloatVector bo1 = FloatVector.zero(F);
            FloatVector bo2 = FloatVector.zero(F);
            FloatVector bo3 = FloatVector.zero(F);
            FloatVector bo4 = FloatVector.zero(F);
            FloatVector bo5 = FloatVector.zero(F);
            FloatVector bo6 = FloatVector.zero(F);
            FloatVector bo7 = FloatVector.zero(F);
            for (int k = L; k < len; k += 2 * L) {
                FloatVector a = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseA + 2L * k, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                FloatVector b = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseB + 2L * k, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                int xk = xOff + 8 * k;
                FloatVector xv;
                xv = FloatVector.fromArray(F, x, xk + 0 * L);
                ao0 = xv.fma(a, ao0);
                bo0 = xv.fma(b, bo0);
                xv = FloatVector.fromArray(F, x, xk + 1 * L);
                ao1 = xv.fma(a, ao1);
                bo1 = xv.fma(b, bo1);
                xv = FloatVector.fromArray(F, x, xk + 2 * L);
                ao2 = xv.fma(a, ao2);
                bo2 = xv.fma(b, bo2);
                xv = FloatVector.fromArray(F, x, xk + 3 * L);
                ao3 = xv.fma(a, ao3);
                bo3 = xv.fma(b, bo3);
                xv = FloatVector.fromArray(F, x, xk + 4 * L);
                ao4 = xv.fma(a, ao4);
                bo4 = xv.fma(b, bo4);
                xv = FloatVector.fromArray(F, x, xk + 5 * L);
                ao5 = xv.fma(a, ao5);
                bo5 = xv.fma(b, bo5);
                xv = FloatVector.fromArray(F, x, xk + 6 * L);
                ao6 = xv.fma(a, ao6);
                bo6 = xv.fma(b, bo6);
                xv = FloatVector.fromArray(F, x, xk + 7 * L);
                ao7 = xv.fma(a, ao7);
                bo7 = xv.fma(b, bo7);
            }
            FloatVector a0 = FloatVector.fromArray(F, sums, EVENS + 0 * L).add(ao0);
            FloatVector a1 = FloatVector.fromArray(F, sums, EVENS + 1 * L).add(ao1);
            FloatVector a2 = FloatVector.fromArray(F, sums, EVENS + 2 * L).add(ao2);
            FloatVector a3 = FloatVector.fromArray(F, sums, EVENS + 3 * L).add(ao3);
            FloatVector a4 = FloatVector.fromArray(F, sums, EVENS + 4 * L).add(ao4);
            FloatVector a5 = FloatVector.fromArray(F, sums, EVENS + 5 * L).add(ao5);
            FloatVector a6 = FloatVector.fromArray(F, sums, EVENS + 6 * L).add(ao6);
            FloatVector a7 = FloatVector.fromArray(F, sums, EVENS + 7 * L).add(ao7);
            FloatVector b0 = FloatVector.fromArray(F, sums, EVENS + 8 * L).add(bo0);
            FloatVector b1 = FloatVector.fromArray(F, sums, EVENS + 9 * L).add(bo1);
            FloatVector b2 = FloatVector.fromArray(F, sums, EVENS + 10 * L).add(bo2);
            FloatVector b3 = FloatVector.fromArray(F, sums, EVENS + 11 * L).add(bo3);
            FloatVector b4 = FloatVector.fromArray(F, sums, EVENS + 12 * L).add(bo4);
            FloatVector b5 = FloatVector.fromArray(F, sums, EVENS + 13 * L).add(bo5);
            FloatVector b6 = FloatVector.fromArray(F, sums, EVENS + 14 * L).add(bo6);
            FloatVector b7 = FloatVector.fromArray(F, sums, EVENS + 15 * L).add(bo7);
            for (int w = L / 2; w >= 1; w /= 2) {
                VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];
                a0 = a0.add(a0.rearrange(fold));
                a1 = a1.add(a1.rearrange(fold));
                a2 = a2.add(a2.rearrange(fold));
                a3 = a3.add(a3.rearrange(fold));
                a4 = a4.add(a4.rearrange(fold));
                a5 = a5.add(a5.rearrange(fold));
                a6 = a6.add(a6.rearrange(fold));
                a7 = a7.add(a7.rearrange(fold));
                b0 = b0.add(b0.rearrange(fold));
                b1 = b1.add(b1.rearrange(fold));
                b2 = b2.add(b2.rearrange(fold));
                b3 = b3.add(b3.rearrange(fold));
                b4 = b4.add(b4.rearrange(fold));
                b5 = b5.add(b5.rearrange(fold));
                b6 = b6.add(b6.rearrange(fold));
                b7 = b7.add(b7.rearrange(fold));
            }
            sums[0] = a0.lane(0);
            sums[1] = a1.lane(0);
            sums[2] = a2.lane(0);
            sums[3] = a3.lane(0);
            sums[4] = a4.lane(0);
            sums[5] = a5.lane(0);
            sums[6] = a6.lane(0);
            sums[7] = a7.lane(0);
            sums[8 + 0] = b0.lane(0);
            sums[8 + 1] = b1.lane(0);
            sums[8 + 2] = b2.lane(0);
            sums[8 + 3] = b3.lane(0);
            sums[8 + 4] = b4.lane(0);
            sums[8 + 5] = b5.lane(0);
            sums[8 + 6] = b6.lane(0);
            sums[8 + 7] = b7.lane(0);
        }

        static void fold16(float[] x, int xOff, MemorySegment seg, long elementA, long elementB, int len, float[] sums) {
            long baseA = elementA * 2;
            long baseB = elementB * 2;
            FloatVector ae0 = FloatVector.zero(F);
            FloatVector ae1 = FloatVector.zero(F);
            FloatVector ae2 = FloatVector.zero(F);
            FloatVector ae3 = FloatVector.zero(F);
            FloatVector ae4 = FloatVector.zero(F);
            FloatVector ae5 = FloatVector.zero(F);
            FloatVector ae6 = FloatVector.zero(F);
            FloatVector ae7 = FloatVector.zero(F);
            FloatVector be0 = FloatVector.zero(F);
            FloatVector be1 = FloatVector.zero(F);
            FloatVector be2 = FloatVector.zero(F);
            FloatVector be3 = FloatVector.zero(F);
            FloatVector be4 = FloatVector.zero(F);
            FloatVector be5 = FloatVector.zero(F);
            FloatVector be6 = FloatVector.zero(F);
            FloatVector be7 = FloatVector.zero(F);
            for (int k = 0; k < len; k += 2 * L) {
                FloatVector a = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseA + 2L * k, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                FloatVector b = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseB + 2L * k, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                int xk = xOff + 8 * k;
                FloatVector xv;
                xv = FloatVector.fromArray(F, x, xk + 0 * L);
                ae0 = xv.fma(a, ae0);
                be0 = xv.fma(b, be0);
                xv = FloatVector.fromArray(F, x, xk + 1 * L);
                ae1 = xv.fma(a, ae1);
                be1 = xv.fma(b, be1);
                xv = FloatVector.fromArray(F, x, xk + 2 * L);
                ae2 = xv.fma(a, ae2);
                be2 = xv.fma(b, be2);
                xv = FloatVector.fromArray(F, x, xk + 3 * L);
                ae3 = xv.fma(a, ae3);
                be3 = xv.fma(b, be3);
                xv = FloatVector.fromArray(F, x, xk + 4 * L);
                ae4 = xv.fma(a, ae4);
                be4 = xv.fma(b, be4);
                xv = FloatVector.fromArray(F, x, xk + 5 * L);
                ae5 = xv.fma(a, ae5);
                be5 = xv.fma(b, be5);
                xv = FloatVector.fromArray(F, x, xk + 6 * L);
                ae6 = xv.fma(a, ae6);
                be6 = xv.fma(b, be6);
                xv = FloatVector.fromArray(F, x, xk + 7 * L);
                ae7 = xv.fma(a, ae7);
                be7 = xv.fma(b, be7);
            }
            ae0.intoArray(sums, EVENS + 0 * L);
            ae1.intoArray(sums, EVENS + 1 * L);
            ae2.intoArray(sums, EVENS + 2 * L);
            ae3.intoArray(sums, EVENS + 3 * L);
            ae4.intoArray(sums, EVENS + 4 * L);
            ae5.intoArray(sums, EVENS + 5 * L);
            ae6.intoArray(sums, EVENS + 6 * L);
            ae7.intoArray(sums, EVENS + 7 * L);
            be0.intoArray(sums, EVENS + 8 * L);
            be1.intoArray(sums, EVENS + 9 * L);
            be2.intoArray(sums, EVENS + 10 * L);
            be3.intoArray(sums, EVENS + 11 * L);
            be4.intoArray(sums, EVENS + 12 * L);
            be5.intoArray(sums, EVENS + 13 * L);
            be6.intoArray(sums, EVENS + 14 * L);
            be7.intoArray(sums, EVENS + 15 * L);
            FloatVector ao0 = FloatVector.zero(F);
            FloatVector ao1 = FloatVector.zero(F);
            FloatVector ao2 = FloatVector.zero(F);
            FloatVector ao3 = FloatVector.zero(F);
            FloatVector ao4 = FloatVector.zero(F);
            FloatVector ao5 = FloatVector.zero(F);
            FloatVector ao6 = FloatVector.zero(F);
            FloatVector ao7 = FloatVector.zero(F);
            FloatVector bo0 = FloatVector.zero(F);
            FloatVector bo1 = FloatVector.zero(F);
            FloatVector bo2 = FloatVector.zero(F);
            FloatVector bo3 = FloatVector.zero(F);
            FloatVector bo4 = FloatVector.zero(F);
            FloatVector bo5 = FloatVector.zero(F);
            FloatVector bo6 = FloatVector.zero(F);
            FloatVector bo7 = FloatVector.zero(F);
            for (int k = L; k < len; k += 2 * L) {
                FloatVector a = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseA + 2L * k, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                FloatVector b = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseB + 2L * k, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                int xk = xOff + 8 * k;
                FloatVector xv;
                xv = FloatVector.fromArray(F, x, xk + 0 * L);
                ao0 = xv.fma(a, ao0);
                bo0 = xv.fma(b, bo0);
                xv = FloatVector.fromArray(F, x, xk + 1 * L);
                ao1 = xv.fma(a, ao1);
                bo1 = xv.fma(b, bo1);
                xv = FloatVector.fromArray(F, x, xk + 2 * L);
                ao2 = xv.fma(a, ao2);
                bo2 = xv.fma(b, bo2);
                xv = FloatVector.fromArray(F, x, xk + 3 * L);
                ao3 = xv.fma(a, ao3);
                bo3 = xv.fma(b, bo3);
                xv = FloatVector.fromArray(F, x, xk + 4 * L);
                ao4 = xv.fma(a, ao4);
                bo4 = xv.fma(b, bo4);
                xv = FloatVector.fromArray(F, x, xk + 5 * L);
                ao5 = xv.fma(a, ao5);
                bo5 = xv.fma(b, bo5);
                xv = FloatVector.fromArray(F, x, xk + 6 * L);
                ao6 = xv.fma(a, ao6);
                bo6 = xv.fma(b, bo6);
                xv = FloatVector.fromArray(F, x, xk + 7 * L);
                ao7 = xv.fma(a, ao7);
                bo7 = xv.fma(b, bo7);
            }
            FloatVector a0 = FloatVector.fromArray(F, sums, EVENS + 0 * L).add(ao0);
            FloatVector a1 = FloatVector.fromArray(F, sums, EVENS + 1 * L).add(ao1);
            FloatVector a2 = FloatVector.fromArray(F, sums, EVENS + 2 * L).add(ao2);
            FloatVector a3 = FloatVector.fromArray(F, sums, EVENS + 3 * L).add(ao3);
            FloatVector a4 = FloatVector.fromArray(F, sums, EVENS + 4 * L).add(ao4);
            FloatVector a5 = FloatVector.fromArray(F, sums, EVENS + 5 * L).add(ao5);
            FloatVector a6 = FloatVector.fromArray(F, sums, EVENS + 6 * L).add(ao6);
            FloatVector a7 = FloatVector.fromArray(F, sums, EVENS + 7 * L).add(ao7);
            FloatVector b0 = FloatVector.fromArray(F, sums, EVENS + 8 * L).add(bo0);
            FloatVector b1 = FloatVector.fromArray(F, sums, EVENS + 9 * L).add(bo1);
            FloatVector b2 = FloatVector.fromArray(F, sums, EVENS + 10 * L).add(bo2);
            FloatVector b3 = FloatVector.fromArray(F, sums, EVENS + 11 * L).add(bo3);
            FloatVector b4 = FloatVector.fromArray(F, sums, EVENS + 12 * L).add(bo4);
            FloatVector b5 = FloatVector.fromArray(F, sums, EVENS + 13 * L).add(bo5);
            FloatVector b6 = FloatVector.fromArray(F, sums, EVENS + 14 * L).add(bo6);
            FloatVector b7 = FloatVector.fromArray(F, sums, EVENS + 15 * L).add(bo7);
            FloatVector l1_0 = LO1.selectFrom(a0.reinterpretAsInts(), a1.reinterpretAsInts()).reinterpretAsFloats().add(HI1.selectFrom(a0.reinterpretAsInts(), a1.reinterpretAsInts()).reinterpretAsFloats());
            FloatVector l1_1 = LO1.selectFrom(a2.reinterpretAsInts(), a3.reinterpretAsInts()).reinterpretAsFloats().add(HI1.selectFrom(a2.reinterpretAsInts(), a3.reinterpretAsInts()).reinterpretAsFloats());
            FloatVector l1_2 = LO1.selectFrom(a4.reinterpretAsInts(), a5.reinterpretAsInts()).reinterpretAsFloats().add(HI1.selectFrom(a4.reinterpretAsInts(), a5.reinterpretAsInts()).reinterpretAsFloats());
            FloatVector l1_3 = LO1.selectFrom(a6.reinterpretAsInts(), a7.reinterpretAsInts()).reinterpretAsFloats().add(HI1.selectFrom(a6.reinterpretAsInts(), a7.reinterpretAsInts()).reinterpretAsFloats());
            FloatVector l1_4 = LO1.selectFrom(b0.reinterpretAsInts(), b1.reinterpretAsInts()).reinterpretAsFloats().add(HI1.selectFrom(b0.reinterpretAsInts(), b1.reinterpretAsInts()).reinterpretAsFloats());
            FloatVector l1_5 = LO1.selectFrom(b2.reinterpretAsInts(), b3.reinterpretAsInts()).reinterpretAsFloats().add(HI1.selectFrom(b2.reinterpretAsInts(), b3.reinterpretAsInts()).reinterpretAsFloats());
            FloatVector l1_6 = LO1.selectFrom(b4.reinterpretAsInts(), b5.reinterpretAsInts()).reinterpretAsFloats().add(HI1.selectFrom(b4.reinterpretAsInts(), b5.reinterpretAsInts()).reinterpretAsFloats());
            FloatVector l1_7 = LO1.selectFrom(b6.reinterpretAsInts(), b7.reinterpretAsInts()).reinterpretAsFloats().add(HI1.selectFrom(b6.reinterpretAsInts(), b7.reinterpretAsInts()).reinterpretAsFloats());
            FloatVector l2_0 = LO2.selectFrom(l1_0.reinterpretAsInts(), l1_1.reinterpretAsInts()).reinterpretAsFloats().add(HI2.selectFrom(l1_0.reinterpretAsInts(), l1_1.reinterpretAsInts()).reinterpretAsFloats());
            FloatVector l2_1 = LO2.selectFrom(l1_2.reinterpretAsInts(), l1_3.reinterpretAsInts()).reinterpretAsFloats().add(HI2.selectFrom(l1_2.reinterpretAsInts(), l1_3.reinterpretAsInts()).reinterpretAsFloats());
            FloatVector l2_2 = LO2.selectFrom(l1_4.reinterpretAsInts(), l1_5.reinterpretAsInts()).reinterpretAsFloats().add(HI2.selectFrom(l1_4.reinterpretAsInts(), l1_5.reinterpretAsInts()).reinterpretAsFloats());
            FloatVector l2_3 = LO2.selectFrom(l1_6.reinterpretAsInts(), l1_7.reinterpretAsInts()).reinterpretAsFloats().add(HI2.selectFrom(l1_6.reinterpretAsInts(), l1_7.reinterpretAsInts()).reinterpretAsFloats());
            FloatVector l3_0 = LO3.selectFrom(l2_0.reinterpretAsInts(), l2_1.reinterpretAsInts()).reinterpretAsFloats().add(HI3.selectFrom(l2_0.reinterpretAsInts(), l2_1.reinterpretAsInts()).reinterpretAsFloats());
            FloatVector l3_1 = LO3.selectFrom(l2_2.reinterpretAsInts(), l2_3.reinterpretAsInts()).reinterpretAsFloats().add(HI3.selectFrom(l2_2.reinterpretAsInts(), l2_3.reinterpretAsInts()).reinterpretAsFloats());
            FloatVector l4_0 = LO4.selectFrom(l3_0.reinterpretAsInts(), l3_1.reinterpretAsInts()).reinterpretAsFloats().add(HI4.selectFrom(l3_0.reinterpretAsInts(), l3_1.reinterpretAsInts()).reinterpretAsFloats());
            l4_0.intoArray(sums, 0);
        }

    // the timing loops in methods of their own (not an OSR compile of main holding both kernels)
    static double timeTree(float[] x, MemorySegment seg, int cols, int calls, float[] sums) {
        long t0 = System.nanoTime();
        for (int c = 0; c < calls; c += 4) {
            for (int o = 0; o < 4; o++) {
                tree(x, 16, seg, (long) o * cols, (long) (o + 4) * cols, cols, sums);
            }
        }
        return (System.nanoTime() - t0) / (double) calls;
    }

    static double timeFold16(float[] x, MemorySegment seg, int cols, int calls, float[] sums) {
        long t0 = System.nanoTime();
        for (int c = 0; c < calls; c += 4) {
            for (int o = 0; o < 4; o++) {
                fold16(x, 16, seg, (long) o * cols, (long) (o + 4) * cols, cols, sums);
            }
        }
        return (System.nanoTime() - t0) / (double) calls;
    }

    public static void main(String[] args) {
        if (L != 16) throw new IllegalStateException("16 lanes only");
        int cols = 768, rows = 8;
        int calls = Integer.parseInt(args[0]);
        Random rnd = new Random(7);
        MemorySegment seg = Arena.ofAuto().allocate(2L * rows * cols, 64);
        boolean normalOnly = args.length > 1 && args[1].equals("normal"); // no subnormal half (|w| >= 2^-14)
        for (long i = 0; i < (long) rows * cols; i++) {
            float w = (float) (rnd.nextGaussian() * 0.05 + 0.002);
            if (normalOnly && Math.abs(w) < 1e-3f) w = 1e-3f;
            seg.set(WeightMatrix.I16_LE, 2 * i, Float.floatToFloat16(w));
        }
        float[] x = new float[16 + 8 * cols];
        for (int i = 16; i < x.length; i++) x[i] = (float) rnd.nextGaussian() * 0x1p112f;
        float[] s1 = new float[2 * 8 * (1 + L)], s2 = new float[2 * 8 * (1 + L)];
        for (int o = 0; o < rows / 2; o++) {
            tree(x, 16, seg, (long) o * cols, (long) (o + 4) * cols, cols, s1);
            fold16(x, 16, seg, (long) o * cols, (long) (o + 4) * cols, cols, s2);
            for (int i = 0; i < 16; i++) if (Float.floatToRawIntBits(s1[i]) != Float.floatToRawIntBits(s2[i])) throw new AssertionError("bits differ at " + o + "," + i);
        }
        double[] bt = new double[9], bf = new double[9];
        for (int round = 0; round < 9; round++) {
            for (int v = 0; v < 2; v++) {
                boolean fold = (v + round) % 2 == 1;
                double ns = fold ? timeFold16(x, seg, cols, calls, s2) : timeTree(x, seg, cols, calls, s1);
                if (fold) bf[round] = ns; else bt[round] = ns;
            }
        }
        System.out.printf("tree   ns a call, rounds: %s%nfold16 ns a call, rounds: %s%n", Arrays.toString(bt), Arrays.toString(bf));
        double[] a = Arrays.copyOfRange(bt, 2, 9), b = Arrays.copyOfRange(bf, 2, 9);
        Arrays.sort(a); Arrays.sort(b);
        System.out.printf("median of rounds 3-9: tree %.1f ns, fold16 %.1f ns (%.1f %%); bits equal on %d pairs%n", a[3], b[3], 100 * (b[3] - a[3]) / a[3], rows / 2);
    }
}
