package io.github.asr4j.kernels.cpu;

import static io.github.asr4j.kernels.cpu.VectorWiden.B;
import static io.github.asr4j.kernels.cpu.VectorWiden.F;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;

/**
 * The 5-row int8 kernel ({@code Int8Weights.Simd.dots5Int8}) for long rows, a part of the row at a time
 * ({@link RowParts} says how and why), where whole rows came back from L2 for every 3 KB weight row.
 *
 * <p>Each row's ten accumulators (even and odd blocks, five input rows) wait in an array between parts. Parts
 * start at multiples of {@link RowParts#PART} inputs, an even number of blocks, so every block goes to the
 * same accumulator and each lane's FMAs run in the whole-row kernel's order: a float stored and loaded keeps
 * its bits, so every sum equals {@code dots5Int8}'s and {@code dotInt8}'s.
 */
final class Int8Parts {
    private static final int L = F.length();
    private static final int BLOCK = Int8Weights.BLOCK;
    private static final int GROUP = Int8Weights.GROUP;

    /** Floats of one row's accumulators for five input rows: the even-block vectors, then the odd ones. */
    static final int ACC_FLOATS = 10 * L;

    private Int8Parts() {
    }

    /**
     * {@code dots5Int8}'s whole blocks in {@code [from, min(to, whole))} only, for the row whose first block is
     * at byte {@code base}, its accumulators taken from {@code acc[accOff ..]} and put back there.
     */
    static void dots5Part(float[] x, int xOff, int xStride, MemorySegment q, MemorySegment scales, long base,
                          int from, int to, int whole, float[] acc, int accOff) {
        int block = BLOCK;
        int x0 = xOff;
        int x1 = x0 + xStride;
        int x2 = x1 + xStride;
        int x3 = x2 + xStride;
        int x4 = x3 + xStride;
        FloatVector e0 = FloatVector.fromArray(F, acc, accOff + 0 * L);
        FloatVector e1 = FloatVector.fromArray(F, acc, accOff + 1 * L);
        FloatVector e2 = FloatVector.fromArray(F, acc, accOff + 2 * L);
        FloatVector e3 = FloatVector.fromArray(F, acc, accOff + 3 * L);
        FloatVector e4 = FloatVector.fromArray(F, acc, accOff + 4 * L);
        FloatVector o0 = FloatVector.fromArray(F, acc, accOff + 5 * L);
        FloatVector o1 = FloatVector.fromArray(F, acc, accOff + 6 * L);
        FloatVector o2 = FloatVector.fromArray(F, acc, accOff + 7 * L);
        FloatVector o3 = FloatVector.fromArray(F, acc, accOff + 8 * L);
        FloatVector o4 = FloatVector.fromArray(F, acc, accOff + 9 * L);
        int end = Math.min(to, whole); // loop-invariant: a counted loop
        for (int k = from; k < end; k += block) {
            long b0 = base + (long) k * GROUP;
            FloatVector t0 = FloatVector.zero(F);
            FloatVector t1 = FloatVector.zero(F);
            FloatVector t2 = FloatVector.zero(F);
            FloatVector t3 = FloatVector.zero(F);
            FloatVector t4 = FloatVector.zero(F);
            for (int j = 0; j < block; j += L) {
                FloatVector wv = (FloatVector) ByteVector.fromMemorySegment(B, q, b0 + j, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0);
                t0 = FloatVector.fromArray(F, x, x0 + k + j).fma(wv, t0);
                t1 = FloatVector.fromArray(F, x, x1 + k + j).fma(wv, t1);
                t2 = FloatVector.fromArray(F, x, x2 + k + j).fma(wv, t2);
                t3 = FloatVector.fromArray(F, x, x3 + k + j).fma(wv, t3);
                t4 = FloatVector.fromArray(F, x, x4 + k + j).fma(wv, t4);
            }
            FloatVector scale = FloatVector.broadcast(F, scales.getAtIndex(WeightMatrix.F32_LE, Int8Weights.scaleIndex(b0)));
            if ((k / block & 1) == 0) {
                e0 = t0.fma(scale, e0);
                e1 = t1.fma(scale, e1);
                e2 = t2.fma(scale, e2);
                e3 = t3.fma(scale, e3);
                e4 = t4.fma(scale, e4);
            } else {
                o0 = t0.fma(scale, o0);
                o1 = t1.fma(scale, o1);
                o2 = t2.fma(scale, o2);
                o3 = t3.fma(scale, o3);
                o4 = t4.fma(scale, o4);
            }
        }
        e0.intoArray(acc, accOff + 0 * L);
        e1.intoArray(acc, accOff + 1 * L);
        e2.intoArray(acc, accOff + 2 * L);
        e3.intoArray(acc, accOff + 3 * L);
        e4.intoArray(acc, accOff + 4 * L);
        o0.intoArray(acc, accOff + 5 * L);
        o1.intoArray(acc, accOff + 6 * L);
        o2.intoArray(acc, accOff + 7 * L);
        o3.intoArray(acc, accOff + 8 * L);
        o4.intoArray(acc, accOff + 9 * L);
    }

    /**
     * Ends a row's sums after its last part as {@code dots5Int8} ends them (the lane folds, then a partial last
     * block element by element) into {@code sums[sumsOff .. + 5)}. A method of its own so that the part's loop
     * compiles small, as {@link F16PairParts#end5Pair}.
     */
    static void end5(float[] x, int xOff, int xStride, MemorySegment q, MemorySegment scales, long base, int len,
                     int whole, float[] acc, int accOff, float[] sums, int sumsOff) {
        FloatVector v0 = FloatVector.fromArray(F, acc, accOff + 0 * L).add(FloatVector.fromArray(F, acc, accOff + 5 * L));
        FloatVector v1 = FloatVector.fromArray(F, acc, accOff + 1 * L).add(FloatVector.fromArray(F, acc, accOff + 6 * L));
        FloatVector v2 = FloatVector.fromArray(F, acc, accOff + 2 * L).add(FloatVector.fromArray(F, acc, accOff + 7 * L));
        FloatVector v3 = FloatVector.fromArray(F, acc, accOff + 3 * L).add(FloatVector.fromArray(F, acc, accOff + 8 * L));
        FloatVector v4 = FloatVector.fromArray(F, acc, accOff + 4 * L).add(FloatVector.fromArray(F, acc, accOff + 9 * L));
        for (int w = L / 2; w >= 1; w /= 2) {
            VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];
            v0 = v0.add(v0.rearrange(fold));
            v1 = v1.add(v1.rearrange(fold));
            v2 = v2.add(v2.rearrange(fold));
            v3 = v3.add(v3.rearrange(fold));
            v4 = v4.add(v4.rearrange(fold));
        }
        sums[sumsOff + 0] = v0.lane(0);
        sums[sumsOff + 1] = v1.lane(0);
        sums[sumsOff + 2] = v2.lane(0);
        sums[sumsOff + 3] = v3.lane(0);
        sums[sumsOff + 4] = v4.lane(0);
        tail5(x, xOff, xStride, q, scales, base, whole, len, sums, sumsOff);
    }

    /**
     * The partial last block of a row ({@code [whole, len)}), element by element, added to the five sums at
     * {@code sums[sumsOff ..]} as {@code dots5Int8} adds it (a float stored and loaded keeps its bits): the end of
     * the whole-row kernel and of the parts alike. Cold: the models' widths are whole blocks.
     */
    static void tail5(float[] x, int xOff, int xStride, MemorySegment q, MemorySegment scales, long base, int whole,
                      int len, float[] sums, int sumsOff) {
        for (int k0 = whole; k0 < len; k0 += BLOCK) {
            long b0 = base + (long) k0 * GROUP;
            float t0 = 0;
            float t1 = 0;
            float t2 = 0;
            float t3 = 0;
            float t4 = 0;
            for (int e = k0; e < Math.min(len, k0 + BLOCK); e++) {
                float w = q.get(ValueLayout.JAVA_BYTE, b0 + e - k0);
                t0 = Math.fma(x[xOff + e], w, t0);
                t1 = Math.fma(x[xOff + xStride + e], w, t1);
                t2 = Math.fma(x[xOff + 2 * xStride + e], w, t2);
                t3 = Math.fma(x[xOff + 3 * xStride + e], w, t3);
                t4 = Math.fma(x[xOff + 4 * xStride + e], w, t4);
            }
            float scale = scales.getAtIndex(WeightMatrix.F32_LE, Int8Weights.scaleIndex(b0));
            sums[sumsOff + 0] = Math.fma(t0, scale, sums[sumsOff + 0]);
            sums[sumsOff + 1] = Math.fma(t1, scale, sums[sumsOff + 1]);
            sums[sumsOff + 2] = Math.fma(t2, scale, sums[sumsOff + 2]);
            sums[sumsOff + 3] = Math.fma(t3, scale, sums[sumsOff + 3]);
            sums[sumsOff + 4] = Math.fma(t4, scale, sums[sumsOff + 4]);
        }
    }
}
