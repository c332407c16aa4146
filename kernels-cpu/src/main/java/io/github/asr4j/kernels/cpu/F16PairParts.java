package io.github.asr4j.kernels.cpu;

import static io.github.asr4j.kernels.cpu.VectorWiden.F;
import static io.github.asr4j.kernels.cpu.VectorWiden.I;
import static io.github.asr4j.kernels.cpu.VectorWiden.S;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;

/**
 * The 5-row F16 pair kernel ({@code F16Weights.Simd.dots5PairF16}) for long rows, a part of the row at a
 * time ({@link RowParts} says how and why). Measured (one matrix 768 x 3072 of 24 cycled from DRAM, 5 rows,
 * 2 threads): 208-218 µs whole rows, 144-147 µs this way; from L3 (one matrix reused) 97-101 vs 112-117 µs,
 * but a decoder step reads its weights from DRAM.
 *
 * <p>Each pair's accumulators wait in an array between parts: a lane's FMAs still run in the whole-row
 * kernel's order (parts start at whole pairs of vectors) and a float stored and loaded keeps its bits,
 * so every sum equals the whole-row kernel's and {@code dotF16}'s.
 */
final class F16PairParts {
    private static final int L = F.length();

    private F16PairParts() {
    }

    /** Floats of one pair's accumulators for {@code n} input rows: even and odd vectors of rows A and B. */
    static int accFloats(int n) {
        return 4 * n * L;
    }

    /**
     * {@code dots5PairF16} over the vectors of {@code [from, to)} only, its 20 accumulators taken from
     * {@code acc[accOff ..]} (20 vectors: even A, odd A, even B, odd B, row by row) and put back there (the
     * last part, {@code to == len}, stops before an odd last vector: {@link #end5Pair} takes it). {@code from}
     * and a {@code to < len} are multiples of two vectors, so every lane's FMAs run in the order of the
     * whole-row kernel and each sum keeps its bits.
     */
    static void dots5PairPart(float[] x, int xOff, int xStride, MemorySegment seg, long elementA, long elementB,
                              int from, int to, int len, float[] acc, int accOff) {
        long baseA = elementA * 2;
        long baseB = elementB * 2;
        int x0 = xOff + 0 * xStride;
        int x1 = xOff + 1 * xStride;
        int x2 = xOff + 2 * xStride;
        int x3 = xOff + 3 * xStride;
        int x4 = xOff + 4 * xStride;
        FloatVector ae0 = FloatVector.fromArray(F, acc, accOff + 0 * L);
        FloatVector ae1 = FloatVector.fromArray(F, acc, accOff + 1 * L);
        FloatVector ae2 = FloatVector.fromArray(F, acc, accOff + 2 * L);
        FloatVector ae3 = FloatVector.fromArray(F, acc, accOff + 3 * L);
        FloatVector ae4 = FloatVector.fromArray(F, acc, accOff + 4 * L);
        FloatVector ao0 = FloatVector.fromArray(F, acc, accOff + 5 * L);
        FloatVector ao1 = FloatVector.fromArray(F, acc, accOff + 6 * L);
        FloatVector ao2 = FloatVector.fromArray(F, acc, accOff + 7 * L);
        FloatVector ao3 = FloatVector.fromArray(F, acc, accOff + 8 * L);
        FloatVector ao4 = FloatVector.fromArray(F, acc, accOff + 9 * L);
        FloatVector be0 = FloatVector.fromArray(F, acc, accOff + 10 * L);
        FloatVector be1 = FloatVector.fromArray(F, acc, accOff + 11 * L);
        FloatVector be2 = FloatVector.fromArray(F, acc, accOff + 12 * L);
        FloatVector be3 = FloatVector.fromArray(F, acc, accOff + 13 * L);
        FloatVector be4 = FloatVector.fromArray(F, acc, accOff + 14 * L);
        FloatVector bo0 = FloatVector.fromArray(F, acc, accOff + 15 * L);
        FloatVector bo1 = FloatVector.fromArray(F, acc, accOff + 16 * L);
        FloatVector bo2 = FloatVector.fromArray(F, acc, accOff + 17 * L);
        FloatVector bo3 = FloatVector.fromArray(F, acc, accOff + 18 * L);
        FloatVector bo4 = FloatVector.fromArray(F, acc, accOff + 19 * L);
        FloatVector xv;
        int pairBound = to == len ? len & -(2 * L) : to; // loop-invariant: a counted loop
        for (int k = from; k < pairBound; k += 2 * L) {
            FloatVector a = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseA + 2L * k, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0))
                    .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
            FloatVector b = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseB + 2L * k, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0))
                    .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
            xv = FloatVector.fromArray(F, x, x0 + k);
            ae0 = xv.fma(a, ae0);
            be0 = xv.fma(b, be0);
            xv = FloatVector.fromArray(F, x, x1 + k);
            ae1 = xv.fma(a, ae1);
            be1 = xv.fma(b, be1);
            xv = FloatVector.fromArray(F, x, x2 + k);
            ae2 = xv.fma(a, ae2);
            be2 = xv.fma(b, be2);
            xv = FloatVector.fromArray(F, x, x3 + k);
            ae3 = xv.fma(a, ae3);
            be3 = xv.fma(b, be3);
            xv = FloatVector.fromArray(F, x, x4 + k);
            ae4 = xv.fma(a, ae4);
            be4 = xv.fma(b, be4);
            int k1 = k + L;
            a = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseA + 2L * k1, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0))
                    .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
            b = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseB + 2L * k1, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0))
                    .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
            xv = FloatVector.fromArray(F, x, x0 + k1);
            ao0 = xv.fma(a, ao0);
            bo0 = xv.fma(b, bo0);
            xv = FloatVector.fromArray(F, x, x1 + k1);
            ao1 = xv.fma(a, ao1);
            bo1 = xv.fma(b, bo1);
            xv = FloatVector.fromArray(F, x, x2 + k1);
            ao2 = xv.fma(a, ao2);
            bo2 = xv.fma(b, bo2);
            xv = FloatVector.fromArray(F, x, x3 + k1);
            ao3 = xv.fma(a, ao3);
            bo3 = xv.fma(b, bo3);
            xv = FloatVector.fromArray(F, x, x4 + k1);
            ao4 = xv.fma(a, ao4);
            bo4 = xv.fma(b, bo4);
        }
        ae0.intoArray(acc, accOff + 0 * L);
        ae1.intoArray(acc, accOff + 1 * L);
        ae2.intoArray(acc, accOff + 2 * L);
        ae3.intoArray(acc, accOff + 3 * L);
        ae4.intoArray(acc, accOff + 4 * L);
        ao0.intoArray(acc, accOff + 5 * L);
        ao1.intoArray(acc, accOff + 6 * L);
        ao2.intoArray(acc, accOff + 7 * L);
        ao3.intoArray(acc, accOff + 8 * L);
        ao4.intoArray(acc, accOff + 9 * L);
        be0.intoArray(acc, accOff + 10 * L);
        be1.intoArray(acc, accOff + 11 * L);
        be2.intoArray(acc, accOff + 12 * L);
        be3.intoArray(acc, accOff + 13 * L);
        be4.intoArray(acc, accOff + 14 * L);
        bo0.intoArray(acc, accOff + 15 * L);
        bo1.intoArray(acc, accOff + 16 * L);
        bo2.intoArray(acc, accOff + 17 * L);
        bo3.intoArray(acc, accOff + 18 * L);
        bo4.intoArray(acc, accOff + 19 * L);
    }

    /**
     * Ends a pair's sums after its last part ({@link #dots5PairPart} with {@code to == len}) as
     * {@code dots5PairF16} ends them: the odd last vector, the folds, the scalar tail, into
     * {@code sums[sumsOff + i]} (row A) and {@code sums[sumsOff + WIDE_DOT_ROWS + i]} (row B). A method of its
     * own so that the part's loop compiles small: one body with both boxed its vectors in some JVMs (C2's
     * inlining budget, as {@code VectorOps.valueSumsF16} says).
     */
    static void end5Pair(float[] x, int xOff, int xStride, MemorySegment seg, long elementA, long elementB, int len,
                         float[] acc, int accOff, float[] sums, int sumsOff) {
        long baseA = elementA * 2;
        long baseB = elementB * 2;
        int x0 = xOff + 0 * xStride;
        int x1 = xOff + 1 * xStride;
        int x2 = xOff + 2 * xStride;
        int x3 = xOff + 3 * xStride;
        int x4 = xOff + 4 * xStride;
        FloatVector ae0 = FloatVector.fromArray(F, acc, accOff + 0 * L);
        FloatVector ae1 = FloatVector.fromArray(F, acc, accOff + 1 * L);
        FloatVector ae2 = FloatVector.fromArray(F, acc, accOff + 2 * L);
        FloatVector ae3 = FloatVector.fromArray(F, acc, accOff + 3 * L);
        FloatVector ae4 = FloatVector.fromArray(F, acc, accOff + 4 * L);
        FloatVector ao0 = FloatVector.fromArray(F, acc, accOff + 5 * L);
        FloatVector ao1 = FloatVector.fromArray(F, acc, accOff + 6 * L);
        FloatVector ao2 = FloatVector.fromArray(F, acc, accOff + 7 * L);
        FloatVector ao3 = FloatVector.fromArray(F, acc, accOff + 8 * L);
        FloatVector ao4 = FloatVector.fromArray(F, acc, accOff + 9 * L);
        FloatVector be0 = FloatVector.fromArray(F, acc, accOff + 10 * L);
        FloatVector be1 = FloatVector.fromArray(F, acc, accOff + 11 * L);
        FloatVector be2 = FloatVector.fromArray(F, acc, accOff + 12 * L);
        FloatVector be3 = FloatVector.fromArray(F, acc, accOff + 13 * L);
        FloatVector be4 = FloatVector.fromArray(F, acc, accOff + 14 * L);
        FloatVector bo0 = FloatVector.fromArray(F, acc, accOff + 15 * L);
        FloatVector bo1 = FloatVector.fromArray(F, acc, accOff + 16 * L);
        FloatVector bo2 = FloatVector.fromArray(F, acc, accOff + 17 * L);
        FloatVector bo3 = FloatVector.fromArray(F, acc, accOff + 18 * L);
        FloatVector bo4 = FloatVector.fromArray(F, acc, accOff + 19 * L);
        FloatVector xv;
        int k = len & -(2 * L);
        if (k < F.loopBound(len)) { // an odd vector count: the last one is even
            FloatVector a = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseA + 2L * k, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0))
                    .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
            FloatVector b = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseB + 2L * k, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0))
                    .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
            xv = FloatVector.fromArray(F, x, x0 + k);
            ae0 = xv.fma(a, ae0);
            be0 = xv.fma(b, be0);
            xv = FloatVector.fromArray(F, x, x1 + k);
            ae1 = xv.fma(a, ae1);
            be1 = xv.fma(b, be1);
            xv = FloatVector.fromArray(F, x, x2 + k);
            ae2 = xv.fma(a, ae2);
            be2 = xv.fma(b, be2);
            xv = FloatVector.fromArray(F, x, x3 + k);
            ae3 = xv.fma(a, ae3);
            be3 = xv.fma(b, be3);
            xv = FloatVector.fromArray(F, x, x4 + k);
            ae4 = xv.fma(a, ae4);
            be4 = xv.fma(b, be4);
            k += L;
        }
        FloatVector a0 = ae0.add(ao0);
        FloatVector a1 = ae1.add(ao1);
        FloatVector a2 = ae2.add(ao2);
        FloatVector a3 = ae3.add(ao3);
        FloatVector a4 = ae4.add(ao4);
        FloatVector b0 = be0.add(bo0);
        FloatVector b1 = be1.add(bo1);
        FloatVector b2 = be2.add(bo2);
        FloatVector b3 = be3.add(bo3);
        FloatVector b4 = be4.add(bo4);
        for (int w = L / 2; w >= 1; w /= 2) {
            VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];
            a0 = a0.add(a0.rearrange(fold));
            a1 = a1.add(a1.rearrange(fold));
            a2 = a2.add(a2.rearrange(fold));
            a3 = a3.add(a3.rearrange(fold));
            a4 = a4.add(a4.rearrange(fold));
            b0 = b0.add(b0.rearrange(fold));
            b1 = b1.add(b1.rearrange(fold));
            b2 = b2.add(b2.rearrange(fold));
            b3 = b3.add(b3.rearrange(fold));
            b4 = b4.add(b4.rearrange(fold));
        }
        float s0 = a0.lane(0);
        float s1 = a1.lane(0);
        float s2 = a2.lane(0);
        float s3 = a3.lane(0);
        float s4 = a4.lane(0);
        float t0 = b0.lane(0);
        float t1 = b1.lane(0);
        float t2 = b2.lane(0);
        float t3 = b3.lane(0);
        float t4 = b4.lane(0);
        for (; k < len; k++) {
            float wa = Float.float16ToFloat(seg.get(WeightMatrix.I16_LE, baseA + 2L * k)) * 0x1p-112f;
            float wb = Float.float16ToFloat(seg.get(WeightMatrix.I16_LE, baseB + 2L * k)) * 0x1p-112f;
            s0 = Math.fma(x[x0 + k], wa, s0);
            s1 = Math.fma(x[x1 + k], wa, s1);
            s2 = Math.fma(x[x2 + k], wa, s2);
            s3 = Math.fma(x[x3 + k], wa, s3);
            s4 = Math.fma(x[x4 + k], wa, s4);
            t0 = Math.fma(x[x0 + k], wb, t0);
            t1 = Math.fma(x[x1 + k], wb, t1);
            t2 = Math.fma(x[x2 + k], wb, t2);
            t3 = Math.fma(x[x3 + k], wb, t3);
            t4 = Math.fma(x[x4 + k], wb, t4);
        }
        sums[sumsOff + 0] = s0;
        sums[sumsOff + 1] = s1;
        sums[sumsOff + 2] = s2;
        sums[sumsOff + 3] = s3;
        sums[sumsOff + 4] = s4;
        sums[sumsOff + WeightMatrix.WIDE_DOT_ROWS + 0] = t0;
        sums[sumsOff + WeightMatrix.WIDE_DOT_ROWS + 1] = t1;
        sums[sumsOff + WeightMatrix.WIDE_DOT_ROWS + 2] = t2;
        sums[sumsOff + WeightMatrix.WIDE_DOT_ROWS + 3] = t3;
        sums[sumsOff + WeightMatrix.WIDE_DOT_ROWS + 4] = t4;
    }
}
