package io.github.asr4j.kernels.cpu;

import static io.github.asr4j.kernels.cpu.VectorWiden.F;
import static io.github.asr4j.kernels.cpu.VectorWiden.FV;
import static io.github.asr4j.kernels.cpu.VectorWiden.I;
import static io.github.asr4j.kernels.cpu.VectorWiden.S;

import io.github.asr4j.loader.DType;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/**
 * IEEE half-precision weights, widened with {@link Float#float16ToFloat}. The Vector API has no
 * half-float conversion, so {@link Simd} decodes with integer operations: the sign-extended half
 * shifted left by 13 and masked to sign, exponent and mantissa, then scaled by 2¹¹², gives normal
 * and subnormal values exactly in three operations; infinities and NaNs need a blend on top, which
 * its matrix-vector kernels spend only on the rows that hold one (looked at once per row).
 */
class F16Weights extends WeightMatrix {

    F16Weights(String name, MemorySegment data, int rows, int cols) {
        super(name, data, rows, cols, cols);
    }

    @Override
    public DType dtype() {
        return DType.F16;
    }

    @Override
    void widen(int row, int col, int len, float[] dst, int dstOffset) {
        widenScalar(data, element(row, col), len, dst, dstOffset);
    }

    static void widenScalar(MemorySegment data, long element, int len, float[] dst, int off) {
        long base = element * 2;
        for (int i = 0; i < len; i++) {
            dst[off + i] = Float.float16ToFloat(data.get(I16_LE, base + 2L * i));
        }
    }

    /** Whether half {@code h} is subnormal: exponent bits zero, mantissa not (a zero is not). */
    static boolean subnormal(short h) {
        return (h & 0x7C00) == 0 && (h & 0x3FF) != 0;
    }

    /** Whether half {@code h} has the all-ones exponent: an infinity or NaN. */
    static boolean special(short h) {
        return (h & 0x7C00) == 0x7C00;
    }

    /** The Vector API kernels (loaded only by the vector backend). */
    static final class Simd extends F16Weights {
        private static final int L = F.length();
        private static final byte UNSEEN = 0;
        static final byte FINITE = 1;
        static final byte SPECIAL = 2;
        /** A finite row holding a subnormal half ({@link #dotsOctetPair} may take it apart: {@link #subnormalRowsApart}). */
        static final byte SUBNORMALS = 3;

        /**
         * Per row: {@link #UNSEEN}, {@link #FINITE} (the 3-operation decode is exact), {@link #SUBNORMALS} (finite,
         * with a subnormal half: the decode is exact too) or {@link #SPECIAL} (an infinity or NaN: decoded with the
         * blend). Threads may race to fill an entry; they write the same value, and either decode gives the same
         * bits on a finite row ({@link #scaledInput}'s copy sets every entry {@link #FINITE}: a row seen as
         * {@link #SUBNORMALS} before it only takes a slower path, with the same results).
         */
        private final byte[] rowKinds;
        /** The rows as {@link F16Normals}, read by every kernel once {@link #scaledInput} made them; else null. */
        private volatile MemorySegment normals;
        /** Whether {@link #scaledInput} has tried to make {@link #normals}. */
        private volatile boolean normalsTried;
        /**
         * Whether {@link #dotsOctetPair} takes rows holding a subnormal half apart ({@link F16Normals#subnormalRowsApart};
         * decided with {@link #normalsTried}, where no copy was made).
         */
        private boolean subnormalRowsApart;

        Simd(String name, MemorySegment data, int rows, int cols) {
            super(name, data, rows, cols);
            this.rowKinds = new byte[rows];
        }

        /**
         * The scale of the scaled kernels' inputs: {@link F16Normals#SCALE} where the rows could be re-encoded
         * and this machine wants it ({@link F16Normals#wanted}; done here, once, on the first few-row product,
         * so matrices only multiplied by many rows are not copied), else 2¹¹² for the IEEE halves. Rows of a whole
         * number of vector pairs only: the scaled kernels' scalar tails and odd last vectors decode IEEE halves.
         */
        private float scaledInput() {
            if (!normalsTried) {
                synchronized (this) {
                    if (!normalsTried) {
                        MemorySegment copy = cols % (2 * L) == 0 && F16Normals.wanted()
                                ? F16Normals.recode(data, (long) rows * cols) : null;
                        if (copy != null) {
                            java.util.Arrays.fill(rowKinds, FINITE); // a copy is made only of finite halves
                            normals = copy; // every kernel reads it from here on (recode unloaded a mapped file's pages)
                        } else {
                            subnormalRowsApart = F16Normals.subnormalRowsApart();
                        }
                        normalsTried = true;
                    }
                }
            }
            return unit(kernelData());
        }

        /** What every kernel reads: {@link #normals} where made, else the halves. */
        private MemorySegment kernelData() {
            MemorySegment n = normals;
            return n != null ? n : data;
        }

        /**
         * What the shift-and-mask decode of {@code seg} leaves out: 2¹¹² for the halves, {@link F16Normals#SCALE} for
         * the copy. The unscaled kernels multiply by it; the scaled ones take inputs that carry it.
         */
        private float unit(MemorySegment seg) {
            return seg == data ? VectorWiden.F16_SCALE : F16Normals.SCALE;
        }

        @Override
        void widen(int row, int col, int len, float[] dst, int dstOffset) {
            MemorySegment seg = kernelData();
            widenF16(seg, element(row, col), len, dst, dstOffset, seg == data, unit(seg));
        }

        @Override
        float dot(float[] x, int xOff, int row) {
            MemorySegment seg = kernelData();
            return dotF16(x, xOff, seg, element(row, 0), cols, special(row), unit(seg));
        }

        /** The input's twin times what the decode leaves out ({@link #scaledInput}; {@link #dotRowsScaled}, as {@link #dots5PairF16}). */
        @Override
        float rowInputScale() {
            return scaledInput();
        }

        /**
         * One input row: the rows' four quarters read side by side, row {@code j} of each per pass
         * ({@link #dot4F16}): four sequential streams, which read from the L3 ~15 % faster than two (the
         * card decoder's step, 2 threads, on the Xeon VM; adjacent rows instead interleave and read at half
         * the rate). Each sum is {@link #dotF16}'s; a quad with an infinity or NaN takes {@link #dotF16} with
         * the blend, row by row.
         */
        @Override
        void dotRowsScaled(float[] x, int xOff, int scaledOff, int row, int count, float[] y, int yOff) {
            MemorySegment kernelData = kernelData();
            int quarter = count / 4;
            for (int j = 0; j < quarter; j++) {
                int a = row + j;
                if (special(a) || special(a + quarter) || special(a + 2 * quarter) || special(a + 3 * quarter)) {
                    for (int q = 0; q < 4; q++) {
                        int r = a + q * quarter;
                        y[yOff + j + q * quarter] = dotF16(x, xOff, data, element(r, 0), cols, special(r), VectorWiden.F16_SCALE);
                    }
                } else {
                    dot4F16(x, xOff, scaledOff, kernelData, element(a, 0), element(a + quarter, 0),
                            element(a + 2 * quarter, 0), element(a + 3 * quarter, 0), cols, y, yOff + j, quarter);
                }
            }
            // the last rows (up to three), each as four of itself: a kernel of their own would run rarely, in C1
            for (int r = row + 4 * quarter; r < row + count; r++) {
                int o = yOff + r - row;
                if (special(r)) {
                    y[o] = dotF16(x, xOff, data, element(r, 0), cols, true, VectorWiden.F16_SCALE);
                } else {
                    long e = element(r, 0);
                    dot4F16(x, xOff, scaledOff, kernelData, e, e, e, e, cols, y, o, 0);
                }
            }
        }

        /**
         * {@code y[yOff + q·apart] = dotF16(row q)} for the four finite rows {@code A, B, C, D}, from the input's
         * twin times what the decode leaves out at {@code scaledOff} (so the decode drops its multiply: the same
         * products, exactly) and the input at {@code xOff} for the scalar tail: each row's even and odd vectors
         * apart, then {@link #dotF16}'s lane sum and tail. A counted loop (loop-invariant bound) with only Vector
         * API calls inside.
         */
        private static void dot4F16(float[] x, int xOff, int scaledOff, MemorySegment seg, long elementA,
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

        /** Input rows of the smaller pair kernel ({@link #dots5PairF16}); the larger takes one more. */
        private static final int PAIR_ROWS = 5;

        /**
         * Five or six rows take a pair kernel; ten or more are cut into groups of six and five for
         * them (sixteen as 6 + 5 + 5: measured faster than 8 + 8 by the 8-row kernel, which loads
         * eight input vectors per weight vector; thirteen as 5 + 8), seven to nine as before.
         */
        @Override
        int rowsPerDots(int remaining) {
            if (remaining >= 2 * PAIR_ROWS) {
                return remaining % PAIR_ROWS == 0 || remaining == 13 ? PAIR_ROWS : PAIR_ROWS + 1;
            }
            if (remaining == PAIR_ROWS || remaining == PAIR_ROWS + 1) {
                return remaining;
            }
            return remaining >= WIDE_DOT_ROWS ? WIDE_DOT_ROWS : super.rowsPerDots(remaining);
        }

        @Override
        void dots(float[] x, int xOff, int xStride, int n, int row, float[] sums) {
            MemorySegment seg = kernelData();
            if (n == DOT_ROWS) {
                dots4F16(x, xOff, xStride, seg, element(row, 0), cols, special(row), unit(seg), sums);
            } else if (n == DOT_ROWS + 1) {
                dots5F16(x, xOff, xStride, seg, element(row, 0), cols, seg == data, unit(seg), sums);
            } else if (n == WIDE_DOT_ROWS && !special(row)) {
                dots8F16(x, xOff, xStride, seg, element(row, 0), cols, unit(seg), sums);
            } else {
                super.dots(x, xOff, xStride, n, row, sums);
            }
        }

        @Override
        boolean pairs(int n) {
            return n == PAIR_ROWS || n == PAIR_ROWS + 1;
        }

        /** The pair kernels' inputs are multiplied by what the decode leaves out ({@link #scaledInput}) instead of each weight vector. */
        @Override
        float pairInputScale() {
            return scaledInput();
        }

        @Override
        void dotsPairScaled(float[] x, int xOff, int scaledOff, int xStride, int n, int rowA, int rowB, float[] sums) {
            if (special(rowA) || special(rowB)) {
                super.dotsPair(x, xOff, xStride, n, rowA, rowB, sums);
            } else if (n == PAIR_ROWS) {
                dots5PairF16(x, scaledOff, xStride, kernelData(), element(rowA, 0), element(rowB, 0), cols, sums);
            } else {
                dots6PairF16(x, scaledOff, xStride, kernelData(), element(rowA, 0), element(rowB, 0), cols, sums);
            }
        }

        /**
         * Sixteen input rows as two octets ({@link #dotsOctetPair}): each octet's scaled rows interleaved
         * vector by vector ({@link AlignedRows#octetStart}), so that its eight input vectors for one weight
         * vector lie side by side and are addressed from one index; rows of a whole number of vector pairs,
         * short enough for an octet's inputs to stay in L1.
         */
        @Override
        boolean octets(int n) {
            return n == 2 * WIDE_DOT_ROWS && cols % (2 * L) == 0 && cols <= OCTET_MAX_COLS;
        }

        /** Longest rows {@link #octets} takes: an octet's interleaved inputs (8 × 4 bytes per column) within 32 KB of L1. */
        private static final int OCTET_MAX_COLS = 1024;

        /** Where {@link #dotsOctetPair}'s {@code sums} keep the even pass's accumulators ({@link WeightMatrix#dotsOctetPair}). */
        private static final int EVENS = 2 * WIDE_DOT_ROWS;

        /**
         * A pair with a row holding a subnormal half, where this machine's FMA takes an assist on a subnormal operand
         * ({@link #subnormalRowsApart}: the halves kept, no {@link F16Normals} copy — the card's logits matrix, 0.012 %
         * subnormal): each row by {@link #dots8F16} from the unscaled inputs, whose decode multiplies each weight
         * vector by what it leaves out before the FMAs. So a subnormal weight vector meets one assisted multiply per
         * row and call, where the octet kernel gave its eight FMAs each an assist (measured: the card's 16-row logits,
         * one thread, 15.2 ms with the halves, 12.6 with the subnormals set to zero). The products are the same exact
         * ones ({@code x·w}), summed in the same order: the same bits.
         */
        @Override
        void dotsOctetPair(float[] x, int xOff, int octetOff, int xStride, int rowA, int rowB, float[] sums) {
            byte a = kind(rowA);
            byte b = kind(rowB);
            if (a == SPECIAL || b == SPECIAL) {
                dotsPair(x, xOff, xStride, WIDE_DOT_ROWS, rowA, rowB, sums);
            } else if (subnormalRowsApart && (a == SUBNORMALS || b == SUBNORMALS)) {
                MemorySegment seg = kernelData();
                float unit = unit(seg);
                dots8F16(x, xOff, xStride, seg, element(rowB, 0), cols, unit, sums);
                System.arraycopy(sums, 0, sums, WIDE_DOT_ROWS, WIDE_DOT_ROWS);
                dots8F16(x, xOff, xStride, seg, element(rowA, 0), cols, unit, sums);
            } else {
                dots8PairOctetF16(x, octetOff, kernelData(), element(rowA, 0), element(rowB, 0), cols, sums);
            }
        }

        /**
         * {@link #dots5PairF16} for eight interleaved input rows (input {@code i}'s vector {@code v} at
         * {@code xOff + (8v + i)·L}): the even vectors' pass first, its sixteen accumulators kept in
         * {@code sums} from {@link #EVENS}, then the odd vectors' pass: sixteen accumulators live, not
         * thirty-two, and each decoded weight vector serves eight FMAs (the pair kernels: five or six), each
         * input load addressed from one index. Each sum is {@code ae + ao}, folded as in {@link #dotF16}, so
         * it equals the row alone. {@code len} is a whole number of vector pairs; the inputs carry
         * {@link #pairInputScale}, as the pair kernels'.
         */
        private static void dots8PairOctetF16(float[] x, int xOff, MemorySegment seg, long elementA, long elementB,
                                              int len, float[] sums) {
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
            for (int k = 0; k < len; k += 2 * L) { // the even vectors
                FloatVector a = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseA + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                FloatVector b = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseB + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                int xk = xOff + 8 * k;
                FloatVector xv;
                xv = FloatVector.fromArray(F, x, xk);
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
            for (int k = L; k < len; k += 2 * L) { // the odd vectors
                FloatVector a = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseA + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                FloatVector b = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseB + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                int xk = xOff + 8 * k;
                FloatVector xv;
                xv = FloatVector.fromArray(F, x, xk);
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
                jdk.incubator.vector.VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];
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
            sums[WIDE_DOT_ROWS + 0] = b0.lane(0);
            sums[WIDE_DOT_ROWS + 1] = b1.lane(0);
            sums[WIDE_DOT_ROWS + 2] = b2.lane(0);
            sums[WIDE_DOT_ROWS + 3] = b3.lane(0);
            sums[WIDE_DOT_ROWS + 4] = b4.lane(0);
            sums[WIDE_DOT_ROWS + 5] = b5.lane(0);
            sums[WIDE_DOT_ROWS + 6] = b6.lane(0);
            sums[WIDE_DOT_ROWS + 7] = b7.lane(0);
        }

        /**
         * Five input rows over rows of a whole number of vector pairs: four weight rows at once
         * ({@link #dots5QuadF16}; rows long enough to be cut into parts, {@link #dots5QuadPartsF16}), four
         * streams where the pair kernels read two.
         */
        @Override
        boolean quads(int n) {
            return n == PAIR_ROWS && cols % (2 * L) == 0;
        }

        /** Where {@link #dotsQuadScaled}'s {@code sums} keep the two passes' accumulators. */
        private static final int QUAD_EVENS = 4 * WIDE_DOT_ROWS;

        @Override
        void dotsQuadScaled(float[] x, int xOff, int scaledOff, int quintetOff, int xStride, int rowA, int apart, float[] sums) {
            int rowB = rowA + apart;
            int rowC = rowB + apart;
            int rowD = rowC + apart;
            if (special(rowA) || special(rowB) || special(rowC) || special(rowD)) {
                dotsPairScaled(x, xOff, scaledOff, xStride, PAIR_ROWS, rowC, rowD, sums);
                System.arraycopy(sums, 0, sums, 2 * WIDE_DOT_ROWS, 2 * WIDE_DOT_ROWS);
                dotsPairScaled(x, xOff, scaledOff, xStride, PAIR_ROWS, rowA, rowB, sums);
            } else if (RowParts.cuts(cols)) {
                dots5QuadPartsF16(x, quintetOff, kernelData(), element(rowA, 0), element(rowB, 0), element(rowC, 0),
                        element(rowD, 0), cols, sums);
            } else {
                dots5QuadF16(x, quintetOff, kernelData(), element(rowA, 0), element(rowB, 0), element(rowC, 0),
                        element(rowD, 0), cols, sums);
            }
        }

        /** Five input rows and rows long enough to be cut into parts ({@link F16PairParts}). */
        @Override
        boolean pairRuns(int n) {
            return n == PAIR_ROWS && RowParts.cuts(cols);
        }

        private static final ThreadLocal<float[]> PAIR_ACCUMULATORS = new ThreadLocal<>();

        /**
         * The run's rows read once in order, then its pairs pass over one part of the input rows after
         * another ({@link F16PairParts}); a pair with an infinity or NaN takes {@link #dotsPairScaled}
         * (the unscaled kernels) whole.
         */
        @Override
        void dotsPairRunScaled(float[] x, int xOff, int scaledOff, int xStride, int n, int rowA, int rowB, int count,
                               float[] sums) {
            int per = F16PairParts.accFloats(n);
            float[] acc = CpuBackend.scratch(PAIR_ACCUMULATORS, count * per);
            java.util.Arrays.fill(acc, 0, count * per, 0f);
            MemorySegment kernelData = kernelData();
            RowParts.touch(kernelData, 2 * element(rowA, 0), 2L * count * cols);
            RowParts.touch(kernelData, 2 * element(rowB, 0), 2L * count * cols);
            for (int from = 0, to; from < cols; from = to) {
                to = RowParts.partEnd(from, cols);
                for (int j = 0; j < count; j++) {
                    if (special(rowA + j) || special(rowB + j)) {
                        continue;
                    }
                    F16PairParts.dots5PairPart(x, scaledOff, xStride, kernelData, element(rowA + j, 0), element(rowB + j, 0),
                            from, to, cols, acc, j * per);
                    if (to == cols) {
                        F16PairParts.end5Pair(x, scaledOff, xStride, kernelData, element(rowA + j, 0), element(rowB + j, 0),
                                cols, acc, j * per, sums, 2 * WIDE_DOT_ROWS * j);
                    }
                }
            }
            for (int j = 0; j < count; j++) {
                if (special(rowA + j) || special(rowB + j)) {
                    float[] pair = new float[2 * WIDE_DOT_ROWS]; // rare: a row with an infinity or NaN
                    dotsPairScaled(x, xOff, scaledOff, xStride, n, rowA + j, rowB + j, pair);
                    System.arraycopy(pair, 0, sums, 2 * WIDE_DOT_ROWS * j, pair.length);
                }
            }
        }

        /** Without the scaled rows (an input of magnitude 2¹⁶ or more, or not finite): one weight row at a time. */
        @Override
        void dotsPair(float[] x, int xOff, int xStride, int n, int rowA, int rowB, float[] sums) {
            dots(x, xOff, xStride, n, rowB, sums);
            System.arraycopy(sums, 0, sums, WIDE_DOT_ROWS, n);
            dots(x, xOff, xStride, n, rowA, sums);
        }

        /** Whether row {@code row} holds an infinity or NaN (looked at on first use, then remembered). */
        private boolean special(int row) {
            return kind(row) == SPECIAL;
        }

        /** Row {@code row}'s entry of {@link #rowKinds}, looked at on first use. */
        private byte kind(int row) {
            byte kind = rowKinds[row];
            if (kind == UNSEEN) {
                kind = rowKind(data, element(row, 0), cols);
                rowKinds[row] = kind;
            }
            return kind;
        }

        /**
         * The kind of {@code len} halves from {@code element}, in one pass: {@link #SPECIAL} where one has the
         * all-ones exponent (infinity or NaN), else {@link #SUBNORMALS} where one is subnormal (zero exponent, nonzero
         * mantissa), else {@link #FINITE}.
         */
        static byte rowKind(MemorySegment seg, long element, int len) {
            long base = element * 2;
            boolean subnormal = false;
            int i = 0;
            for (int bound = S.loopBound(len); i < bound; i += S.length()) {
                ShortVector h = ShortVector.fromMemorySegment(S, seg, base + 2L * i, ByteOrder.LITTLE_ENDIAN);
                ShortVector exponent = h.and((short) 0x7C00);
                if (exponent.compare(VectorOperators.EQ, (short) 0x7C00).anyTrue()) {
                    return SPECIAL;
                }
                subnormal |= exponent.compare(VectorOperators.EQ, (short) 0)
                        .and(h.and((short) 0x3FF).compare(VectorOperators.NE, (short) 0)).anyTrue();
            }
            for (; i < len; i++) {
                short h = seg.get(I16_LE, base + 2L * i);
                if (special(h)) {
                    return SPECIAL;
                }
                subnormal |= subnormal(h);
            }
            return subnormal ? SUBNORMALS : FINITE;
        }

        /** {@code len} weights from {@code element}: halves that may be infinite or NaN ({@code specials}), decoded times {@code unit}. */
        static void widenF16(MemorySegment seg, long element, int len, float[] dst, int off, boolean specials, float unit) {
            long base = element * 2;
            int i = 0;
            for (int bound = F.loopBound(len); i < bound; i += F.length()) {
                VectorWiden.half(VectorWiden.halves(seg, base + 2L * i), specials, unit).intoArray(dst, off + i);
            }
            for (; i < len; i++) {
                dst[off + i] = value(seg.get(I16_LE, base + 2L * i), unit);
            }
        }

        /**
         * One stored half as the vector decode gives it: an IEEE half ({@code unit} 2¹¹², infinities and NaNs
         * included) or an {@link F16Normals} code (its shifted bits times {@code unit}).
         */
        static float value(short h, float unit) {
            return unit == VectorWiden.F16_SCALE ? Float.float16ToFloat(h) : Float.intBitsToFloat((h << 13) & 0x8FFFE000) * unit;
        }

        /**
         * The dot product of x with the F16 row starting at element {@code element}, decoded in
         * registers by {@link VectorWiden#half} ({@code specials}: the row holds an infinity or NaN).
         */
        static float dotF16(float[] x, int xOff, MemorySegment seg, long element, int len, boolean specials, float unit) {
            long base = element * 2;
            // Two accumulators (even and odd vectors), so consecutive FMAs do not wait on each other.
            FloatVector c0 = FloatVector.zero(F);
            FloatVector c1 = FloatVector.zero(F);
            int k = 0;
            for (int bound = F.loopBound(len); k < bound; k += L) {
                FloatVector wv = VectorWiden.half(VectorWiden.halves(seg, base + 2L * k), specials, unit);
                if ((k / L & 1) == 0) {
                    c0 = FloatVector.fromArray(F, x, xOff + k).fma(wv, c0);
                } else {
                    c1 = FloatVector.fromArray(F, x, xOff + k).fma(wv, c1);
                }
            }
            float s = VectorOps.sumLanes(c0.add(c1));
            for (; k < len; k++) {
                s = Math.fma(x[xOff + k], value(seg.get(I16_LE, base + 2L * k), unit), s);
            }
            return s;
        }

        /**
         * {@link #dotF16} of four input rows {@code xOff + i·xStride} with one F16 row, each weight
         * vector decoded once: every sum is accumulated exactly as {@link #dotF16} does it (even and
         * odd vectors apart, then the same lane sum and scalar tail), so each equals its single-row result.
         */
        static void dots4F16(float[] x, int xOff, int xStride, MemorySegment seg, long element, int len,
                             boolean specials, float unit, float[] sums) {
            long base = element * 2;
            int x0 = xOff;
            int x1 = x0 + xStride;
            int x2 = x1 + xStride;
            int x3 = x2 + xStride;
            FloatVector e0 = FloatVector.zero(F);
            FloatVector e1 = FloatVector.zero(F);
            FloatVector e2 = FloatVector.zero(F);
            FloatVector e3 = FloatVector.zero(F);
            FloatVector o0 = FloatVector.zero(F);
            FloatVector o1 = FloatVector.zero(F);
            FloatVector o2 = FloatVector.zero(F);
            FloatVector o3 = FloatVector.zero(F);
            int k = 0;
            for (int bound = F.loopBound(len); k < bound; k += L) {
                FloatVector wv = VectorWiden.half(VectorWiden.halves(seg, base + 2L * k), specials, unit);
                if ((k / L & 1) == 0) {
                    e0 = FloatVector.fromArray(F, x, x0 + k).fma(wv, e0);
                    e1 = FloatVector.fromArray(F, x, x1 + k).fma(wv, e1);
                    e2 = FloatVector.fromArray(F, x, x2 + k).fma(wv, e2);
                    e3 = FloatVector.fromArray(F, x, x3 + k).fma(wv, e3);
                } else {
                    o0 = FloatVector.fromArray(F, x, x0 + k).fma(wv, o0);
                    o1 = FloatVector.fromArray(F, x, x1 + k).fma(wv, o1);
                    o2 = FloatVector.fromArray(F, x, x2 + k).fma(wv, o2);
                    o3 = FloatVector.fromArray(F, x, x3 + k).fma(wv, o3);
                }
            }
            // VectorOps.sumLanes' folds, written out: four calls with vector arguments in one method
            // were not all inlined, and each boxed its vector (measured: ~5 MB allocated per beam per step).
            FloatVector v0 = e0.add(o0);
            FloatVector v1 = e1.add(o1);
            FloatVector v2 = e2.add(o2);
            FloatVector v3 = e3.add(o3);
            for (int w = L / 2; w >= 1; w /= 2) {
                jdk.incubator.vector.VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];
                v0 = v0.add(v0.rearrange(fold));
                v1 = v1.add(v1.rearrange(fold));
                v2 = v2.add(v2.rearrange(fold));
                v3 = v3.add(v3.rearrange(fold));
            }
            float s0 = v0.lane(0);
            float s1 = v1.lane(0);
            float s2 = v2.lane(0);
            float s3 = v3.lane(0);
            for (; k < len; k++) {
                float w = value(seg.get(I16_LE, base + 2L * k), unit);
                s0 = Math.fma(x[x0 + k], w, s0);
                s1 = Math.fma(x[x1 + k], w, s1);
                s2 = Math.fma(x[x2 + k], w, s2);
                s3 = Math.fma(x[x3 + k], w, s3);
            }
            sums[0] = s0;
            sums[1] = s1;
            sums[2] = s2;
            sums[3] = s3;
        }

        /**
         * As {@link #dots4F16} for five input rows (beam search's default width): the fifth row shares
         * the decoded weight vectors instead of decoding the row again on its own. It decodes in
         * place rather than through {@link VectorWiden#half}: through it the JIT left this method's
         * vectors boxed (measured: 211 MB allocated per 5-beam step of the card model).
         */
        private static void dots5F16(float[] x, int xOff, int xStride, MemorySegment seg, long element, int len,
                                     boolean specials, float unit, float[] sums) {
            long base = element * 2;
            int specialMagnitude = specials ? 0x7C00 : 0x8000; // 0x8000: above every magnitude, no lane blended
            int x0 = xOff;
            int x1 = x0 + xStride;
            int x2 = x1 + xStride;
            int x3 = x2 + xStride;
            int x4 = x3 + xStride;
            FloatVector e0 = FloatVector.zero(F);
            FloatVector e1 = FloatVector.zero(F);
            FloatVector e2 = FloatVector.zero(F);
            FloatVector e3 = FloatVector.zero(F);
            FloatVector e4 = FloatVector.zero(F);
            FloatVector o0 = FloatVector.zero(F);
            FloatVector o1 = FloatVector.zero(F);
            FloatVector o2 = FloatVector.zero(F);
            FloatVector o3 = FloatVector.zero(F);
            FloatVector o4 = FloatVector.zero(F);
            int k = 0;
            for (int bound = F.loopBound(len); k < bound; k += L) {
                IntVector h = (IntVector) ShortVector.fromMemorySegment(S, seg, base + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0);
                IntVector magnitude = h.and(0x7FFF);
                IntVector shifted = magnitude.lanewise(VectorOperators.LSHL, 13);
                IntVector finite = shifted.reinterpretAsFloats().mul(unit).reinterpretAsInts();
                IntVector value = finite.blend(shifted.or(0x7F800000), magnitude.compare(VectorOperators.GE, specialMagnitude));
                FloatVector wv = value.or(h.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
                if ((k / L & 1) == 0) {
                    e0 = FloatVector.fromArray(F, x, x0 + k).fma(wv, e0);
                    e1 = FloatVector.fromArray(F, x, x1 + k).fma(wv, e1);
                    e2 = FloatVector.fromArray(F, x, x2 + k).fma(wv, e2);
                    e3 = FloatVector.fromArray(F, x, x3 + k).fma(wv, e3);
                    e4 = FloatVector.fromArray(F, x, x4 + k).fma(wv, e4);
                } else {
                    o0 = FloatVector.fromArray(F, x, x0 + k).fma(wv, o0);
                    o1 = FloatVector.fromArray(F, x, x1 + k).fma(wv, o1);
                    o2 = FloatVector.fromArray(F, x, x2 + k).fma(wv, o2);
                    o3 = FloatVector.fromArray(F, x, x3 + k).fma(wv, o3);
                    o4 = FloatVector.fromArray(F, x, x4 + k).fma(wv, o4);
                }
            }
            FloatVector v0 = e0.add(o0);   // the folds written out, as in dots4F16
            FloatVector v1 = e1.add(o1);
            FloatVector v2 = e2.add(o2);
            FloatVector v3 = e3.add(o3);
            FloatVector v4 = e4.add(o4);
            for (int w = L / 2; w >= 1; w /= 2) {
                jdk.incubator.vector.VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];
                v0 = v0.add(v0.rearrange(fold));
                v1 = v1.add(v1.rearrange(fold));
                v2 = v2.add(v2.rearrange(fold));
                v3 = v3.add(v3.rearrange(fold));
                v4 = v4.add(v4.rearrange(fold));
            }
            float s0 = v0.lane(0);
            float s1 = v1.lane(0);
            float s2 = v2.lane(0);
            float s3 = v3.lane(0);
            float s4 = v4.lane(0);
            for (; k < len; k++) {
                float w = value(seg.get(I16_LE, base + 2L * k), unit);
                s0 = Math.fma(x[x0 + k], w, s0);
                s1 = Math.fma(x[x1 + k], w, s1);
                s2 = Math.fma(x[x2 + k], w, s2);
                s3 = Math.fma(x[x3 + k], w, s3);
                s4 = Math.fma(x[x4 + k], w, s4);
            }
            sums[0] = s0;
            sums[1] = s1;
            sums[2] = s2;
            sums[3] = s3;
            sums[4] = s4;
        }

        /**
         * As {@link #dots4F16} for eight input rows of a finite weight row (a row with an infinity or
         * NaN takes one {@link #dot} per input row): batched sessions decode each weight vector once for
         * eight rows instead of twice for four. The decode is {@link VectorWiden#half}'s finite form, written
         * out in place so that no vector crosses a call (a boxed vector here costs megabytes per step).
         */
        private static void dots8F16(float[] x, int xOff, int xStride, MemorySegment seg, long element, int len,
                                     float unit, float[] sums) {
            long base = element * 2;
            int x0 = xOff + 0 * xStride;
            int x1 = xOff + 1 * xStride;
            int x2 = xOff + 2 * xStride;
            int x3 = xOff + 3 * xStride;
            int x4 = xOff + 4 * xStride;
            int x5 = xOff + 5 * xStride;
            int x6 = xOff + 6 * xStride;
            int x7 = xOff + 7 * xStride;
            FloatVector e0 = FloatVector.zero(F);
            FloatVector e1 = FloatVector.zero(F);
            FloatVector e2 = FloatVector.zero(F);
            FloatVector e3 = FloatVector.zero(F);
            FloatVector e4 = FloatVector.zero(F);
            FloatVector e5 = FloatVector.zero(F);
            FloatVector e6 = FloatVector.zero(F);
            FloatVector e7 = FloatVector.zero(F);
            FloatVector o0 = FloatVector.zero(F);
            FloatVector o1 = FloatVector.zero(F);
            FloatVector o2 = FloatVector.zero(F);
            FloatVector o3 = FloatVector.zero(F);
            FloatVector o4 = FloatVector.zero(F);
            FloatVector o5 = FloatVector.zero(F);
            FloatVector o6 = FloatVector.zero(F);
            FloatVector o7 = FloatVector.zero(F);
            int k = 0;
            for (int bound = F.loopBound(len); k < bound; k += L) {
                FloatVector wv = ((IntVector) ShortVector.fromMemorySegment(S, seg, base + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats().mul(unit);
                if ((k / L & 1) == 0) {
                    e0 = FloatVector.fromArray(F, x, x0 + k).fma(wv, e0);
                    e1 = FloatVector.fromArray(F, x, x1 + k).fma(wv, e1);
                    e2 = FloatVector.fromArray(F, x, x2 + k).fma(wv, e2);
                    e3 = FloatVector.fromArray(F, x, x3 + k).fma(wv, e3);
                    e4 = FloatVector.fromArray(F, x, x4 + k).fma(wv, e4);
                    e5 = FloatVector.fromArray(F, x, x5 + k).fma(wv, e5);
                    e6 = FloatVector.fromArray(F, x, x6 + k).fma(wv, e6);
                    e7 = FloatVector.fromArray(F, x, x7 + k).fma(wv, e7);
                } else {
                    o0 = FloatVector.fromArray(F, x, x0 + k).fma(wv, o0);
                    o1 = FloatVector.fromArray(F, x, x1 + k).fma(wv, o1);
                    o2 = FloatVector.fromArray(F, x, x2 + k).fma(wv, o2);
                    o3 = FloatVector.fromArray(F, x, x3 + k).fma(wv, o3);
                    o4 = FloatVector.fromArray(F, x, x4 + k).fma(wv, o4);
                    o5 = FloatVector.fromArray(F, x, x5 + k).fma(wv, o5);
                    o6 = FloatVector.fromArray(F, x, x6 + k).fma(wv, o6);
                    o7 = FloatVector.fromArray(F, x, x7 + k).fma(wv, o7);
                }
            }
            FloatVector v0 = e0.add(o0);   // the folds written out, as in dots4F16
            FloatVector v1 = e1.add(o1);
            FloatVector v2 = e2.add(o2);
            FloatVector v3 = e3.add(o3);
            FloatVector v4 = e4.add(o4);
            FloatVector v5 = e5.add(o5);
            FloatVector v6 = e6.add(o6);
            FloatVector v7 = e7.add(o7);
            for (int w = L / 2; w >= 1; w /= 2) {
                jdk.incubator.vector.VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];
                v0 = v0.add(v0.rearrange(fold));
                v1 = v1.add(v1.rearrange(fold));
                v2 = v2.add(v2.rearrange(fold));
                v3 = v3.add(v3.rearrange(fold));
                v4 = v4.add(v4.rearrange(fold));
                v5 = v5.add(v5.rearrange(fold));
                v6 = v6.add(v6.rearrange(fold));
                v7 = v7.add(v7.rearrange(fold));
            }
            float s0 = v0.lane(0);
            float s1 = v1.lane(0);
            float s2 = v2.lane(0);
            float s3 = v3.lane(0);
            float s4 = v4.lane(0);
            float s5 = v5.lane(0);
            float s6 = v6.lane(0);
            float s7 = v7.lane(0);
            for (; k < len; k++) {
                float w = value(seg.get(I16_LE, base + 2L * k), unit);
                s0 = Math.fma(x[x0 + k], w, s0);
                s1 = Math.fma(x[x1 + k], w, s1);
                s2 = Math.fma(x[x2 + k], w, s2);
                s3 = Math.fma(x[x3 + k], w, s3);
                s4 = Math.fma(x[x4 + k], w, s4);
                s5 = Math.fma(x[x5 + k], w, s5);
                s6 = Math.fma(x[x6 + k], w, s6);
                s7 = Math.fma(x[x7 + k], w, s7);
            }
            sums[0] = s0;
            sums[1] = s1;
            sums[2] = s2;
            sums[3] = s3;
            sums[4] = s4;
            sums[5] = s5;
            sums[6] = s6;
            sums[7] = s7;
        }

        /**
         * {@link #dots5F16} for two finite weight rows at once: each input vector is loaded once for
         * both rows (five input loads per ten FMAs instead of per five). Rows A and B each keep their
         * own even and odd accumulators (written {@code ae}, {@code ao}, {@code be}, {@code bo}), lane
         * folds and scalar tail, so every sum equals {@link #dotF16}'s. The decode is
         * {@link VectorWiden#half}'s finite form in place and the loop is unrolled by the even/odd
         * pair, so that no vector crosses a call.
         *
         * <p>{@code x} holds the input rows times 2¹¹² ({@link #pairInputScale}, every value finite),
         * so the decode leaves out its multiply by 2¹¹²: with {@code b} the weight times 2⁻¹¹² (exact:
         * a normal half lands on a normal float, a subnormal one on a subnormal float) and {@code x'}
         * the input times 2¹¹² (exact while finite), {@code x'·b = x·w} exactly, so each FMA rounds to
         * the same float (measured: one vector multiply per weight vector is 4-18 % of this kernel).
         */
        private static void dots5PairF16(float[] x, int xOff, int xStride, MemorySegment seg, long elementA,
                                         long elementB, int len, float[] sums) {
            long baseA = elementA * 2;
            long baseB = elementB * 2;
            int x0 = xOff;
            int x1 = x0 + xStride;
            int x2 = x1 + xStride;
            int x3 = x2 + xStride;
            int x4 = x3 + xStride;
            FloatVector ae0 = FloatVector.zero(F);
            FloatVector ae1 = FloatVector.zero(F);
            FloatVector ae2 = FloatVector.zero(F);
            FloatVector ae3 = FloatVector.zero(F);
            FloatVector ae4 = FloatVector.zero(F);
            FloatVector ao0 = FloatVector.zero(F);
            FloatVector ao1 = FloatVector.zero(F);
            FloatVector ao2 = FloatVector.zero(F);
            FloatVector ao3 = FloatVector.zero(F);
            FloatVector ao4 = FloatVector.zero(F);
            FloatVector be0 = FloatVector.zero(F);
            FloatVector be1 = FloatVector.zero(F);
            FloatVector be2 = FloatVector.zero(F);
            FloatVector be3 = FloatVector.zero(F);
            FloatVector be4 = FloatVector.zero(F);
            FloatVector bo0 = FloatVector.zero(F);
            FloatVector bo1 = FloatVector.zero(F);
            FloatVector bo2 = FloatVector.zero(F);
            FloatVector bo3 = FloatVector.zero(F);
            FloatVector bo4 = FloatVector.zero(F);
            FloatVector xv;
            int bound = F.loopBound(len);
            // The even/odd pairs end at len & -2L: a test of k against a loop-invariant bound keeps
            // the loop counted for C2 ("k + 2L <= bound" did not: a range check per input load and
            // a safepoint poll per pair; measured 112-115 -> 145 GFLOP/s, one thread, 3072 x 768).
            int pairBound = len & -(2 * L);
            int k = 0;
            for (; k < pairBound; k += 2 * L) {
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
            if (k < bound) { // an odd vector count: the last one is even
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
            FloatVector a0 = ae0.add(ao0); // the folds written out, as in dots4F16
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
                jdk.incubator.vector.VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];
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
                float wa = Float.float16ToFloat(seg.get(I16_LE, baseA + 2L * k)) * 0x1p-112f;
                float wb = Float.float16ToFloat(seg.get(I16_LE, baseB + 2L * k)) * 0x1p-112f;
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
            sums[0] = s0;
            sums[1] = s1;
            sums[2] = s2;
            sums[3] = s3;
            sums[4] = s4;
            sums[WIDE_DOT_ROWS] = t0;
            sums[WIDE_DOT_ROWS + 1] = t1;
            sums[WIDE_DOT_ROWS + 2] = t2;
            sums[WIDE_DOT_ROWS + 3] = t3;
            sums[WIDE_DOT_ROWS + 4] = t4;
        }

        /**
         * Five input rows against four weight rows ({@code elementA} to {@code elementD}, one from each quarter of a
         * task's rows: four sequential streams, where the pair kernels read two), the inputs as a quintet (input
         * {@code i}'s vector {@code v} at {@code xOff + (5v + i)·L}, {@link AlignedRows#octetStart}: one index for
         * the five input loads of a weight vector): the even vectors' pass, then the odd vectors', each pass's twenty
         * accumulators kept in {@code sums} from {@link #QUAD_EVENS}, so twenty are live, not forty. The two passes are
         * one loop run twice: written as two loops, C2 kept half the even pass's accumulators on the stack (a load and
         * a store per FMA; the odd pass's loop had none). Each sum is {@code ae + ao}, folded as in {@link #dotF16}, so it equals the
         * row alone; row {@code r}'s five sums at {@code sums[r·WIDE_DOT_ROWS + i]}. {@code len} is a whole number of
         * vector pairs; the inputs carry {@link #pairInputScale}, as the pair kernels'.
         */
        private static void dots5QuadF16(float[] x, int xOff, MemorySegment seg, long elementA, long elementB,
                                         long elementC, long elementD, int len, float[] sums) {
            long baseA = elementA * 2;
            long baseB = elementB * 2;
            long baseC = elementC * 2;
            long baseD = elementD * 2;
            for (int pass = 0; pass < 2; pass++) { // the even vectors, then the odd: one loop, compiled once
                FloatVector a0 = FloatVector.zero(F);
                FloatVector a1 = FloatVector.zero(F);
                FloatVector a2 = FloatVector.zero(F);
                FloatVector a3 = FloatVector.zero(F);
                FloatVector a4 = FloatVector.zero(F);
                FloatVector b0 = FloatVector.zero(F);
                FloatVector b1 = FloatVector.zero(F);
                FloatVector b2 = FloatVector.zero(F);
                FloatVector b3 = FloatVector.zero(F);
                FloatVector b4 = FloatVector.zero(F);
                FloatVector c0 = FloatVector.zero(F);
                FloatVector c1 = FloatVector.zero(F);
                FloatVector c2 = FloatVector.zero(F);
                FloatVector c3 = FloatVector.zero(F);
                FloatVector c4 = FloatVector.zero(F);
                FloatVector d0 = FloatVector.zero(F);
                FloatVector d1 = FloatVector.zero(F);
                FloatVector d2 = FloatVector.zero(F);
                FloatVector d3 = FloatVector.zero(F);
                FloatVector d4 = FloatVector.zero(F);
                for (int k = pass * L; k < len; k += 2 * L) {
                    FloatVector aw = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseA + 2L * k, ByteOrder.LITTLE_ENDIAN)
                            .convertShape(VectorOperators.S2I, I, 0))
                            .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                    FloatVector bw = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseB + 2L * k, ByteOrder.LITTLE_ENDIAN)
                            .convertShape(VectorOperators.S2I, I, 0))
                            .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                    FloatVector cw = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseC + 2L * k, ByteOrder.LITTLE_ENDIAN)
                            .convertShape(VectorOperators.S2I, I, 0))
                            .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                    FloatVector dw = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseD + 2L * k, ByteOrder.LITTLE_ENDIAN)
                            .convertShape(VectorOperators.S2I, I, 0))
                            .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                    int xk = xOff + 5 * k;
                    FloatVector xv;
                    xv = FloatVector.fromArray(F, x, xk + 0 * L);
                    a0 = xv.fma(aw, a0);
                    b0 = xv.fma(bw, b0);
                    c0 = xv.fma(cw, c0);
                    d0 = xv.fma(dw, d0);
                    xv = FloatVector.fromArray(F, x, xk + 1 * L);
                    a1 = xv.fma(aw, a1);
                    b1 = xv.fma(bw, b1);
                    c1 = xv.fma(cw, c1);
                    d1 = xv.fma(dw, d1);
                    xv = FloatVector.fromArray(F, x, xk + 2 * L);
                    a2 = xv.fma(aw, a2);
                    b2 = xv.fma(bw, b2);
                    c2 = xv.fma(cw, c2);
                    d2 = xv.fma(dw, d2);
                    xv = FloatVector.fromArray(F, x, xk + 3 * L);
                    a3 = xv.fma(aw, a3);
                    b3 = xv.fma(bw, b3);
                    c3 = xv.fma(cw, c3);
                    d3 = xv.fma(dw, d3);
                    xv = FloatVector.fromArray(F, x, xk + 4 * L);
                    a4 = xv.fma(aw, a4);
                    b4 = xv.fma(bw, b4);
                    c4 = xv.fma(cw, c4);
                    d4 = xv.fma(dw, d4);
                }
                int at = QUAD_EVENS + pass * 20 * L;
                FV.cast(a0).intoArray(sums, at + 0 * L);
                FV.cast(a1).intoArray(sums, at + 1 * L);
                FV.cast(a2).intoArray(sums, at + 2 * L);
                FV.cast(a3).intoArray(sums, at + 3 * L);
                FV.cast(a4).intoArray(sums, at + 4 * L);
                FV.cast(b0).intoArray(sums, at + 5 * L);
                FV.cast(b1).intoArray(sums, at + 6 * L);
                FV.cast(b2).intoArray(sums, at + 7 * L);
                FV.cast(b3).intoArray(sums, at + 8 * L);
                FV.cast(b4).intoArray(sums, at + 9 * L);
                FV.cast(c0).intoArray(sums, at + 10 * L);
                FV.cast(c1).intoArray(sums, at + 11 * L);
                FV.cast(c2).intoArray(sums, at + 12 * L);
                FV.cast(c3).intoArray(sums, at + 13 * L);
                FV.cast(c4).intoArray(sums, at + 14 * L);
                FV.cast(d0).intoArray(sums, at + 15 * L);
                FV.cast(d1).intoArray(sums, at + 16 * L);
                FV.cast(d2).intoArray(sums, at + 17 * L);
                FV.cast(d3).intoArray(sums, at + 18 * L);
                FV.cast(d4).intoArray(sums, at + 19 * L);
            }
            foldQuadSums(sums);
        }

        /**
         * {@link #dots5QuadF16}'s and {@link #dots5QuadPartsF16}'s end: each row's sum {@code ae + ao} from the two
         * passes' accumulators in {@code sums}, folded as in {@link #dotF16}, to {@code sums[r·WIDE_DOT_ROWS + i]}. A
         * method of its own (too large for C2 to inline: compiled apart), so that a kernel's compile does not hold
         * twenty fold chains beside its loop: that one compile took ~67 MB of C2 arena at a five-beam step's first use,
         * the peak of a fresh JVM's resident set (rss5 note); the operations, and so the bits, are the same. Shared by
         * the two kernels, it is hot from the first five-beam step's logits on, so its C2 code is there early, and the
         * parts kernel, which only fc2 calls, holds no vector of its own: with a copy of the fold inline it allocated
         * ~9 MB a five-beam step on the calling thread while it ran as C1 code (~25 MB interpreted), as one JVM of
         * beams6's 22 did in its timed rounds.
         */
        private static void foldQuadSums(float[] sums) {
            FloatVector a0 = FloatVector.fromArray(F, sums, QUAD_EVENS + 0 * L).add(FloatVector.fromArray(F, sums, QUAD_EVENS + 20 * L));
            FloatVector a1 = FloatVector.fromArray(F, sums, QUAD_EVENS + 1 * L).add(FloatVector.fromArray(F, sums, QUAD_EVENS + 21 * L));
            FloatVector a2 = FloatVector.fromArray(F, sums, QUAD_EVENS + 2 * L).add(FloatVector.fromArray(F, sums, QUAD_EVENS + 22 * L));
            FloatVector a3 = FloatVector.fromArray(F, sums, QUAD_EVENS + 3 * L).add(FloatVector.fromArray(F, sums, QUAD_EVENS + 23 * L));
            FloatVector a4 = FloatVector.fromArray(F, sums, QUAD_EVENS + 4 * L).add(FloatVector.fromArray(F, sums, QUAD_EVENS + 24 * L));
            FloatVector b0 = FloatVector.fromArray(F, sums, QUAD_EVENS + 5 * L).add(FloatVector.fromArray(F, sums, QUAD_EVENS + 25 * L));
            FloatVector b1 = FloatVector.fromArray(F, sums, QUAD_EVENS + 6 * L).add(FloatVector.fromArray(F, sums, QUAD_EVENS + 26 * L));
            FloatVector b2 = FloatVector.fromArray(F, sums, QUAD_EVENS + 7 * L).add(FloatVector.fromArray(F, sums, QUAD_EVENS + 27 * L));
            FloatVector b3 = FloatVector.fromArray(F, sums, QUAD_EVENS + 8 * L).add(FloatVector.fromArray(F, sums, QUAD_EVENS + 28 * L));
            FloatVector b4 = FloatVector.fromArray(F, sums, QUAD_EVENS + 9 * L).add(FloatVector.fromArray(F, sums, QUAD_EVENS + 29 * L));
            FloatVector c0 = FloatVector.fromArray(F, sums, QUAD_EVENS + 10 * L).add(FloatVector.fromArray(F, sums, QUAD_EVENS + 30 * L));
            FloatVector c1 = FloatVector.fromArray(F, sums, QUAD_EVENS + 11 * L).add(FloatVector.fromArray(F, sums, QUAD_EVENS + 31 * L));
            FloatVector c2 = FloatVector.fromArray(F, sums, QUAD_EVENS + 12 * L).add(FloatVector.fromArray(F, sums, QUAD_EVENS + 32 * L));
            FloatVector c3 = FloatVector.fromArray(F, sums, QUAD_EVENS + 13 * L).add(FloatVector.fromArray(F, sums, QUAD_EVENS + 33 * L));
            FloatVector c4 = FloatVector.fromArray(F, sums, QUAD_EVENS + 14 * L).add(FloatVector.fromArray(F, sums, QUAD_EVENS + 34 * L));
            FloatVector d0 = FloatVector.fromArray(F, sums, QUAD_EVENS + 15 * L).add(FloatVector.fromArray(F, sums, QUAD_EVENS + 35 * L));
            FloatVector d1 = FloatVector.fromArray(F, sums, QUAD_EVENS + 16 * L).add(FloatVector.fromArray(F, sums, QUAD_EVENS + 36 * L));
            FloatVector d2 = FloatVector.fromArray(F, sums, QUAD_EVENS + 17 * L).add(FloatVector.fromArray(F, sums, QUAD_EVENS + 37 * L));
            FloatVector d3 = FloatVector.fromArray(F, sums, QUAD_EVENS + 18 * L).add(FloatVector.fromArray(F, sums, QUAD_EVENS + 38 * L));
            FloatVector d4 = FloatVector.fromArray(F, sums, QUAD_EVENS + 19 * L).add(FloatVector.fromArray(F, sums, QUAD_EVENS + 39 * L));
            for (int w = L / 2; w >= 1; w /= 2) {
                jdk.incubator.vector.VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];
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
                c0 = c0.add(c0.rearrange(fold));
                c1 = c1.add(c1.rearrange(fold));
                c2 = c2.add(c2.rearrange(fold));
                c3 = c3.add(c3.rearrange(fold));
                c4 = c4.add(c4.rearrange(fold));
                d0 = d0.add(d0.rearrange(fold));
                d1 = d1.add(d1.rearrange(fold));
                d2 = d2.add(d2.rearrange(fold));
                d3 = d3.add(d3.rearrange(fold));
                d4 = d4.add(d4.rearrange(fold));
            }
            sums[0 * WIDE_DOT_ROWS + 0] = a0.lane(0);
            sums[0 * WIDE_DOT_ROWS + 1] = a1.lane(0);
            sums[0 * WIDE_DOT_ROWS + 2] = a2.lane(0);
            sums[0 * WIDE_DOT_ROWS + 3] = a3.lane(0);
            sums[0 * WIDE_DOT_ROWS + 4] = a4.lane(0);
            sums[1 * WIDE_DOT_ROWS + 0] = b0.lane(0);
            sums[1 * WIDE_DOT_ROWS + 1] = b1.lane(0);
            sums[1 * WIDE_DOT_ROWS + 2] = b2.lane(0);
            sums[1 * WIDE_DOT_ROWS + 3] = b3.lane(0);
            sums[1 * WIDE_DOT_ROWS + 4] = b4.lane(0);
            sums[2 * WIDE_DOT_ROWS + 0] = c0.lane(0);
            sums[2 * WIDE_DOT_ROWS + 1] = c1.lane(0);
            sums[2 * WIDE_DOT_ROWS + 2] = c2.lane(0);
            sums[2 * WIDE_DOT_ROWS + 3] = c3.lane(0);
            sums[2 * WIDE_DOT_ROWS + 4] = c4.lane(0);
            sums[3 * WIDE_DOT_ROWS + 0] = d0.lane(0);
            sums[3 * WIDE_DOT_ROWS + 1] = d1.lane(0);
            sums[3 * WIDE_DOT_ROWS + 2] = d2.lane(0);
            sums[3 * WIDE_DOT_ROWS + 3] = d3.lane(0);
            sums[3 * WIDE_DOT_ROWS + 4] = d4.lane(0);
        }

        /**
         * One pass of {@link #dots5QuadPartsF16}: the vectors {@code from, from + 2L, ..} below {@code to} (the even or
         * the odd ones of a part), the twenty accumulators taken from {@code sums[at ..]} and put back there. A method
         * of its own, so that C1 can compile the kernel (one method holding the parts loop ran out of virtual registers).
         */
        private static void quadPassF16(float[] x, int xOff, MemorySegment seg, long baseA, long baseB, long baseC,
                                        long baseD, int from, int to, float[] sums, int at) {
            FloatVector a0 = FloatVector.fromArray(F, sums, at + 0 * L);
            FloatVector a1 = FloatVector.fromArray(F, sums, at + 1 * L);
            FloatVector a2 = FloatVector.fromArray(F, sums, at + 2 * L);
            FloatVector a3 = FloatVector.fromArray(F, sums, at + 3 * L);
            FloatVector a4 = FloatVector.fromArray(F, sums, at + 4 * L);
            FloatVector b0 = FloatVector.fromArray(F, sums, at + 5 * L);
            FloatVector b1 = FloatVector.fromArray(F, sums, at + 6 * L);
            FloatVector b2 = FloatVector.fromArray(F, sums, at + 7 * L);
            FloatVector b3 = FloatVector.fromArray(F, sums, at + 8 * L);
            FloatVector b4 = FloatVector.fromArray(F, sums, at + 9 * L);
            FloatVector c0 = FloatVector.fromArray(F, sums, at + 10 * L);
            FloatVector c1 = FloatVector.fromArray(F, sums, at + 11 * L);
            FloatVector c2 = FloatVector.fromArray(F, sums, at + 12 * L);
            FloatVector c3 = FloatVector.fromArray(F, sums, at + 13 * L);
            FloatVector c4 = FloatVector.fromArray(F, sums, at + 14 * L);
            FloatVector d0 = FloatVector.fromArray(F, sums, at + 15 * L);
            FloatVector d1 = FloatVector.fromArray(F, sums, at + 16 * L);
            FloatVector d2 = FloatVector.fromArray(F, sums, at + 17 * L);
            FloatVector d3 = FloatVector.fromArray(F, sums, at + 18 * L);
            FloatVector d4 = FloatVector.fromArray(F, sums, at + 19 * L);
            for (int k = from; k < to; k += 2 * L) {
                FloatVector aw = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseA + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                FloatVector bw = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseB + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                FloatVector cw = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseC + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                FloatVector dw = ((IntVector) ShortVector.fromMemorySegment(S, seg, baseD + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
                int xk = xOff + 5 * k;
                FloatVector xv;
                xv = FloatVector.fromArray(F, x, xk + 0 * L);
                a0 = xv.fma(aw, a0);
                b0 = xv.fma(bw, b0);
                c0 = xv.fma(cw, c0);
                d0 = xv.fma(dw, d0);
                xv = FloatVector.fromArray(F, x, xk + 1 * L);
                a1 = xv.fma(aw, a1);
                b1 = xv.fma(bw, b1);
                c1 = xv.fma(cw, c1);
                d1 = xv.fma(dw, d1);
                xv = FloatVector.fromArray(F, x, xk + 2 * L);
                a2 = xv.fma(aw, a2);
                b2 = xv.fma(bw, b2);
                c2 = xv.fma(cw, c2);
                d2 = xv.fma(dw, d2);
                xv = FloatVector.fromArray(F, x, xk + 3 * L);
                a3 = xv.fma(aw, a3);
                b3 = xv.fma(bw, b3);
                c3 = xv.fma(cw, c3);
                d3 = xv.fma(dw, d3);
                xv = FloatVector.fromArray(F, x, xk + 4 * L);
                a4 = xv.fma(aw, a4);
                b4 = xv.fma(bw, b4);
                c4 = xv.fma(cw, c4);
                d4 = xv.fma(dw, d4);
            }
            FV.cast(a0).intoArray(sums, at + 0 * L);
            FV.cast(a1).intoArray(sums, at + 1 * L);
            FV.cast(a2).intoArray(sums, at + 2 * L);
            FV.cast(a3).intoArray(sums, at + 3 * L);
            FV.cast(a4).intoArray(sums, at + 4 * L);
            FV.cast(b0).intoArray(sums, at + 5 * L);
            FV.cast(b1).intoArray(sums, at + 6 * L);
            FV.cast(b2).intoArray(sums, at + 7 * L);
            FV.cast(b3).intoArray(sums, at + 8 * L);
            FV.cast(b4).intoArray(sums, at + 9 * L);
            FV.cast(c0).intoArray(sums, at + 10 * L);
            FV.cast(c1).intoArray(sums, at + 11 * L);
            FV.cast(c2).intoArray(sums, at + 12 * L);
            FV.cast(c3).intoArray(sums, at + 13 * L);
            FV.cast(c4).intoArray(sums, at + 14 * L);
            FV.cast(d0).intoArray(sums, at + 15 * L);
            FV.cast(d1).intoArray(sums, at + 16 * L);
            FV.cast(d2).intoArray(sums, at + 17 * L);
            FV.cast(d3).intoArray(sums, at + 18 * L);
            FV.cast(d4).intoArray(sums, at + 19 * L);
        }

        /**
         * {@link #dots5QuadF16} for rows cut into parts ({@link RowParts}): per part of the row, the even vectors'
         * pass and then the odd vectors', each pass's twenty accumulators taken from {@code sums} and put back there
         * (zeros before the first part), so every lane's FMAs run in the whole-row kernel's order and each sum keeps its
         * bits. A part's four weight pieces (8 KB) and its quintet of inputs (20 KB) stay in L1 for its two passes, and
         * the four streams still read their rows in order (a quad's four rows are read whole, part after part).
         */
        private static void dots5QuadPartsF16(float[] x, int xOff, MemorySegment seg, long elementA, long elementB,
                                         long elementC, long elementD, int len, float[] sums) {
            long baseA = elementA * 2;
            long baseB = elementB * 2;
            long baseC = elementC * 2;
            long baseD = elementD * 2;
            int parts = RowParts.parts(len);
            java.util.Arrays.fill(sums, QUAD_EVENS, QUAD_EVENS + 40 * L, 0f);
            for (int p = 0, from = 0; p < parts; p++, from += RowParts.PART) {
                int to = p == parts - 1 ? len : from + RowParts.PART;
                quadPassF16(x, xOff, seg, baseA, baseB, baseC, baseD, from, to, sums, QUAD_EVENS); // the even vectors
                quadPassF16(x, xOff, seg, baseA, baseB, baseC, baseD, from + L, to, sums, QUAD_EVENS + 20 * L); // the odd
            }
            foldQuadSums(sums);
        }

        /** {@link #dots5PairF16} for six input rows (sixteen batched rows are taken as 6 + 5 + 5). */
        private static void dots6PairF16(float[] x, int xOff, int xStride, MemorySegment seg, long elementA,
                                         long elementB, int len, float[] sums) {
            long baseA = elementA * 2;
            long baseB = elementB * 2;
            int x0 = xOff + 0 * xStride;
            int x1 = xOff + 1 * xStride;
            int x2 = xOff + 2 * xStride;
            int x3 = xOff + 3 * xStride;
            int x4 = xOff + 4 * xStride;
            int x5 = xOff + 5 * xStride;
            FloatVector ae0 = FloatVector.zero(F);
            FloatVector ae1 = FloatVector.zero(F);
            FloatVector ae2 = FloatVector.zero(F);
            FloatVector ae3 = FloatVector.zero(F);
            FloatVector ae4 = FloatVector.zero(F);
            FloatVector ae5 = FloatVector.zero(F);
            FloatVector ao0 = FloatVector.zero(F);
            FloatVector ao1 = FloatVector.zero(F);
            FloatVector ao2 = FloatVector.zero(F);
            FloatVector ao3 = FloatVector.zero(F);
            FloatVector ao4 = FloatVector.zero(F);
            FloatVector ao5 = FloatVector.zero(F);
            FloatVector be0 = FloatVector.zero(F);
            FloatVector be1 = FloatVector.zero(F);
            FloatVector be2 = FloatVector.zero(F);
            FloatVector be3 = FloatVector.zero(F);
            FloatVector be4 = FloatVector.zero(F);
            FloatVector be5 = FloatVector.zero(F);
            FloatVector bo0 = FloatVector.zero(F);
            FloatVector bo1 = FloatVector.zero(F);
            FloatVector bo2 = FloatVector.zero(F);
            FloatVector bo3 = FloatVector.zero(F);
            FloatVector bo4 = FloatVector.zero(F);
            FloatVector bo5 = FloatVector.zero(F);
            FloatVector xv;
            int bound = F.loopBound(len);
            int pairBound = len & -(2 * L); // as in dots5PairF16: a counted loop
            int k = 0;
            for (; k < pairBound; k += 2 * L) {
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
                xv = FloatVector.fromArray(F, x, x5 + k);
                ae5 = xv.fma(a, ae5);
                be5 = xv.fma(b, be5);
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
                xv = FloatVector.fromArray(F, x, x5 + k1);
                ao5 = xv.fma(a, ao5);
                bo5 = xv.fma(b, bo5);
            }
            if (k < bound) { // an odd vector count: the last one is even
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
                xv = FloatVector.fromArray(F, x, x5 + k);
                ae5 = xv.fma(a, ae5);
                be5 = xv.fma(b, be5);
                k += L;
            }
            FloatVector a0 = ae0.add(ao0);
            FloatVector a1 = ae1.add(ao1);
            FloatVector a2 = ae2.add(ao2);
            FloatVector a3 = ae3.add(ao3);
            FloatVector a4 = ae4.add(ao4);
            FloatVector a5 = ae5.add(ao5);
            FloatVector b0 = be0.add(bo0);
            FloatVector b1 = be1.add(bo1);
            FloatVector b2 = be2.add(bo2);
            FloatVector b3 = be3.add(bo3);
            FloatVector b4 = be4.add(bo4);
            FloatVector b5 = be5.add(bo5);
            for (int w = L / 2; w >= 1; w /= 2) {
                jdk.incubator.vector.VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];
                a0 = a0.add(a0.rearrange(fold));
                a1 = a1.add(a1.rearrange(fold));
                a2 = a2.add(a2.rearrange(fold));
                a3 = a3.add(a3.rearrange(fold));
                a4 = a4.add(a4.rearrange(fold));
                a5 = a5.add(a5.rearrange(fold));
                b0 = b0.add(b0.rearrange(fold));
                b1 = b1.add(b1.rearrange(fold));
                b2 = b2.add(b2.rearrange(fold));
                b3 = b3.add(b3.rearrange(fold));
                b4 = b4.add(b4.rearrange(fold));
                b5 = b5.add(b5.rearrange(fold));
            }
            float s0 = a0.lane(0);
            float s1 = a1.lane(0);
            float s2 = a2.lane(0);
            float s3 = a3.lane(0);
            float s4 = a4.lane(0);
            float s5 = a5.lane(0);
            float t0 = b0.lane(0);
            float t1 = b1.lane(0);
            float t2 = b2.lane(0);
            float t3 = b3.lane(0);
            float t4 = b4.lane(0);
            float t5 = b5.lane(0);
            for (; k < len; k++) {
                float wa = Float.float16ToFloat(seg.get(I16_LE, baseA + 2L * k)) * 0x1p-112f;
                float wb = Float.float16ToFloat(seg.get(I16_LE, baseB + 2L * k)) * 0x1p-112f;
                s0 = Math.fma(x[x0 + k], wa, s0);
                s1 = Math.fma(x[x1 + k], wa, s1);
                s2 = Math.fma(x[x2 + k], wa, s2);
                s3 = Math.fma(x[x3 + k], wa, s3);
                s4 = Math.fma(x[x4 + k], wa, s4);
                s5 = Math.fma(x[x5 + k], wa, s5);
                t0 = Math.fma(x[x0 + k], wb, t0);
                t1 = Math.fma(x[x1 + k], wb, t1);
                t2 = Math.fma(x[x2 + k], wb, t2);
                t3 = Math.fma(x[x3 + k], wb, t3);
                t4 = Math.fma(x[x4 + k], wb, t4);
                t5 = Math.fma(x[x5 + k], wb, t5);
            }
            sums[0] = s0;
            sums[1] = s1;
            sums[2] = s2;
            sums[3] = s3;
            sums[4] = s4;
            sums[5] = s5;
            sums[WIDE_DOT_ROWS + 0] = t0;
            sums[WIDE_DOT_ROWS + 1] = t1;
            sums[WIDE_DOT_ROWS + 2] = t2;
            sums[WIDE_DOT_ROWS + 3] = t3;
            sums[WIDE_DOT_ROWS + 4] = t4;
            sums[WIDE_DOT_ROWS + 5] = t5;
        }
    }
}
