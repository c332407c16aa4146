import io.github.asr4j.kernels.cpu.WorkerPool;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.*;
import jdk.incubator.vector.*;

/**
 * qstep's probe (2026-12-07c): one BF16 one-row product (x · W^T, W rows×1024 BF16) alone, timed in GB/s of
 * weight bytes, beside a plain read of the same bytes split the same way, in one JVM, on asr4j's WorkerPool.
 * Usage: QPairProbe model.safetensors threads rounds variant... ; variant = data:kernel:tasksPerThread
 * data: map (lm_head as mapped, 56 mod 64), al (aligned native copy of lm_head), mis (copy at +56 mod 64),
 *       mlpal / mlpmis (3072x1024 gate_proj copied 96 times, 604 MB, cycled; aligned / +56)
 * kernel: read (float sum, 1 stream per task), q4p (quarters, permute widening: BF16Weights' dot4BF16),
 *       q4s (quarters, shift widening), s1p, s2p, s8p (1/2/8 streams), q4pfD (q4p touching D bytes ahead),
 *       q4r (quarters, aligned loads recombined: only for 56-mod-64 data), read4 (sum, 4 streams per task)
 */
public class QPairProbe {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
    static final VectorSpecies<Short> SW = ShortVector.SPECIES_512;
    static final VectorSpecies<Short> S = ShortVector.SPECIES_256;
    static final VectorSpecies<Integer> I = IntVector.SPECIES_512;
    static final int L = 16;
    static final ShortVector LOW = paired(0), HIGH = paired(L), ZEROS = ShortVector.zero(SW);
    static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    static final int COLS = 1024;
    static final long ROWB = 2L * COLS;

    static ShortVector paired(int from) {
        short[] idx = new short[32];
        for (int j = 0; j < L; j++) { idx[2 * j] = 32; idx[2 * j + 1] = (short) (from + j); }
        return ShortVector.fromArray(SW, idx, 0);
    }

    // ---- kernels: rows [r0, r0+count) of the matrix at byte base
    static float read(MemorySegment m, long from, long to) {
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
        for (long i = from; i + 256 <= to; i += 256) {
            s0 = s0.add(FloatVector.fromMemorySegment(F, m, i, LE));
            s1 = s1.add(FloatVector.fromMemorySegment(F, m, i + 64, LE));
            s2 = s2.add(FloatVector.fromMemorySegment(F, m, i + 128, LE));
            s3 = s3.add(FloatVector.fromMemorySegment(F, m, i + 192, LE));
        }
        return s0.add(s1).add(s2).add(s3).reduceLanes(VectorOperators.ADD);
    }

    static float read4(MemorySegment m, long from, long to) {
        long q = (to - from) / 4 / 64 * 64;
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
        for (long i = from; i < from + q; i += 64) {
            s0 = s0.add(FloatVector.fromMemorySegment(F, m, i, LE));
            s1 = s1.add(FloatVector.fromMemorySegment(F, m, i + q, LE));
            s2 = s2.add(FloatVector.fromMemorySegment(F, m, i + 2 * q, LE));
            s3 = s3.add(FloatVector.fromMemorySegment(F, m, i + 3 * q, LE));
        }
        return s0.add(s1).add(s2).add(s3).reduceLanes(VectorOperators.ADD);
    }

    static FloatVector lo(ShortVector w) { return LOW.selectFrom(w, ZEROS).reinterpretAsFloats(); }
    static FloatVector hi(ShortVector w) { return HIGH.selectFrom(w, ZEROS).reinterpretAsFloats(); }

    static float dot1p(float[] x, MemorySegment m, long b) {
        FloatVector c = FloatVector.zero(F);
        for (int k = 0; k < COLS; k += 2 * L) {
            ShortVector w = ShortVector.fromMemorySegment(SW, m, b + 2L * k, LE);
            c = FloatVector.fromArray(F, x, k).fma(LOW.selectFrom(w, ZEROS).reinterpretAsFloats(), c);
            c = FloatVector.fromArray(F, x, k + L).fma(HIGH.selectFrom(w, ZEROS).reinterpretAsFloats(), c);
        }
        return c.reduceLanes(VectorOperators.ADD);
    }

    static void dot2p(float[] x, MemorySegment m, long b0, long apart, float[] y, int yo, int ya) {
        long b1 = b0 + apart;
        FloatVector c0 = FloatVector.zero(F), c1 = c0;
        for (int k = 0; k < COLS; k += 2 * L) {
            FloatVector xl = FloatVector.fromArray(F, x, k), xh = FloatVector.fromArray(F, x, k + L);
            ShortVector w0 = ShortVector.fromMemorySegment(SW, m, b0 + 2L * k, LE);
            c0 = xl.fma(LOW.selectFrom(w0, ZEROS).reinterpretAsFloats(), c0);
            c0 = xh.fma(HIGH.selectFrom(w0, ZEROS).reinterpretAsFloats(), c0);
            ShortVector w1 = ShortVector.fromMemorySegment(SW, m, b1 + 2L * k, LE);
            c1 = xl.fma(LOW.selectFrom(w1, ZEROS).reinterpretAsFloats(), c1);
            c1 = xh.fma(HIGH.selectFrom(w1, ZEROS).reinterpretAsFloats(), c1);
        }
        y[yo] = c0.reduceLanes(VectorOperators.ADD);
        y[yo + ya] = c1.reduceLanes(VectorOperators.ADD);
    }

    static void dot4p(float[] x, MemorySegment m, long b0, long apart, float[] y, int yo, int ya) {
        long b1 = b0 + apart, b2 = b1 + apart, b3 = b2 + apart;
        FloatVector c0 = FloatVector.zero(F), c1 = c0, c2 = c0, c3 = c0;
        for (int k = 0; k < COLS; k += 2 * L) {
            FloatVector xl = FloatVector.fromArray(F, x, k), xh = FloatVector.fromArray(F, x, k + L);
            ShortVector w0 = ShortVector.fromMemorySegment(SW, m, b0 + 2L * k, LE);
            c0 = xl.fma(LOW.selectFrom(w0, ZEROS).reinterpretAsFloats(), c0);
            c0 = xh.fma(HIGH.selectFrom(w0, ZEROS).reinterpretAsFloats(), c0);
            ShortVector w1 = ShortVector.fromMemorySegment(SW, m, b1 + 2L * k, LE);
            c1 = xl.fma(LOW.selectFrom(w1, ZEROS).reinterpretAsFloats(), c1);
            c1 = xh.fma(HIGH.selectFrom(w1, ZEROS).reinterpretAsFloats(), c1);
            ShortVector w2 = ShortVector.fromMemorySegment(SW, m, b2 + 2L * k, LE);
            c2 = xl.fma(LOW.selectFrom(w2, ZEROS).reinterpretAsFloats(), c2);
            c2 = xh.fma(HIGH.selectFrom(w2, ZEROS).reinterpretAsFloats(), c2);
            ShortVector w3 = ShortVector.fromMemorySegment(SW, m, b3 + 2L * k, LE);
            c3 = xl.fma(LOW.selectFrom(w3, ZEROS).reinterpretAsFloats(), c3);
            c3 = xh.fma(HIGH.selectFrom(w3, ZEROS).reinterpretAsFloats(), c3);
        }
        y[yo] = c0.reduceLanes(VectorOperators.ADD);
        y[yo + ya] = c1.reduceLanes(VectorOperators.ADD);
        y[yo + 2 * ya] = c2.reduceLanes(VectorOperators.ADD);
        y[yo + 3 * ya] = c3.reduceLanes(VectorOperators.ADD);
    }

    static int sink;

    /** dot4p touching one byte dist ahead in each stream per 64 bytes. */
    static void dot4pf(float[] x, MemorySegment m, long b0, long apart, float[] y, int yo, int ya, long dist, long limit) {
        long b1 = b0 + apart, b2 = b1 + apart, b3 = b2 + apart;
        FloatVector c0 = FloatVector.zero(F), c1 = c0, c2 = c0, c3 = c0;
        int t = 0;
        for (int k = 0; k < COLS; k += 2 * L) {
            long o = 2L * k + dist;
            if (b3 + o < limit) {
                t += m.get(ValueLayout.JAVA_BYTE, b0 + o) + m.get(ValueLayout.JAVA_BYTE, b1 + o)
                        + m.get(ValueLayout.JAVA_BYTE, b2 + o) + m.get(ValueLayout.JAVA_BYTE, b3 + o);
            }
            FloatVector xl = FloatVector.fromArray(F, x, k), xh = FloatVector.fromArray(F, x, k + L);
            ShortVector w0 = ShortVector.fromMemorySegment(SW, m, b0 + 2L * k, LE);
            c0 = xl.fma(LOW.selectFrom(w0, ZEROS).reinterpretAsFloats(), c0);
            c0 = xh.fma(HIGH.selectFrom(w0, ZEROS).reinterpretAsFloats(), c0);
            ShortVector w1 = ShortVector.fromMemorySegment(SW, m, b1 + 2L * k, LE);
            c1 = xl.fma(LOW.selectFrom(w1, ZEROS).reinterpretAsFloats(), c1);
            c1 = xh.fma(HIGH.selectFrom(w1, ZEROS).reinterpretAsFloats(), c1);
            ShortVector w2 = ShortVector.fromMemorySegment(SW, m, b2 + 2L * k, LE);
            c2 = xl.fma(LOW.selectFrom(w2, ZEROS).reinterpretAsFloats(), c2);
            c2 = xh.fma(HIGH.selectFrom(w2, ZEROS).reinterpretAsFloats(), c2);
            ShortVector w3 = ShortVector.fromMemorySegment(SW, m, b3 + 2L * k, LE);
            c3 = xl.fma(LOW.selectFrom(w3, ZEROS).reinterpretAsFloats(), c3);
            c3 = xh.fma(HIGH.selectFrom(w3, ZEROS).reinterpretAsFloats(), c3);
        }
        sink += t;
        y[yo] = c0.reduceLanes(VectorOperators.ADD);
        y[yo + ya] = c1.reduceLanes(VectorOperators.ADD);
        y[yo + 2 * ya] = c2.reduceLanes(VectorOperators.ADD);
        y[yo + 3 * ya] = c3.reduceLanes(VectorOperators.ADD);
    }

    static void dot4s(float[] x, MemorySegment m, long b0, long apart, float[] y, int yo, int ya) {
        long b1 = b0 + apart, b2 = b1 + apart, b3 = b2 + apart;
        FloatVector c0 = FloatVector.zero(F), c1 = c0, c2 = c0, c3 = c0;
        for (int k = 0; k < COLS; k += L) {
            FloatVector xv = FloatVector.fromArray(F, x, k);
            c0 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, b0 + 2L * k, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c0);
            c1 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, b1 + 2L * k, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c1);
            c2 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, b2 + 2L * k, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c2);
            c3 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, b3 + 2L * k, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c3);
        }
        y[yo] = c0.reduceLanes(VectorOperators.ADD);
        y[yo + ya] = c1.reduceLanes(VectorOperators.ADD);
        y[yo + 2 * ya] = c2.reduceLanes(VectorOperators.ADD);
        y[yo + 3 * ya] = c3.reduceLanes(VectorOperators.ADD);
    }

    static final IntVector HI16 = IntVector.broadcast(I, 0xFFFF0000);

    /** Shift widening, 4 streams, touching one byte dist ahead in each stream every 64 bytes (dist 0: none). */
    static void dot4sf(float[] x, MemorySegment m, long b0, long apart, float[] y, int yo, int ya, long dist, long limit) {
        long b1 = b0 + apart, b2 = b1 + apart, b3 = b2 + apart;
        FloatVector c0 = FloatVector.zero(F), c1 = c0, c2 = c0, c3 = c0;
        int t = 0;
        for (int k = 0; k < COLS; k += L) {
            if (dist > 0 && (k & 31) == 0 && b3 + 2L * k + dist < limit) {
                long o = 2L * k + dist;
                t += m.get(ValueLayout.JAVA_BYTE, b0 + o) + m.get(ValueLayout.JAVA_BYTE, b1 + o)
                        + m.get(ValueLayout.JAVA_BYTE, b2 + o) + m.get(ValueLayout.JAVA_BYTE, b3 + o);
            }
            FloatVector xv = FloatVector.fromArray(F, x, k);
            c0 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, b0 + 2L * k, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c0);
            c1 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, b1 + 2L * k, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c1);
            c2 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, b2 + 2L * k, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c2);
            c3 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, b3 + 2L * k, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c3);
        }
        sink += t;
        y[yo] = c0.reduceLanes(VectorOperators.ADD);
        y[yo + ya] = c1.reduceLanes(VectorOperators.ADD);
        y[yo + 2 * ya] = c2.reduceLanes(VectorOperators.ADD);
        y[yo + 3 * ya] = c3.reduceLanes(VectorOperators.ADD);
    }

    /**
     * Even/odd widening (ANOTHER ORDER OF SUMS): each 32-bit word of a 512-bit load holds weights 2i (low) and
     * 2i+1 (high); shift left 16 = weight 2i, and 0xFFFF0000 = weight 2i+1; xe/xo: x's even/odd elements.
     */
    static void dot4e(float[] xe, float[] xo, MemorySegment m, long b0, long apart, float[] y, int yo, int ya, long dist, long limit) {
        long b1 = b0 + apart, b2 = b1 + apart, b3 = b2 + apart;
        FloatVector c0 = FloatVector.zero(F), c1 = c0, c2 = c0, c3 = c0;
        int t = 0;
        for (int k = 0; k < COLS; k += 2 * L) {
            if (dist > 0 && b3 + 2L * k + dist < limit) {
                long o = 2L * k + dist;
                t += m.get(ValueLayout.JAVA_BYTE, b0 + o) + m.get(ValueLayout.JAVA_BYTE, b1 + o)
                        + m.get(ValueLayout.JAVA_BYTE, b2 + o) + m.get(ValueLayout.JAVA_BYTE, b3 + o);
            }
            int h = k >> 1;
            FloatVector xl = FloatVector.fromArray(F, xe, h), xh = FloatVector.fromArray(F, xo, h);
            IntVector w0 = IntVector.fromMemorySegment(I, m, b0 + 2L * k, LE);
            c0 = xl.fma(w0.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c0);
            c0 = xh.fma(w0.and(HI16).reinterpretAsFloats(), c0);
            IntVector w1 = IntVector.fromMemorySegment(I, m, b1 + 2L * k, LE);
            c1 = xl.fma(w1.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c1);
            c1 = xh.fma(w1.and(HI16).reinterpretAsFloats(), c1);
            IntVector w2 = IntVector.fromMemorySegment(I, m, b2 + 2L * k, LE);
            c2 = xl.fma(w2.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c2);
            c2 = xh.fma(w2.and(HI16).reinterpretAsFloats(), c2);
            IntVector w3 = IntVector.fromMemorySegment(I, m, b3 + 2L * k, LE);
            c3 = xl.fma(w3.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c3);
            c3 = xh.fma(w3.and(HI16).reinterpretAsFloats(), c3);
        }
        sink += t;
        y[yo] = c0.reduceLanes(VectorOperators.ADD);
        y[yo + ya] = c1.reduceLanes(VectorOperators.ADD);
        y[yo + 2 * ya] = c2.reduceLanes(VectorOperators.ADD);
        y[yo + 3 * ya] = c3.reduceLanes(VectorOperators.ADD);
    }

    static FloatVector wid(MemorySegment m, long off) {
        return ((IntVector) ShortVector.fromMemorySegment(S, m, off, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }

    /** qpair: eight streams, even/odd widening as in the library (x split by two two-vector permutes per 2L inputs, one chain per row). */
    static final FloatVector EVEN = strided(0), ODD = strided(1);
    static FloatVector strided(int from) {
        float[] idx = new float[L];
        for (int j = 0; j < L; j++) idx[j] = from + 2 * j;
        return FloatVector.fromArray(F, idx, 0);
    }
    static void dot8e(float[] x, MemorySegment m, long b0, long apart, float[] y, int yo, int ya) {
        FloatVector c0 = FloatVector.zero(F), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        long a0 = b0, a1 = a0 + apart, a2 = a1 + apart, a3 = a2 + apart, a4 = a3 + apart, a5 = a4 + apart, a6 = a5 + apart, a7 = a6 + apart;
        for (int k = 0; k < COLS; k += 2 * L) {
            FloatVector xa = FloatVector.fromArray(F, x, k), xb = FloatVector.fromArray(F, x, k + L);
            FloatVector xe = EVEN.selectFrom(xa, xb), xo = ODD.selectFrom(xa, xb);
            long o = 2L * k;
            IntVector w0 = IntVector.fromMemorySegment(I, m, a0 + o, LE);
            c0 = xe.fma(w0.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c0);
            c0 = xo.fma(w0.and(HI16).reinterpretAsFloats(), c0);
            IntVector w1 = IntVector.fromMemorySegment(I, m, a1 + o, LE);
            c1 = xe.fma(w1.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c1);
            c1 = xo.fma(w1.and(HI16).reinterpretAsFloats(), c1);
            IntVector w2 = IntVector.fromMemorySegment(I, m, a2 + o, LE);
            c2 = xe.fma(w2.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c2);
            c2 = xo.fma(w2.and(HI16).reinterpretAsFloats(), c2);
            IntVector w3 = IntVector.fromMemorySegment(I, m, a3 + o, LE);
            c3 = xe.fma(w3.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c3);
            c3 = xo.fma(w3.and(HI16).reinterpretAsFloats(), c3);
            IntVector w4 = IntVector.fromMemorySegment(I, m, a4 + o, LE);
            c4 = xe.fma(w4.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c4);
            c4 = xo.fma(w4.and(HI16).reinterpretAsFloats(), c4);
            IntVector w5 = IntVector.fromMemorySegment(I, m, a5 + o, LE);
            c5 = xe.fma(w5.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c5);
            c5 = xo.fma(w5.and(HI16).reinterpretAsFloats(), c5);
            IntVector w6 = IntVector.fromMemorySegment(I, m, a6 + o, LE);
            c6 = xe.fma(w6.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c6);
            c6 = xo.fma(w6.and(HI16).reinterpretAsFloats(), c6);
            IntVector w7 = IntVector.fromMemorySegment(I, m, a7 + o, LE);
            c7 = xe.fma(w7.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c7);
            c7 = xo.fma(w7.and(HI16).reinterpretAsFloats(), c7);
        }
        y[yo + 0 * ya] = c0.reduceLanes(VectorOperators.ADD);
        y[yo + 1 * ya] = c1.reduceLanes(VectorOperators.ADD);
        y[yo + 2 * ya] = c2.reduceLanes(VectorOperators.ADD);
        y[yo + 3 * ya] = c3.reduceLanes(VectorOperators.ADD);
        y[yo + 4 * ya] = c4.reduceLanes(VectorOperators.ADD);
        y[yo + 5 * ya] = c5.reduceLanes(VectorOperators.ADD);
        y[yo + 6 * ya] = c6.reduceLanes(VectorOperators.ADD);
        y[yo + 7 * ya] = c7.reduceLanes(VectorOperators.ADD);
    }

    /** qpair: as dot8e, x split once per call into even/odd arrays (scratch) instead of permutes in the loop. */
    static void dot8x(float[] xs, float[] xq, MemorySegment m, long b0, long apart, float[] y, int yo, int ya) {
        FloatVector c0 = FloatVector.zero(F), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        long a0 = b0, a1 = a0 + apart, a2 = a1 + apart, a3 = a2 + apart, a4 = a3 + apart, a5 = a4 + apart, a6 = a5 + apart, a7 = a6 + apart;
        for (int k = 0; k < COLS; k += 2 * L) {
            FloatVector xe = FloatVector.fromArray(F, xs, k >> 1), xo = FloatVector.fromArray(F, xq, k >> 1);
            long o = 2L * k;
            IntVector w0 = IntVector.fromMemorySegment(I, m, a0 + o, LE);
            c0 = xe.fma(w0.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c0);
            c0 = xo.fma(w0.and(HI16).reinterpretAsFloats(), c0);
            IntVector w1 = IntVector.fromMemorySegment(I, m, a1 + o, LE);
            c1 = xe.fma(w1.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c1);
            c1 = xo.fma(w1.and(HI16).reinterpretAsFloats(), c1);
            IntVector w2 = IntVector.fromMemorySegment(I, m, a2 + o, LE);
            c2 = xe.fma(w2.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c2);
            c2 = xo.fma(w2.and(HI16).reinterpretAsFloats(), c2);
            IntVector w3 = IntVector.fromMemorySegment(I, m, a3 + o, LE);
            c3 = xe.fma(w3.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c3);
            c3 = xo.fma(w3.and(HI16).reinterpretAsFloats(), c3);
            IntVector w4 = IntVector.fromMemorySegment(I, m, a4 + o, LE);
            c4 = xe.fma(w4.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c4);
            c4 = xo.fma(w4.and(HI16).reinterpretAsFloats(), c4);
            IntVector w5 = IntVector.fromMemorySegment(I, m, a5 + o, LE);
            c5 = xe.fma(w5.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c5);
            c5 = xo.fma(w5.and(HI16).reinterpretAsFloats(), c5);
            IntVector w6 = IntVector.fromMemorySegment(I, m, a6 + o, LE);
            c6 = xe.fma(w6.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c6);
            c6 = xo.fma(w6.and(HI16).reinterpretAsFloats(), c6);
            IntVector w7 = IntVector.fromMemorySegment(I, m, a7 + o, LE);
            c7 = xe.fma(w7.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c7);
            c7 = xo.fma(w7.and(HI16).reinterpretAsFloats(), c7);
        }
        y[yo + 0 * ya] = c0.reduceLanes(VectorOperators.ADD);
        y[yo + 1 * ya] = c1.reduceLanes(VectorOperators.ADD);
        y[yo + 2 * ya] = c2.reduceLanes(VectorOperators.ADD);
        y[yo + 3 * ya] = c3.reduceLanes(VectorOperators.ADD);
        y[yo + 4 * ya] = c4.reduceLanes(VectorOperators.ADD);
        y[yo + 5 * ya] = c5.reduceLanes(VectorOperators.ADD);
        y[yo + 6 * ya] = c6.reduceLanes(VectorOperators.ADD);
        y[yo + 7 * ya] = c7.reduceLanes(VectorOperators.ADD);
    }

    static void dot8s(float[] x, MemorySegment m, long b0, long apart, float[] y, int yo, int ya) {
        FloatVector c0 = FloatVector.zero(F), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        long a0 = b0, a1 = a0 + apart, a2 = a1 + apart, a3 = a2 + apart, a4 = a3 + apart, a5 = a4 + apart, a6 = a5 + apart, a7 = a6 + apart;
        for (int k = 0; k < COLS; k += L) {
            FloatVector xv = FloatVector.fromArray(F, x, k);
            long o = 2L * k;
            c0 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, a0 + o, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c0);
            c1 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, a1 + o, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c1);
            c2 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, a2 + o, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c2);
            c3 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, a3 + o, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c3);
            c4 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, a4 + o, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c4);
            c5 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, a5 + o, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c5);
            c6 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, a6 + o, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c6);
            c7 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, a7 + o, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c7);
        }
        y[yo] = c0.reduceLanes(VectorOperators.ADD);
        y[yo + ya] = c1.reduceLanes(VectorOperators.ADD);
        y[yo + 2 * ya] = c2.reduceLanes(VectorOperators.ADD);
        y[yo + 3 * ya] = c3.reduceLanes(VectorOperators.ADD);
        y[yo + 4 * ya] = c4.reduceLanes(VectorOperators.ADD);
        y[yo + 5 * ya] = c5.reduceLanes(VectorOperators.ADD);
        y[yo + 6 * ya] = c6.reduceLanes(VectorOperators.ADD);
        y[yo + 7 * ya] = c7.reduceLanes(VectorOperators.ADD);
    }

    /** Shift widening, 2 streams (halves). */
    static void dot2s(float[] x, MemorySegment m, long b0, long apart, float[] y, int yo, int ya) {
        long b1 = b0 + apart;
        FloatVector c0 = FloatVector.zero(F), c1 = c0;
        for (int k = 0; k < COLS; k += L) {
            FloatVector xv = FloatVector.fromArray(F, x, k);
            c0 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, b0 + 2L * k, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c0);
            c1 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, b1 + 2L * k, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c1);
        }
        y[yo] = c0.reduceLanes(VectorOperators.ADD);
        y[yo + ya] = c1.reduceLanes(VectorOperators.ADD);
    }

    static void dot16s(float[] x, MemorySegment m, long b0, long apart, float[] y, int yo, int ya) {
        FloatVector c0 = FloatVector.zero(F), c1 = FloatVector.zero(F), c2 = FloatVector.zero(F), c3 = FloatVector.zero(F), c4 = FloatVector.zero(F), c5 = FloatVector.zero(F), c6 = FloatVector.zero(F), c7 = FloatVector.zero(F), c8 = FloatVector.zero(F), c9 = FloatVector.zero(F), c10 = FloatVector.zero(F), c11 = FloatVector.zero(F), c12 = FloatVector.zero(F), c13 = FloatVector.zero(F), c14 = FloatVector.zero(F), c15 = FloatVector.zero(F);
        long a0 = b0, a1 = a0 + apart, a2 = a1 + apart, a3 = a2 + apart, a4 = a3 + apart, a5 = a4 + apart, a6 = a5 + apart, a7 = a6 + apart, a8 = a7 + apart, a9 = a8 + apart, a10 = a9 + apart, a11 = a10 + apart, a12 = a11 + apart, a13 = a12 + apart, a14 = a13 + apart, a15 = a14 + apart;
        for (int k = 0; k < COLS; k += L) {
            FloatVector xv = FloatVector.fromArray(F, x, k);
            long o = 2L * k;
            c0 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, a0 + o, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c0);
            c1 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, a1 + o, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c1);
            c2 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, a2 + o, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c2);
            c3 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, a3 + o, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c3);
            c4 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, a4 + o, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c4);
            c5 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, a5 + o, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c5);
            c6 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, a6 + o, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c6);
            c7 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, a7 + o, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c7);
            c8 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, a8 + o, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c8);
            c9 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, a9 + o, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c9);
            c10 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, a10 + o, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c10);
            c11 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, a11 + o, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c11);
            c12 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, a12 + o, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c12);
            c13 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, a13 + o, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c13);
            c14 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, a14 + o, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c14);
            c15 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, m, a15 + o, LE).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c15);
        }
        y[yo + 0 * ya] = c0.reduceLanes(VectorOperators.ADD);
        y[yo + 1 * ya] = c1.reduceLanes(VectorOperators.ADD);
        y[yo + 2 * ya] = c2.reduceLanes(VectorOperators.ADD);
        y[yo + 3 * ya] = c3.reduceLanes(VectorOperators.ADD);
        y[yo + 4 * ya] = c4.reduceLanes(VectorOperators.ADD);
        y[yo + 5 * ya] = c5.reduceLanes(VectorOperators.ADD);
        y[yo + 6 * ya] = c6.reduceLanes(VectorOperators.ADD);
        y[yo + 7 * ya] = c7.reduceLanes(VectorOperators.ADD);
        y[yo + 8 * ya] = c8.reduceLanes(VectorOperators.ADD);
        y[yo + 9 * ya] = c9.reduceLanes(VectorOperators.ADD);
        y[yo + 10 * ya] = c10.reduceLanes(VectorOperators.ADD);
        y[yo + 11 * ya] = c11.reduceLanes(VectorOperators.ADD);
        y[yo + 12 * ya] = c12.reduceLanes(VectorOperators.ADD);
        y[yo + 13 * ya] = c13.reduceLanes(VectorOperators.ADD);
        y[yo + 14 * ya] = c14.reduceLanes(VectorOperators.ADD);
        y[yo + 15 * ya] = c15.reduceLanes(VectorOperators.ADD);
    }

    static void dot8p(float[] x, MemorySegment m, long b0, long apart, float[] y, int yo, int ya) {
        // two interleaved dot4p halves would re-read x; written out as 8 chains
        FloatVector c0 = FloatVector.zero(F), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        long a0 = b0, a1 = a0 + apart, a2 = a1 + apart, a3 = a2 + apart, a4 = a3 + apart, a5 = a4 + apart, a6 = a5 + apart, a7 = a6 + apart;
        for (int k = 0; k < COLS; k += 2 * L) {
            FloatVector xl = FloatVector.fromArray(F, x, k), xh = FloatVector.fromArray(F, x, k + L);
            long o = 2L * k;
            ShortVector w;
            w = ShortVector.fromMemorySegment(SW, m, a0 + o, LE); c0 = xl.fma(LOW.selectFrom(w, ZEROS).reinterpretAsFloats(), c0); c0 = xh.fma(HIGH.selectFrom(w, ZEROS).reinterpretAsFloats(), c0);
            w = ShortVector.fromMemorySegment(SW, m, a1 + o, LE); c1 = xl.fma(LOW.selectFrom(w, ZEROS).reinterpretAsFloats(), c1); c1 = xh.fma(HIGH.selectFrom(w, ZEROS).reinterpretAsFloats(), c1);
            w = ShortVector.fromMemorySegment(SW, m, a2 + o, LE); c2 = xl.fma(LOW.selectFrom(w, ZEROS).reinterpretAsFloats(), c2); c2 = xh.fma(HIGH.selectFrom(w, ZEROS).reinterpretAsFloats(), c2);
            w = ShortVector.fromMemorySegment(SW, m, a3 + o, LE); c3 = xl.fma(LOW.selectFrom(w, ZEROS).reinterpretAsFloats(), c3); c3 = xh.fma(HIGH.selectFrom(w, ZEROS).reinterpretAsFloats(), c3);
            w = ShortVector.fromMemorySegment(SW, m, a4 + o, LE); c4 = xl.fma(LOW.selectFrom(w, ZEROS).reinterpretAsFloats(), c4); c4 = xh.fma(HIGH.selectFrom(w, ZEROS).reinterpretAsFloats(), c4);
            w = ShortVector.fromMemorySegment(SW, m, a5 + o, LE); c5 = xl.fma(LOW.selectFrom(w, ZEROS).reinterpretAsFloats(), c5); c5 = xh.fma(HIGH.selectFrom(w, ZEROS).reinterpretAsFloats(), c5);
            w = ShortVector.fromMemorySegment(SW, m, a6 + o, LE); c6 = xl.fma(LOW.selectFrom(w, ZEROS).reinterpretAsFloats(), c6); c6 = xh.fma(HIGH.selectFrom(w, ZEROS).reinterpretAsFloats(), c6);
            w = ShortVector.fromMemorySegment(SW, m, a7 + o, LE); c7 = xl.fma(LOW.selectFrom(w, ZEROS).reinterpretAsFloats(), c7); c7 = xh.fma(HIGH.selectFrom(w, ZEROS).reinterpretAsFloats(), c7);
        }
        y[yo] = c0.reduceLanes(VectorOperators.ADD);
        y[yo + ya] = c1.reduceLanes(VectorOperators.ADD);
        y[yo + 2 * ya] = c2.reduceLanes(VectorOperators.ADD);
        y[yo + 3 * ya] = c3.reduceLanes(VectorOperators.ADD);
        y[yo + 4 * ya] = c4.reduceLanes(VectorOperators.ADD);
        y[yo + 5 * ya] = c5.reduceLanes(VectorOperators.ADD);
        y[yo + 6 * ya] = c6.reduceLanes(VectorOperators.ADD);
        y[yo + 7 * ya] = c7.reduceLanes(VectorOperators.ADD);
    }

    /**
     * Quarters, for rows whose start is 56 mod 64 (8 bytes, 4 weights, past a line): each 64-byte aligned line
     * loaded once; the 32 weights k..k+31 of a row are the last 4 of line n and the first 28 of line n+1,
     * gathered by one two-vector permute per half.
     */
    static final ShortVector RLO = realign(0), RHI = realign(L);
    static ShortVector realign(int from) {
        // int lane j: high short = weight from+j of the row, whose short index within (prev, next) is 28 + from + j
        short[] idx = new short[32];
        for (int j = 0; j < L; j++) { idx[2 * j] = 0; idx[2 * j + 1] = (short) (28 + from + j); }
        return ShortVector.fromArray(SW, idx, 0);
    }
    static final IntVector HIGH_MASK = IntVector.broadcast(I, 0xFFFF0000);

    static void dot4r(float[] x, MemorySegment m, long b0, long apart, float[] y, int yo, int ya) {
        long b1 = b0 + apart, b2 = b1 + apart, b3 = b2 + apart;
        long a0 = b0 - 8, a1 = b1 - 8, a2 = b2 - 8, a3 = b3 - 8; // aligned lines
        FloatVector c0 = FloatVector.zero(F), c1 = c0, c2 = c0, c3 = c0;
        ShortVector p0 = ShortVector.fromMemorySegment(SW, m, a0, LE), p1 = ShortVector.fromMemorySegment(SW, m, a1, LE);
        ShortVector p2 = ShortVector.fromMemorySegment(SW, m, a2, LE), p3 = ShortVector.fromMemorySegment(SW, m, a3, LE);
        for (int k = 0; k < COLS; k += 2 * L) {
            FloatVector xl = FloatVector.fromArray(F, x, k), xh = FloatVector.fromArray(F, x, k + L);
            long o = 2L * k + 64;
            ShortVector n0 = ShortVector.fromMemorySegment(SW, m, a0 + o, LE);
            c0 = xl.fma(RLO.selectFrom(p0, n0).reinterpretAsInts().and(HIGH_MASK).reinterpretAsFloats(), c0);
            c0 = xh.fma(RHI.selectFrom(p0, n0).reinterpretAsInts().and(HIGH_MASK).reinterpretAsFloats(), c0);
            p0 = n0;
            ShortVector n1 = ShortVector.fromMemorySegment(SW, m, a1 + o, LE);
            c1 = xl.fma(RLO.selectFrom(p1, n1).reinterpretAsInts().and(HIGH_MASK).reinterpretAsFloats(), c1);
            c1 = xh.fma(RHI.selectFrom(p1, n1).reinterpretAsInts().and(HIGH_MASK).reinterpretAsFloats(), c1);
            p1 = n1;
            ShortVector n2 = ShortVector.fromMemorySegment(SW, m, a2 + o, LE);
            c2 = xl.fma(RLO.selectFrom(p2, n2).reinterpretAsInts().and(HIGH_MASK).reinterpretAsFloats(), c2);
            c2 = xh.fma(RHI.selectFrom(p2, n2).reinterpretAsInts().and(HIGH_MASK).reinterpretAsFloats(), c2);
            p2 = n2;
            ShortVector n3 = ShortVector.fromMemorySegment(SW, m, a3 + o, LE);
            c3 = xl.fma(RLO.selectFrom(p3, n3).reinterpretAsInts().and(HIGH_MASK).reinterpretAsFloats(), c3);
            c3 = xh.fma(RHI.selectFrom(p3, n3).reinterpretAsInts().and(HIGH_MASK).reinterpretAsFloats(), c3);
            p3 = n3;
        }
        y[yo] = c0.reduceLanes(VectorOperators.ADD);
        y[yo + ya] = c1.reduceLanes(VectorOperators.ADD);
        y[yo + 2 * ya] = c2.reduceLanes(VectorOperators.ADD);
        y[yo + 3 * ya] = c3.reduceLanes(VectorOperators.ADD);
    }

    /** Rows [r0, r0+count) of the matrix at base: kernel by name, parts as in BF16Weights.dotRows. */
    static float rows(String k, float[] x, MemorySegment m, long base, int r0, int count, float[] y) {
        long b = base + r0 * ROWB;
        switch (k) {
            case "read": return read(m, b, b + count * ROWB);
            case "read4": return read4(m, b, b + count * ROWB);
            case "s1p": for (int i = 0; i < count; i++) y[r0 + i] = dot1p(x, m, b + i * ROWB); return 0;
            default: break;
        }
        int parts = k.startsWith("s2") ? 2 : k.startsWith("s8") ? 8 : k.startsWith("s16") ? 16 : 4;
        int part = count / parts;
        long apart = part * ROWB;
        long dist = k.startsWith("q4pf") || k.startsWith("q4sf") || k.startsWith("q4ef") ? Long.parseLong(k.substring(4)) : 0;
        float[] xe = null, xo = null;
        if (k.startsWith("q4e") || k.equals("s8x")) {
            xe = new float[COLS / 2];
            xo = new float[COLS / 2];
            for (int i = 0; i < COLS / 2; i++) { xe[i] = x[2 * i]; xo[i] = x[2 * i + 1]; }
        }
        long limit = m.byteSize();
        for (int j = 0; j < part; j++) {
            long bj = b + j * ROWB;
            switch (k) {
                case "s2p" -> dot2p(x, m, bj, apart, y, r0 + j, part);
                case "q4p" -> dot4p(x, m, bj, apart, y, r0 + j, part);
                case "q4s" -> dot4s(x, m, bj, apart, y, r0 + j, part);
                case "q4r" -> dot4r(x, m, bj, apart, y, r0 + j, part);
                case "s8p" -> dot8p(x, m, bj, apart, y, r0 + j, part);
                case "s8s" -> dot8s(x, m, bj, apart, y, r0 + j, part);
                case "s8e" -> dot8e(x, m, bj, apart, y, r0 + j, part);
                case "s8x" -> dot8x(xe, xo, m, bj, apart, y, r0 + j, part);
                case "s2s" -> dot2s(x, m, bj, apart, y, r0 + j, part);
                case "s16s" -> dot16s(x, m, bj, apart, y, r0 + j, part);
                case "q4e" -> dot4e(xe, xo, m, bj, apart, y, r0 + j, part, 0, limit);
                default -> {
                    if (k.startsWith("q4sf")) dot4sf(x, m, bj, apart, y, r0 + j, part, dist, limit);
                    else if (k.startsWith("q4ef")) dot4e(xe, xo, m, bj, apart, y, r0 + j, part, dist, limit);
                    else dot4pf(x, m, bj, apart, y, r0 + j, part, dist, limit);
                }
            }
        }
        for (int i = parts * part; i < count; i++) y[r0 + i] = dot1p(x, m, b + i * ROWB);
        return 0;
    }

    record Data(MemorySegment seg, long base, int rows, int copies, long copyBytes) {}

    public static void main(String[] a) throws Exception {
        Path file = Path.of(a[0]);
        int threads = Integer.parseInt(a[1]);
        int rounds = Integer.parseInt(a[2]);
        List<String> variants = List.of(Arrays.copyOfRange(a, 3, a.length));
        Arena arena = Arena.ofShared();
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        MemorySegment map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
        long lmHead = 372827936L, lmBytes = 151936L * ROWB;      // thinker.lm_head.weight (56 mod 64)
        long gate0 = 8 + 74544 + 1001375744L, mlpBytes = 3072L * ROWB; // layers.0.mlp.gate_proj
        Map<String, Data> data = new HashMap<>();
        Set<String> need = new HashSet<>();
        for (String v : variants) need.add(v.split(":")[0]);
        if (need.contains("map")) data.put("map", new Data(map, lmHead, 151936, 1, 0));
        long fileRows = (ch.size() - lmHead) / ROWB / 64 * 64;
        for (String d : List.of("afile", "ahot")) if (need.contains(d)) { // the same bytes, mapped from a copy at offset 0 (aligned)
            FileChannel ach = FileChannel.open(Path.of(System.getProperty("afile", "/work/build/qstep/afile.bin")), StandardOpenOption.READ);
            MemorySegment am = ach.map(FileChannel.MapMode.READ_ONLY, 0, ach.size(), arena);
            read(am, 0, am.byteSize() / 256 * 256);
            data.put(d, new Data(am, 0, d.equals("ahot") ? 1024 : (int) ((ch.size() - lmHead) / ROWB / 64 * 64), 1, 0));
        }
        if (need.contains("mlpmap")) { // 96 copies of gate_proj in a file (56 mod 64, as in the model), mapped: 604 MB cycled
            FileChannel mch = FileChannel.open(Path.of(System.getProperty("mlpfile", "/work/build/qstep/mlp.bin")), StandardOpenOption.READ);
            MemorySegment mm = mch.map(FileChannel.MapMode.READ_ONLY, 0, mch.size(), arena);
            read(mm, 0, mm.byteSize() / 256 * 256);
            data.put("mlpmap", new Data(mm, 56, 3072, 96, mlpBytes));
        }
        if (need.contains("hot")) { // 2 MB from the mapped lm_head: 8 tasks of 128 rows (256 KB), in L2
            data.put("hot", new Data(map, lmHead, 1024, 1, 0));
        }
        if (need.contains("file")) data.put("file", new Data(map, lmHead, (int) fileRows, 1, 0));
        for (String d : List.of("fcopy", "fcopyh")) if (need.contains(d)) {
            long n = fileRows * ROWB;
            MemorySegment s = arena.allocate(n + (4 << 20), 2 << 20);
            if (d.equals("fcopyh")) {
                var madvise = java.lang.foreign.Linker.nativeLinker().downcallHandle(
                        java.lang.foreign.Linker.nativeLinker().defaultLookup().find("madvise").orElseThrow(),
                        java.lang.foreign.FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
                try {
                    int rc = (int) madvise.invokeExact(s, s.byteSize() / (2 << 20) * (2 << 20), 14); // MADV_HUGEPAGE
                    System.out.println("madvise " + rc);
                } catch (Throwable t) { throw new RuntimeException(t); }
            }
            s.asSlice(56, n).copyFrom(map.asSlice(lmHead, n));
            data.put(d, new Data(s, 56, (int) fileRows, 1, 0));
        }
        for (String d : List.of("lm", "lmal")) if (need.contains(d)) {
            long off = d.equals("lmal") ? 0 : 56;
            int copies = 3; // 933 MB cycled: each pass from memory, not the 260 MB L3
            long stride = lmBytes + 4096;
            MemorySegment s = arena.allocate(stride * copies, 4096);
            for (int c = 0; c < copies; c++) s.asSlice(c * stride + off, lmBytes).copyFrom(map.asSlice(lmHead, lmBytes));
            data.put(d, new Data(s, off, 151936, copies, stride));
        }
        for (String d : List.of("al", "mis")) if (need.contains(d)) {
            long off = d.equals("al") ? 0 : 56;
            MemorySegment s = arena.allocate(lmBytes + 4096, 4096);
            s.asSlice(off, lmBytes).copyFrom(map.asSlice(lmHead, lmBytes));
            data.put(d, new Data(s, off, 151936, 1, 0));
        }
        for (String d : List.of("mlpal", "mlpmis")) if (need.contains(d)) {
            long off = d.equals("mlpal") ? 0 : 56;
            int copies = 96;
            long stride = mlpBytes + 4096;
            MemorySegment s = arena.allocate(stride * copies, 4096);
            for (int c = 0; c < copies; c++) s.asSlice(c * stride + off, mlpBytes).copyFrom(map.asSlice(gate0, mlpBytes));
            data.put(d, new Data(s, off, 3072, copies, stride));
        }
        read(map, 0, map.byteSize() / 256 * 256); // page in
        if (System.getProperty("ceil") != null) {
            System.out.println("BandwidthCeiling.mapped(file, " + threads + ", 3) " + io.github.asr4j.bench.BandwidthCeiling.mapped(file, threads, 3));
        }
        float[] x = new float[COLS];
        Random rnd = new Random(1);
        for (int i = 0; i < COLS; i++) x[i] = (float) rnd.nextGaussian();
        WorkerPool pool = new WorkerPool(threads);
        Map<String, List<Double>> gbs = new LinkedHashMap<>();
        Map<String, float[]> outs = new HashMap<>();
        for (String v : variants) gbs.put(v, new ArrayList<>());
        int[] cycle = new int[1];
        for (int r = -1; r < rounds; r++) {
            for (String v : variants) {
                String[] p = v.split(":");
                Data d = data.get(p[0]);
                String kernel = p[1];
                int tpt = p.length > 2 ? Integer.parseInt(p[2]) : 4;
                int tasks = threads * tpt;
                int rpt = Math.max(16, (d.rows + tasks - 1) / tasks);
                int ntasks = (d.rows + rpt - 1) / rpt;
                float[] y = new float[d.rows];
                int passes = d.rows == 3072 ? 96 : d.rows == 1024 ? 2000 : d.rows == 3072 ? 96 : d.rows > 200000 ? 1 : 6;
                int reps = r < 0 ? 3 : 1; // warm-up round: compile
                for (int rep = 0; rep < reps; rep++) {
                    long bytes = 0;
                    long t0 = System.nanoTime();
                    for (int ps = 0; ps < passes; ps++) {
                        long base = d.base + (long) (cycle[0]++ % d.copies) * d.copyBytes;
                        pool.parallelFor(ntasks, t -> {
                            int r0 = t * rpt;
                            float s = rows(kernel, x, d.seg, base, r0, Math.min(d.rows, r0 + rpt) - r0, y);
                            if (s == 42) sink++;
                        });
                        bytes += d.rows * ROWB;
                    }
                    long t1 = System.nanoTime();
                    if (r >= 0) gbs.get(v).add(bytes / (double) (t1 - t0));
                }
                if (!kernel.startsWith("read")) outs.put(v, y);
            }
        }
        for (var e : gbs.entrySet()) {
            List<Double> l = new ArrayList<>(e.getValue());
            Collections.sort(l);
            System.out.printf(Locale.ROOT, "%-16s median %5.1f GB/s  min %5.1f  max %5.1f  (n=%d)%n", e.getKey(),
                    l.get(l.size() / 2), l.get(0), l.get(l.size() - 1), l.size());
        }
        // sanity: every product variant over the same data gives close sums
        float[] ref = null;
        for (var e : outs.entrySet()) if (e.getKey().startsWith(System.getProperty("ref", "lm:q4p"))) ref = e.getValue();
        if (ref != null) for (var e : outs.entrySet()) if (e.getValue().length == ref.length) {
            double md = 0;
            for (int i = 0; i < ref.length; i++) md = Math.max(md, Math.abs(ref[i] - e.getValue()[i]));
            System.out.printf(Locale.ROOT, "maxdiff %s vs map:q4p %.3g%n", e.getKey(), md);
        }
        pool.close();
        if (System.getProperty("ceil") != null) {
            System.out.println("BandwidthCeiling.mapped(file, " + threads + ", 3) " + io.github.asr4j.bench.BandwidthCeiling.mapped(file, threads, 3));
        }
    }
}
