package io.github.asr4j.kernels.cpu;

import static io.github.asr4j.kernels.cpu.VectorWiden.F;
import static io.github.asr4j.kernels.cpu.VectorWiden.I;
import static io.github.asr4j.kernels.cpu.VectorWiden.S;

import io.github.asr4j.loader.DType;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/** bfloat16 weights: the upper half of a float32, widened by a 16-bit shift. */
class BF16Weights extends WeightMatrix {

    BF16Weights(String name, MemorySegment data, int rows, int cols) {
        super(name, data, rows, cols, cols);
    }

    @Override
    public DType dtype() {
        return DType.BF16;
    }

    @Override
    void widen(int row, int col, int len, float[] dst, int dstOffset) {
        widenScalar(data, element(row, col), len, dst, dstOffset);
    }

    static void widenScalar(MemorySegment data, long element, int len, float[] dst, int off) {
        long base = element * 2;
        for (int i = 0; i < len; i++) {
            dst[off + i] = Float.intBitsToFloat(data.get(I16_LE, base + 2L * i) << 16);
        }
    }

    /** The Vector API kernels (loaded only by the vector backend). */
    static final class Simd extends BF16Weights {
        private static final int L = F.length();
        /**
         * Even/odd widening: one load of 2·L weights as L int lanes; lane j holds weight 2j in its low half
         * and 2j+1 in its high half, so {@code bits << 16} is the even weights as floats and
         * {@code bits & 0xFFFF0000} the odd ones (two ALU ops per 2·L weights, no port-5 widening). x is split
         * into its even and odd elements by two two-vector permutes per 2·L inputs, shared by every row of a
         * pass. Each row sums x_even·w_even then x_odd·w_odd into one accumulator per 2·L weights, folds its
         * lanes, then adds the scalar tail (len mod 2·L) in order: the same in every form, so a row's bits do
         * not depend on the form that computed it.
         */
        private static final int HI16 = 0xFFFF0000;
        /**
         * Whether the products use the even/odd widening (2·L weights a step, then scalars) or the sign
         * extension and shift (L weights a step, then scalars, as before): even/odd only at 512 bits, where
         * the two-vector float permute that splits x is one instruction (AVX-512 {@code vpermi2ps}). With 8 lanes
         * (-XX:UseAVX=2 on the Emerald Rapids VM) even/odd computed 32–40 GB/s in L2 against 43–48 for the
         * shift alone (docs/notes/2026-12-07c-qpair.md). Sums already depend on the vector width (L lanes
         * folded), so the order of sums differing between 512-bit and narrower vectors is nothing new.
         */
        private static final boolean EVEN_ODD = F.vectorBitSize() == 512;
        /** Float lane indices into the concatenation of two x vectors: 0, 2, 4, … (even) and 1, 3, 5, … (odd). */
        private static final FloatVector EVEN = strided(0);
        private static final FloatVector ODD = strided(1);

        private static FloatVector strided(int from) {
            float[] index = new float[L];
            for (int j = 0; j < L; j++) {
                index[j] = from + 2 * j;
            }
            return FloatVector.fromArray(F, index, 0);
        }

        Simd(String name, MemorySegment data, int rows, int cols) {
            super(name, data, rows, cols);
        }

        @Override
        void widen(int row, int col, int len, float[] dst, int dstOffset) {
            widenBF16(data, element(row, col), len, dst, dstOffset);
        }

        @Override
        float dot(float[] x, int xOff, int row) {
            return dotBF16(x, xOff, data, element(row, 0), cols);
        }

        /**
         * Eight rows per pass, one from each eighth of the run: eight sequential streams, each read in order for
         * the whole run, by {@link #dot8BF16}. On this Intel VM (Emerald Rapids, 2 cores, AVX-512) a one-row
         * product behaves as memory time plus compute time, and more independent streams and FMA chains per
         * pass keep more reads in flight: the 151936×1024 logits matrix from memory at 28.7 GB/s (eighths,
         * shift widening) against 23.9 (quarters, permute) and 25.5 (quarters, shift), a plain read of the same
         * mapped rows at 34.6, 2 threads, one JVM (docs/notes/2026-12-07c-qstep.md). The even/odd widening
         * (fewer operations per byte: 52 against 47 GB/s in L2, one core) took the warm Qwen step a further 1–2 ms
         * lower (docs/notes/2026-12-07c-qpair.md). On Zen 4 quarters read a little faster than eighths
         * (docs/notes/2026-12-05e-qdec.md). The 0–7 rows left over go four, two, one at a time, adjacent.
         */
        @Override
        void dotRows(float[] x, int xOff, int row, int count, float[] y, int yOff) {
            int eighth = count / 8;
            for (int j = 0; j < eighth; j++) {
                if (EVEN_ODD) {
                    dot8BF16(x, xOff, data, element(row + j, 0), (long) eighth * rowStride, cols, y, yOff + j, eighth);
                } else {
                    dot8ShiftBF16(x, xOff, data, element(row + j, 0), (long) eighth * rowStride, cols, y, yOff + j, eighth);
                }
            }
            int i = 8 * eighth;
            if (i + 4 <= count) {
                dot4BF16(x, xOff, data, element(row + i, 0), rowStride, cols, y, yOff + i, 1);
                i += 4;
            }
            for (; i + 2 <= count; i += 2) {
                dot2BF16(x, xOff, data, element(row + i, 0), rowStride, cols, y, yOff + i);
            }
            if (i < count) {
                y[yOff + i] = dotBF16(x, xOff, data, element(row + i, 0), cols);
            }
        }

        @Override
        void dots(float[] x, int xOff, int xStride, int n, int row, float[] sums) {
            if (n == DOT_ROWS) {
                dots4BF16(x, xOff, xStride, data, element(row, 0), cols, sums);
            } else {
                super.dots(x, xOff, xStride, n, row, sums);
            }
        }

        static void widenBF16(MemorySegment seg, long element, int len, float[] dst, int off) {
            long base = element * 2;
            int i = 0;
            for (int bound = F.loopBound(len); i < bound; i += F.length()) {
                IntVector bits = (IntVector) ShortVector.fromMemorySegment(S, seg, base + 2L * i, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0);
                bits.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().intoArray(dst, off + i);
            }
            for (; i < len; i++) {
                dst[off + i] = Float.intBitsToFloat(seg.get(I16_LE, base + 2L * i) << 16);
            }
        }

        /**
         * The dot product of x with the BF16 row starting at element {@code element}: per 2·L weights, one
         * load split into even and odd weights ({@code << 16}, {@code & 0xFFFF0000}), x_even·w_even then
         * x_odd·w_odd into one accumulator; the lane folds of {@link VectorOps#sumLanes}; then the scalar tail
         * (len mod 2·L) in order. Every other form ({@link #dot2BF16}, {@link #dot4BF16}, {@link #dot8BF16},
         * {@link #dots4BF16}) sums each row exactly so.
         */
        private static float dotBF16(float[] x, int xOff, MemorySegment seg, long element, int len) {
            long base = element * 2;
            FloatVector c = FloatVector.zero(F);
            int k = 0;
            if (EVEN_ODD) {
                for (; k + 2 * L <= len; k += 2 * L) {
                    FloatVector xa = FloatVector.fromArray(F, x, xOff + k);
                    FloatVector xb = FloatVector.fromArray(F, x, xOff + k + L);
                    IntVector w = IntVector.fromMemorySegment(I, seg, base + 2L * k, ByteOrder.LITTLE_ENDIAN);
                    c = EVEN.selectFrom(xa, xb).fma(w.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c);
                    c = ODD.selectFrom(xa, xb).fma(w.and(HI16).reinterpretAsFloats(), c);
                }
            } else {
                for (int bound = F.loopBound(len); k < bound; k += L) {
                    c = FloatVector.fromArray(F, x, xOff + k).fma(((IntVector) ShortVector.fromMemorySegment(S, seg, base + 2L * k, ByteOrder.LITTLE_ENDIAN)
                            .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c);
                }
            }
            float s = VectorOps.sumLanes(c);
            for (; k < len; k++) {
                s = Math.fma(x[xOff + k], Float.intBitsToFloat(seg.get(I16_LE, base + 2L * k) << 16), s);
            }
            return s;
        }

        /**
         * {@link #dotBF16} of x with two consecutive BF16 rows in one pass, each summed exactly as
         * {@link #dotBF16} sums it (so bit-identical): two independent FMA chains share each input
         * vector (the 0–3 rows {@link #dotRows} leaves after its eighths and four adjacent rows).
         */
        private static void dot2BF16(float[] x, int xOff, MemorySegment seg, long element, int rowStride, int len,
                                     float[] y, int yOff) {
            long base0 = element * 2;
            long base1 = base0 + 2L * rowStride;
            FloatVector c0 = FloatVector.zero(F);
            FloatVector c1 = FloatVector.zero(F);
            int k = 0;
            if (EVEN_ODD) {
                for (; k + 2 * L <= len; k += 2 * L) {
                    FloatVector xa = FloatVector.fromArray(F, x, xOff + k);
                    FloatVector xb = FloatVector.fromArray(F, x, xOff + k + L);
                    FloatVector xe = EVEN.selectFrom(xa, xb);
                    FloatVector xo = ODD.selectFrom(xa, xb);
                    long o = 2L * k;
                    IntVector w0 = IntVector.fromMemorySegment(I, seg, base0 + o, ByteOrder.LITTLE_ENDIAN);
                    c0 = xe.fma(w0.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c0);
                    c0 = xo.fma(w0.and(HI16).reinterpretAsFloats(), c0);
                    IntVector w1 = IntVector.fromMemorySegment(I, seg, base1 + o, ByteOrder.LITTLE_ENDIAN);
                    c1 = xe.fma(w1.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c1);
                    c1 = xo.fma(w1.and(HI16).reinterpretAsFloats(), c1);
                }
            } else {
                for (int bound = F.loopBound(len); k < bound; k += L) {
                    FloatVector xv = FloatVector.fromArray(F, x, xOff + k);
                    c0 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, base0 + 2L * k, ByteOrder.LITTLE_ENDIAN)
                            .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c0);
                    c1 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, base1 + 2L * k, ByteOrder.LITTLE_ENDIAN)
                            .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c1);
                }
            }
            // The lane sums of VectorOps.sumLanes written out (calls with vector arguments box).
            for (int w = L / 2; w >= 1; w /= 2) {
                jdk.incubator.vector.VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];
                c0 = c0.add(c0.rearrange(fold));
                c1 = c1.add(c1.rearrange(fold));
            }
            float s0 = c0.lane(0);
            float s1 = c1.lane(0);
            for (; k < len; k++) {
                float xk = x[xOff + k];
                s0 = Math.fma(xk, Float.intBitsToFloat(seg.get(I16_LE, base0 + 2L * k) << 16), s0);
                s1 = Math.fma(xk, Float.intBitsToFloat(seg.get(I16_LE, base1 + 2L * k) << 16), s1);
            }
            y[yOff] = s0;
            y[yOff + 1] = s1;
        }

        /**
         * {@link #dotBF16} of x with the four BF16 rows {@code element + i·apart} (elements), i &lt; 4, into
         * {@code y[yOff + i·yApart]}, each summed exactly as {@link #dotBF16} sums it (even/odd widening, the
         * same lane folds and scalar tail). Widened inline: a helper that returns a vector may be left uninlined
         * and box it.
         */
        private static void dot4BF16(float[] x, int xOff, MemorySegment seg, long element, long apart, int len,
                                     float[] y, int yOff, int yApart) {
            long base0 = element * 2;
            long base1 = base0 + 2 * apart;
            long base2 = base1 + 2 * apart;
            long base3 = base2 + 2 * apart;
            FloatVector c0 = FloatVector.zero(F);
            FloatVector c1 = FloatVector.zero(F);
            FloatVector c2 = FloatVector.zero(F);
            FloatVector c3 = FloatVector.zero(F);
            int k = 0;
            if (EVEN_ODD) {
                for (; k + 2 * L <= len; k += 2 * L) {
                    FloatVector xa = FloatVector.fromArray(F, x, xOff + k);
                    FloatVector xb = FloatVector.fromArray(F, x, xOff + k + L);
                    FloatVector xe = EVEN.selectFrom(xa, xb);
                    FloatVector xo = ODD.selectFrom(xa, xb);
                    long o = 2L * k;
                    IntVector w0 = IntVector.fromMemorySegment(I, seg, base0 + o, ByteOrder.LITTLE_ENDIAN);
                    c0 = xe.fma(w0.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c0);
                    c0 = xo.fma(w0.and(HI16).reinterpretAsFloats(), c0);
                    IntVector w1 = IntVector.fromMemorySegment(I, seg, base1 + o, ByteOrder.LITTLE_ENDIAN);
                    c1 = xe.fma(w1.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c1);
                    c1 = xo.fma(w1.and(HI16).reinterpretAsFloats(), c1);
                    IntVector w2 = IntVector.fromMemorySegment(I, seg, base2 + o, ByteOrder.LITTLE_ENDIAN);
                    c2 = xe.fma(w2.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c2);
                    c2 = xo.fma(w2.and(HI16).reinterpretAsFloats(), c2);
                    IntVector w3 = IntVector.fromMemorySegment(I, seg, base3 + o, ByteOrder.LITTLE_ENDIAN);
                    c3 = xe.fma(w3.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c3);
                    c3 = xo.fma(w3.and(HI16).reinterpretAsFloats(), c3);
                }
            } else {
                for (int bound = F.loopBound(len); k < bound; k += L) {
                    FloatVector xv = FloatVector.fromArray(F, x, xOff + k);
                    c0 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, base0 + 2L * k, ByteOrder.LITTLE_ENDIAN)
                            .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c0);
                    c1 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, base1 + 2L * k, ByteOrder.LITTLE_ENDIAN)
                            .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c1);
                    c2 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, base2 + 2L * k, ByteOrder.LITTLE_ENDIAN)
                            .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c2);
                    c3 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, base3 + 2L * k, ByteOrder.LITTLE_ENDIAN)
                            .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c3);
                }
            }
            // The lane sums of VectorOps.sumLanes written out (calls with vector arguments box).
            for (int w = L / 2; w >= 1; w /= 2) {
                jdk.incubator.vector.VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];
                c0 = c0.add(c0.rearrange(fold));
                c1 = c1.add(c1.rearrange(fold));
                c2 = c2.add(c2.rearrange(fold));
                c3 = c3.add(c3.rearrange(fold));
            }
            float s0 = c0.lane(0);
            float s1 = c1.lane(0);
            float s2 = c2.lane(0);
            float s3 = c3.lane(0);
            for (; k < len; k++) {
                float xk = x[xOff + k];
                s0 = Math.fma(xk, Float.intBitsToFloat(seg.get(I16_LE, base0 + 2L * k) << 16), s0);
                s1 = Math.fma(xk, Float.intBitsToFloat(seg.get(I16_LE, base1 + 2L * k) << 16), s1);
                s2 = Math.fma(xk, Float.intBitsToFloat(seg.get(I16_LE, base2 + 2L * k) << 16), s2);
                s3 = Math.fma(xk, Float.intBitsToFloat(seg.get(I16_LE, base3 + 2L * k) << 16), s3);
            }
            y[yOff] = s0;
            y[yOff + yApart] = s1;
            y[yOff + 2 * yApart] = s2;
            y[yOff + 3 * yApart] = s3;
        }

        /**
         * {@link #dotBF16} of x with the eight BF16 rows {@code element + i·apart} (elements), i &lt; 8, into
         * {@code y[yOff + i·yApart]}, each summed exactly as {@link #dotBF16} sums it (even/odd widening, 2·L
         * weights per step, the same lane folds and scalar tail). Widened inline, as in {@link #dot4BF16}.
         */
        private static void dot8BF16(float[] x, int xOff, MemorySegment seg, long element, long apart, int len,
                                     float[] y, int yOff, int yApart) {
            long step = 2 * apart;
            long base0 = element * 2;
            long base1 = base0 + step;
            long base2 = base1 + step;
            long base3 = base2 + step;
            long base4 = base3 + step;
            long base5 = base4 + step;
            long base6 = base5 + step;
            long base7 = base6 + step;
            FloatVector c0 = FloatVector.zero(F);
            FloatVector c1 = FloatVector.zero(F);
            FloatVector c2 = FloatVector.zero(F);
            FloatVector c3 = FloatVector.zero(F);
            FloatVector c4 = FloatVector.zero(F);
            FloatVector c5 = FloatVector.zero(F);
            FloatVector c6 = FloatVector.zero(F);
            FloatVector c7 = FloatVector.zero(F);
            int k = 0;
            for (; k + 2 * L <= len; k += 2 * L) {
                FloatVector xa = FloatVector.fromArray(F, x, xOff + k);
                FloatVector xb = FloatVector.fromArray(F, x, xOff + k + L);
                FloatVector xe = EVEN.selectFrom(xa, xb);
                FloatVector xo = ODD.selectFrom(xa, xb);
                long o = 2L * k;
                IntVector w0 = IntVector.fromMemorySegment(I, seg, base0 + o, ByteOrder.LITTLE_ENDIAN);
                c0 = xe.fma(w0.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c0);
                c0 = xo.fma(w0.and(HI16).reinterpretAsFloats(), c0);
                IntVector w1 = IntVector.fromMemorySegment(I, seg, base1 + o, ByteOrder.LITTLE_ENDIAN);
                c1 = xe.fma(w1.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c1);
                c1 = xo.fma(w1.and(HI16).reinterpretAsFloats(), c1);
                IntVector w2 = IntVector.fromMemorySegment(I, seg, base2 + o, ByteOrder.LITTLE_ENDIAN);
                c2 = xe.fma(w2.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c2);
                c2 = xo.fma(w2.and(HI16).reinterpretAsFloats(), c2);
                IntVector w3 = IntVector.fromMemorySegment(I, seg, base3 + o, ByteOrder.LITTLE_ENDIAN);
                c3 = xe.fma(w3.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c3);
                c3 = xo.fma(w3.and(HI16).reinterpretAsFloats(), c3);
                IntVector w4 = IntVector.fromMemorySegment(I, seg, base4 + o, ByteOrder.LITTLE_ENDIAN);
                c4 = xe.fma(w4.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c4);
                c4 = xo.fma(w4.and(HI16).reinterpretAsFloats(), c4);
                IntVector w5 = IntVector.fromMemorySegment(I, seg, base5 + o, ByteOrder.LITTLE_ENDIAN);
                c5 = xe.fma(w5.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c5);
                c5 = xo.fma(w5.and(HI16).reinterpretAsFloats(), c5);
                IntVector w6 = IntVector.fromMemorySegment(I, seg, base6 + o, ByteOrder.LITTLE_ENDIAN);
                c6 = xe.fma(w6.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c6);
                c6 = xo.fma(w6.and(HI16).reinterpretAsFloats(), c6);
                IntVector w7 = IntVector.fromMemorySegment(I, seg, base7 + o, ByteOrder.LITTLE_ENDIAN);
                c7 = xe.fma(w7.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c7);
                c7 = xo.fma(w7.and(HI16).reinterpretAsFloats(), c7);
            }
            // The lane sums of VectorOps.sumLanes written out (calls with vector arguments box).
            for (int w = L / 2; w >= 1; w /= 2) {
                jdk.incubator.vector.VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];
                c0 = c0.add(c0.rearrange(fold));
                c1 = c1.add(c1.rearrange(fold));
                c2 = c2.add(c2.rearrange(fold));
                c3 = c3.add(c3.rearrange(fold));
                c4 = c4.add(c4.rearrange(fold));
                c5 = c5.add(c5.rearrange(fold));
                c6 = c6.add(c6.rearrange(fold));
                c7 = c7.add(c7.rearrange(fold));
            }
            float s0 = c0.lane(0);
            float s1 = c1.lane(0);
            float s2 = c2.lane(0);
            float s3 = c3.lane(0);
            float s4 = c4.lane(0);
            float s5 = c5.lane(0);
            float s6 = c6.lane(0);
            float s7 = c7.lane(0);
            for (; k < len; k++) {
                float xk = x[xOff + k];
                s0 = Math.fma(xk, Float.intBitsToFloat(seg.get(I16_LE, base0 + 2L * k) << 16), s0);
                s1 = Math.fma(xk, Float.intBitsToFloat(seg.get(I16_LE, base1 + 2L * k) << 16), s1);
                s2 = Math.fma(xk, Float.intBitsToFloat(seg.get(I16_LE, base2 + 2L * k) << 16), s2);
                s3 = Math.fma(xk, Float.intBitsToFloat(seg.get(I16_LE, base3 + 2L * k) << 16), s3);
                s4 = Math.fma(xk, Float.intBitsToFloat(seg.get(I16_LE, base4 + 2L * k) << 16), s4);
                s5 = Math.fma(xk, Float.intBitsToFloat(seg.get(I16_LE, base5 + 2L * k) << 16), s5);
                s6 = Math.fma(xk, Float.intBitsToFloat(seg.get(I16_LE, base6 + 2L * k) << 16), s6);
                s7 = Math.fma(xk, Float.intBitsToFloat(seg.get(I16_LE, base7 + 2L * k) << 16), s7);
            }
            y[yOff] = s0;
            y[yOff + yApart] = s1;
            y[yOff + 2 * yApart] = s2;
            y[yOff + 3 * yApart] = s3;
            y[yOff + 4 * yApart] = s4;
            y[yOff + 5 * yApart] = s5;
            y[yOff + 6 * yApart] = s6;
            y[yOff + 7 * yApart] = s7;
        }

        /**
         * {@link #dot8BF16} without {@link #EVEN_ODD} (its own method: both loops in one are too many virtual
         * registers for C1): {@link #dotBF16} of x with the eight BF16 rows {@code element + i·apart} (elements), i &lt; 8, into
         * {@code y[yOff + i·yApart]}, each summed exactly as {@link #dotBF16} sums it (the same sign-extending
         * shift widening, L weights per step, the same lane folds and scalar tail). Widened inline, as in
         * {@link #dot4BF16}.
         */
        private static void dot8ShiftBF16(float[] x, int xOff, MemorySegment seg, long element, long apart, int len,
                                     float[] y, int yOff, int yApart) {
            long step = 2 * apart;
            long base0 = element * 2;
            long base1 = base0 + step;
            long base2 = base1 + step;
            long base3 = base2 + step;
            long base4 = base3 + step;
            long base5 = base4 + step;
            long base6 = base5 + step;
            long base7 = base6 + step;
            FloatVector c0 = FloatVector.zero(F);
            FloatVector c1 = FloatVector.zero(F);
            FloatVector c2 = FloatVector.zero(F);
            FloatVector c3 = FloatVector.zero(F);
            FloatVector c4 = FloatVector.zero(F);
            FloatVector c5 = FloatVector.zero(F);
            FloatVector c6 = FloatVector.zero(F);
            FloatVector c7 = FloatVector.zero(F);
            int k = 0;
            for (int bound = F.loopBound(len); k < bound; k += L) {
                FloatVector xv = FloatVector.fromArray(F, x, xOff + k);
                long o = 2L * k;
                c0 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, base0 + o, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c0);
                c1 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, base1 + o, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c1);
                c2 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, base2 + o, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c2);
                c3 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, base3 + o, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c3);
                c4 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, base4 + o, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c4);
                c5 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, base5 + o, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c5);
                c6 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, base6 + o, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c6);
                c7 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, base7 + o, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c7);
            }
            // The lane sums of VectorOps.sumLanes written out (calls with vector arguments box).
            for (int w = L / 2; w >= 1; w /= 2) {
                jdk.incubator.vector.VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];
                c0 = c0.add(c0.rearrange(fold));
                c1 = c1.add(c1.rearrange(fold));
                c2 = c2.add(c2.rearrange(fold));
                c3 = c3.add(c3.rearrange(fold));
                c4 = c4.add(c4.rearrange(fold));
                c5 = c5.add(c5.rearrange(fold));
                c6 = c6.add(c6.rearrange(fold));
                c7 = c7.add(c7.rearrange(fold));
            }
            float s0 = c0.lane(0);
            float s1 = c1.lane(0);
            float s2 = c2.lane(0);
            float s3 = c3.lane(0);
            float s4 = c4.lane(0);
            float s5 = c5.lane(0);
            float s6 = c6.lane(0);
            float s7 = c7.lane(0);
            for (; k < len; k++) {
                float xk = x[xOff + k];
                s0 = Math.fma(xk, Float.intBitsToFloat(seg.get(I16_LE, base0 + 2L * k) << 16), s0);
                s1 = Math.fma(xk, Float.intBitsToFloat(seg.get(I16_LE, base1 + 2L * k) << 16), s1);
                s2 = Math.fma(xk, Float.intBitsToFloat(seg.get(I16_LE, base2 + 2L * k) << 16), s2);
                s3 = Math.fma(xk, Float.intBitsToFloat(seg.get(I16_LE, base3 + 2L * k) << 16), s3);
                s4 = Math.fma(xk, Float.intBitsToFloat(seg.get(I16_LE, base4 + 2L * k) << 16), s4);
                s5 = Math.fma(xk, Float.intBitsToFloat(seg.get(I16_LE, base5 + 2L * k) << 16), s5);
                s6 = Math.fma(xk, Float.intBitsToFloat(seg.get(I16_LE, base6 + 2L * k) << 16), s6);
                s7 = Math.fma(xk, Float.intBitsToFloat(seg.get(I16_LE, base7 + 2L * k) << 16), s7);
            }
            y[yOff] = s0;
            y[yOff + yApart] = s1;
            y[yOff + 2 * yApart] = s2;
            y[yOff + 3 * yApart] = s3;
            y[yOff + 4 * yApart] = s4;
            y[yOff + 5 * yApart] = s5;
            y[yOff + 6 * yApart] = s6;
            y[yOff + 7 * yApart] = s7;
        }

        /**
         * {@link #dotBF16} of four input rows {@code xOff + i·xStride} with one BF16 row, each weight
         * vector loaded and split once (batched decoder sessions share the weight reads): every sum is
         * accumulated exactly as {@link #dotBF16} does it, so each equals its single-row result.
         */
        private static void dots4BF16(float[] x, int xOff, int xStride, MemorySegment seg, long element, int len,
                                      float[] sums) {
            long base = element * 2;
            int x0 = xOff;
            int x1 = x0 + xStride;
            int x2 = x1 + xStride;
            int x3 = x2 + xStride;
            FloatVector v0 = FloatVector.zero(F);
            FloatVector v1 = FloatVector.zero(F);
            FloatVector v2 = FloatVector.zero(F);
            FloatVector v3 = FloatVector.zero(F);
            int k = 0;
            if (EVEN_ODD) {
                for (; k + 2 * L <= len; k += 2 * L) {
                    IntVector w = IntVector.fromMemorySegment(I, seg, base + 2L * k, ByteOrder.LITTLE_ENDIAN);
                    FloatVector we = w.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
                    FloatVector wo = w.and(HI16).reinterpretAsFloats();
                    FloatVector a0 = FloatVector.fromArray(F, x, x0 + k);
                    FloatVector b0 = FloatVector.fromArray(F, x, x0 + k + L);
                    v0 = EVEN.selectFrom(a0, b0).fma(we, v0);
                    v0 = ODD.selectFrom(a0, b0).fma(wo, v0);
                    FloatVector a1 = FloatVector.fromArray(F, x, x1 + k);
                    FloatVector b1 = FloatVector.fromArray(F, x, x1 + k + L);
                    v1 = EVEN.selectFrom(a1, b1).fma(we, v1);
                    v1 = ODD.selectFrom(a1, b1).fma(wo, v1);
                    FloatVector a2 = FloatVector.fromArray(F, x, x2 + k);
                    FloatVector b2 = FloatVector.fromArray(F, x, x2 + k + L);
                    v2 = EVEN.selectFrom(a2, b2).fma(we, v2);
                    v2 = ODD.selectFrom(a2, b2).fma(wo, v2);
                    FloatVector a3 = FloatVector.fromArray(F, x, x3 + k);
                    FloatVector b3 = FloatVector.fromArray(F, x, x3 + k + L);
                    v3 = EVEN.selectFrom(a3, b3).fma(we, v3);
                    v3 = ODD.selectFrom(a3, b3).fma(wo, v3);
                }
            } else {
                for (int bound = F.loopBound(len); k < bound; k += L) {
                    FloatVector wv = ((IntVector) ShortVector.fromMemorySegment(S, seg, base + 2L * k, ByteOrder.LITTLE_ENDIAN)
                            .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
                    v0 = FloatVector.fromArray(F, x, x0 + k).fma(wv, v0);
                    v1 = FloatVector.fromArray(F, x, x1 + k).fma(wv, v1);
                    v2 = FloatVector.fromArray(F, x, x2 + k).fma(wv, v2);
                    v3 = FloatVector.fromArray(F, x, x3 + k).fma(wv, v3);
                }
            }
            // The lane sums written out, as in F16Weights.dots4F16 (calls with vector arguments box).
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
                float w = Float.intBitsToFloat(seg.get(I16_LE, base + 2L * k) << 16);
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
    }
}
