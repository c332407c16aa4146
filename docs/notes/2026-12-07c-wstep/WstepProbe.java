package io.github.asr4j.kernels.cpu;

import static io.github.asr4j.kernels.cpu.VectorWiden.F;
import static io.github.asr4j.kernels.cpu.VectorWiden.I;
import static io.github.asr4j.kernels.cpu.VectorWiden.S;
import static io.github.asr4j.kernels.cpu.WeightMatrix.I16_LE;

import io.github.asr4j.kernels.*;
import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.Tensor;
import java.lang.foreign.*;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;
import java.util.*;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/**
 * wstep: one F16 one-row product alone, from memory, at 1 or 2 threads, beside a plain read of the same bytes, every
 * variant in one JVM, the order rotated every pass. Run with -Dasr4j.f16.normals=false so the kernels read these very
 * segments (weights gaussian * 0.02 as halves, subnormals zeroed: no copy is made and no FMA assist happens).
 * Memory: anonymous mmap (4 KB pages), or with madvise(MADV_HUGEPAGE) when the third argument is 1 (THP "madvise").
 * Args: threads passes huge variants(comma list or all) cases ROWSxCOLSxMB...
 */
public class WstepProbe {
    private static final int L = F.length();
    static volatile double sink;
    static final boolean KEEP_SUB = Boolean.getBoolean("wstep.keepsub");
    /** Skip the plain read in the mixes (it reads other bytes than the products do where copies are made). */
    static final boolean NO_PLAIN = Boolean.getBoolean("wstep.noplain");

    static final Linker LINKER = Linker.nativeLinker();
    static MemorySegment mapAnon(long bytes, boolean huge) throws Throwable {
        MethodHandle mmap = LINKER.downcallHandle(LINKER.defaultLookup().find("mmap").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
        MethodHandle madvise = LINKER.downcallHandle(LINKER.defaultLookup().find("madvise").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
        long align = 2L << 20;
        long len = (bytes + align - 1) / align * align;
        MemorySegment p = (MemorySegment) mmap.invokeExact(MemorySegment.NULL, len + align, 3, 0x22, -1, 0L);
        long a = (p.address() + align - 1) / align * align;
        MemorySegment s = MemorySegment.ofAddress(a).reinterpret(len);
        if (huge) {
            int rc = (int) madvise.invokeExact(s, len, 14);
            if (rc != 0) throw new IllegalStateException("madvise " + rc);
        }
        return s.asSlice(0, bytes);
    }

    static FloatVector dec(MemorySegment seg, long off) {
        return ((IntVector) ShortVector.fromMemorySegment(S, seg, off, ByteOrder.LITTLE_ENDIAN)
                .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
    }

    static float fold(FloatVector v) {
        v = FloatVector.broadcast(F, -0f).add(v);
        if (L >= 16) v = v.add(v.rearrange(VectorOps.FLOAT_FOLDS[8]));
        if (L >= 8) v = v.add(v.rearrange(VectorOps.FLOAT_FOLDS[4]));
        v = v.add(v.rearrange(VectorOps.FLOAT_FOLDS[2]));
        v = v.add(v.rearrange(VectorOps.FLOAT_FOLDS[1]));
        return v.lane(0);
    }

    /** dot4F16's loop and sums (whole vector pairs only); touch > 0: before the loop, one long load a 64 bytes of each row 'touch' bytes ahead. */
    static long quad(float[] x, int so, MemorySegment seg, long ea, long eb, long ec, long ed, int len, float[] y, int yo, int apart,
                     long touch, long limit) {
        long ba = ea * 2, bb = eb * 2, bc = ec * 2, bd = ed * 2;
        long t = 0;
        if (touch > 0) {
            long rowBytes = 2L * len;
            for (long o = 0; o < rowBytes; o += 64) {
                long pa = ba + touch + o, pb = bb + touch + o, pc = bc + touch + o, pd = bd + touch + o;
                if (pd < limit) {
                    t += seg.get(ValueLayout.JAVA_BYTE, pa) + seg.get(ValueLayout.JAVA_BYTE, pb)
                            + seg.get(ValueLayout.JAVA_BYTE, pc) + seg.get(ValueLayout.JAVA_BYTE, pd);
                }
            }
        }
        FloatVector ae = FloatVector.zero(F), ao = ae, be = ae, bo = ae, ce = ae, co = ae, de = ae, dd = ae;
        int pairBound = len & -(2 * L);
        for (int k = 0; k < pairBound; k += 2 * L) {
            FloatVector xv = FloatVector.fromArray(F, x, so + k);
            ae = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, ba + 2L * k, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), ae);
            be = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, bb + 2L * k, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), be);
            ce = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, bc + 2L * k, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), ce);
            de = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, bd + 2L * k, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), de);
            int k1 = k + L;
            xv = FloatVector.fromArray(F, x, so + k1);
            ao = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, ba + 2L * k1, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), ao);
            bo = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, bb + 2L * k1, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), bo);
            co = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, bc + 2L * k1, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), co);
            dd = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, bd + 2L * k1, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), dd);
        }
        FloatVector f0 = FloatVector.broadcast(F, -0f).add(ae).add(ao);
        FloatVector f1 = FloatVector.broadcast(F, -0f).add(be).add(bo);
        FloatVector f2 = FloatVector.broadcast(F, -0f).add(ce).add(co);
        FloatVector f3 = FloatVector.broadcast(F, -0f).add(de).add(dd);
        if (L >= 16) { f0 = f0.add(f0.rearrange(VectorOps.FLOAT_FOLDS[8])); f1 = f1.add(f1.rearrange(VectorOps.FLOAT_FOLDS[8])); f2 = f2.add(f2.rearrange(VectorOps.FLOAT_FOLDS[8])); f3 = f3.add(f3.rearrange(VectorOps.FLOAT_FOLDS[8])); }
        if (L >= 8) { f0 = f0.add(f0.rearrange(VectorOps.FLOAT_FOLDS[4])); f1 = f1.add(f1.rearrange(VectorOps.FLOAT_FOLDS[4])); f2 = f2.add(f2.rearrange(VectorOps.FLOAT_FOLDS[4])); f3 = f3.add(f3.rearrange(VectorOps.FLOAT_FOLDS[4])); }
        f0 = f0.add(f0.rearrange(VectorOps.FLOAT_FOLDS[2])); f1 = f1.add(f1.rearrange(VectorOps.FLOAT_FOLDS[2])); f2 = f2.add(f2.rearrange(VectorOps.FLOAT_FOLDS[2])); f3 = f3.add(f3.rearrange(VectorOps.FLOAT_FOLDS[2]));
        f0 = f0.add(f0.rearrange(VectorOps.FLOAT_FOLDS[1])); f1 = f1.add(f1.rearrange(VectorOps.FLOAT_FOLDS[1])); f2 = f2.add(f2.rearrange(VectorOps.FLOAT_FOLDS[1])); f3 = f3.add(f3.rearrange(VectorOps.FLOAT_FOLDS[1]));
        y[yo] = f0.lane(0);
        y[yo + apart] = f1.lane(0);
        y[yo + 2 * apart] = f2.lane(0);
        y[yo + 3 * apart] = f3.lane(0);
        return t;
    }

    /** Two quads a call: rows j, j+1 of each quarter, 16 accumulators, the input loaded once for eight rows. */
    static void eight(float[] x, int so, MemorySegment seg, long ea, long eb, long ec, long ed, int len, float[] y, int yo, int apart) {
        long ba = ea * 2, bb = eb * 2, bc = ec * 2, bd = ed * 2, n = 2L * len;
        FloatVector ae = FloatVector.zero(F), ao = ae, be = ae, bo = ae, ce = ae, co = ae, de = ae, dd = ae;
        FloatVector ae2 = ae, ao2 = ae, be2 = ae, bo2 = ae, ce2 = ae, co2 = ae, de2 = ae, dd2 = ae;
        int pairBound = len & -(2 * L);
        for (int k = 0; k < pairBound; k += 2 * L) {
            FloatVector xv = FloatVector.fromArray(F, x, so + k);
            ae = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, ba + 2L * k, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), ae);
            be = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, bb + 2L * k, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), be);
            ce = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, bc + 2L * k, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), ce);
            de = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, bd + 2L * k, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), de);
            ae2 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, ba + n + 2L * k, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), ae2);
            be2 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, bb + n + 2L * k, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), be2);
            ce2 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, bc + n + 2L * k, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), ce2);
            de2 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, bd + n + 2L * k, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), de2);
            int k1 = k + L;
            xv = FloatVector.fromArray(F, x, so + k1);
            ao = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, ba + 2L * k1, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), ao);
            bo = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, bb + 2L * k1, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), bo);
            co = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, bc + 2L * k1, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), co);
            dd = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, bd + 2L * k1, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), dd);
            ao2 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, ba + n + 2L * k1, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), ao2);
            bo2 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, bb + n + 2L * k1, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), bo2);
            co2 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, bc + n + 2L * k1, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), co2);
            dd2 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, bd + n + 2L * k1, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), dd2);
        }
        FloatVector f0 = FloatVector.broadcast(F, -0f).add(ae).add(ao);
        FloatVector f1 = FloatVector.broadcast(F, -0f).add(be).add(bo);
        FloatVector f2 = FloatVector.broadcast(F, -0f).add(ce).add(co);
        FloatVector f3 = FloatVector.broadcast(F, -0f).add(de).add(dd);
        FloatVector f4 = FloatVector.broadcast(F, -0f).add(ae2).add(ao2);
        FloatVector f5 = FloatVector.broadcast(F, -0f).add(be2).add(bo2);
        FloatVector f6 = FloatVector.broadcast(F, -0f).add(ce2).add(co2);
        FloatVector f7 = FloatVector.broadcast(F, -0f).add(de2).add(dd2);
        if (L >= 16) { f0 = f0.add(f0.rearrange(VectorOps.FLOAT_FOLDS[8])); f1 = f1.add(f1.rearrange(VectorOps.FLOAT_FOLDS[8])); f2 = f2.add(f2.rearrange(VectorOps.FLOAT_FOLDS[8])); f3 = f3.add(f3.rearrange(VectorOps.FLOAT_FOLDS[8])); f4 = f4.add(f4.rearrange(VectorOps.FLOAT_FOLDS[8])); f5 = f5.add(f5.rearrange(VectorOps.FLOAT_FOLDS[8])); f6 = f6.add(f6.rearrange(VectorOps.FLOAT_FOLDS[8])); f7 = f7.add(f7.rearrange(VectorOps.FLOAT_FOLDS[8])); }
        if (L >= 8) { f0 = f0.add(f0.rearrange(VectorOps.FLOAT_FOLDS[4])); f1 = f1.add(f1.rearrange(VectorOps.FLOAT_FOLDS[4])); f2 = f2.add(f2.rearrange(VectorOps.FLOAT_FOLDS[4])); f3 = f3.add(f3.rearrange(VectorOps.FLOAT_FOLDS[4])); f4 = f4.add(f4.rearrange(VectorOps.FLOAT_FOLDS[4])); f5 = f5.add(f5.rearrange(VectorOps.FLOAT_FOLDS[4])); f6 = f6.add(f6.rearrange(VectorOps.FLOAT_FOLDS[4])); f7 = f7.add(f7.rearrange(VectorOps.FLOAT_FOLDS[4])); }
        f0 = f0.add(f0.rearrange(VectorOps.FLOAT_FOLDS[2])); f1 = f1.add(f1.rearrange(VectorOps.FLOAT_FOLDS[2])); f2 = f2.add(f2.rearrange(VectorOps.FLOAT_FOLDS[2])); f3 = f3.add(f3.rearrange(VectorOps.FLOAT_FOLDS[2])); f4 = f4.add(f4.rearrange(VectorOps.FLOAT_FOLDS[2])); f5 = f5.add(f5.rearrange(VectorOps.FLOAT_FOLDS[2])); f6 = f6.add(f6.rearrange(VectorOps.FLOAT_FOLDS[2])); f7 = f7.add(f7.rearrange(VectorOps.FLOAT_FOLDS[2]));
        f0 = f0.add(f0.rearrange(VectorOps.FLOAT_FOLDS[1])); f1 = f1.add(f1.rearrange(VectorOps.FLOAT_FOLDS[1])); f2 = f2.add(f2.rearrange(VectorOps.FLOAT_FOLDS[1])); f3 = f3.add(f3.rearrange(VectorOps.FLOAT_FOLDS[1])); f4 = f4.add(f4.rearrange(VectorOps.FLOAT_FOLDS[1])); f5 = f5.add(f5.rearrange(VectorOps.FLOAT_FOLDS[1])); f6 = f6.add(f6.rearrange(VectorOps.FLOAT_FOLDS[1])); f7 = f7.add(f7.rearrange(VectorOps.FLOAT_FOLDS[1]));
        y[yo] = f0.lane(0);
        y[yo + apart] = f1.lane(0);
        y[yo + 2 * apart] = f2.lane(0);
        y[yo + 3 * apart] = f3.lane(0);
        y[yo + 1] = f4.lane(0);
        y[yo + 1 + apart] = f5.lane(0);
        y[yo + 1 + 2 * apart] = f6.lane(0);
        y[yo + 1 + 3 * apart] = f7.lane(0);
    }

    /** Plain read of bytes [from, to) as floats, one stream. */
    static float plain1(MemorySegment m, long from, long to) {
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
        long vb = F.vectorByteSize();
        long i = from;
        for (; i + 4 * vb <= to; i += 4 * vb) {
            s0 = s0.add(FloatVector.fromMemorySegment(F, m, i, ByteOrder.LITTLE_ENDIAN));
            s1 = s1.add(FloatVector.fromMemorySegment(F, m, i + vb, ByteOrder.LITTLE_ENDIAN));
            s2 = s2.add(FloatVector.fromMemorySegment(F, m, i + 2 * vb, ByteOrder.LITTLE_ENDIAN));
            s3 = s3.add(FloatVector.fromMemorySegment(F, m, i + 3 * vb, ByteOrder.LITTLE_ENDIAN));
        }
        for (; i + vb <= to; i += vb) s0 = s0.add(FloatVector.fromMemorySegment(F, m, i, ByteOrder.LITTLE_ENDIAN));
        return s0.add(s1).add(s2).add(s3).reduceLanes(VectorOperators.ADD);
    }

    /** Plain read of four equal runs side by side (the quarters' pattern). */
    static float plain4(MemorySegment m, long a, long b, long c, long d, long len) {
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
        long vb = F.vectorByteSize();
        for (long i = 0; i + vb <= len; i += vb) {
            s0 = s0.add(FloatVector.fromMemorySegment(F, m, a + i, ByteOrder.LITTLE_ENDIAN));
            s1 = s1.add(FloatVector.fromMemorySegment(F, m, b + i, ByteOrder.LITTLE_ENDIAN));
            s2 = s2.add(FloatVector.fromMemorySegment(F, m, c + i, ByteOrder.LITTLE_ENDIAN));
            s3 = s3.add(FloatVector.fromMemorySegment(F, m, d + i, ByteOrder.LITTLE_ENDIAN));
        }
        return s0.add(s1).add(s2).add(s3).reduceLanes(VectorOperators.ADD);
    }

    static final String[] NAMES = {"prod", "tasks4", "tasks1", "tasks16", "copy", "eight", "touch4k", "touch1r", "plain1", "plain4"};

    /**
     * The card step's products in its order (6 layers: qkv 2304x768, cross q 768x768, self out 768x768, cross out
     * 768x768, fc1 3072x768, fc2 768x3072; then the logits 51865x768), 'copies' distinct copies of the whole list
     * cycled (1: the step's own 179 MB), through Backend.linear; beside a plain read of the same segments, alternated.
     */
    static void stepMix(Backend b, WorkerPool pool, int threads, int passes, boolean huge, int copies) throws Throwable {
        int[][] shapes = new int[6 * 6 + 1][];
        for (int l = 0; l < 6; l++) {
            shapes[6 * l] = new int[] {2304, 768};
            shapes[6 * l + 1] = new int[] {768, 768};
            shapes[6 * l + 2] = new int[] {768, 768};
            shapes[6 * l + 3] = new int[] {768, 768};
            shapes[6 * l + 4] = new int[] {3072, 768};
            shapes[6 * l + 5] = new int[] {768, 3072};
        }
        shapes[36] = new int[] {51865, 768};
        int n = shapes.length * copies;
        long total = 0;
        for (int[] sh : shapes) total += 2L * sh[0] * sh[1];
        MemorySegment all = mapAnon(total * copies, huge);
        Backend.Matrix[] m = new Backend.Matrix[n];
        MemorySegment[] seg = new MemorySegment[n];
        Buffer[] xb = new Buffer[n];
        Buffer[] yb = new Buffer[n];
        Random r = new Random(7);
        long off = 0;
        for (int i = 0; i < n; i++) {
            int rows = shapes[i % shapes.length][0], cols = shapes[i % shapes.length][1];
            long bytes = 2L * rows * cols;
            seg[i] = all.asSlice(off, bytes);
            off += bytes;
            for (long e = 0; e < (long) rows * cols; e++) {
                short h = Float.floatToFloat16((float) r.nextGaussian() * 0.02f);
                seg[i].set(I16_LE, 2 * e, (h & 0x7C00) == 0 && !KEEP_SUB ? 0 : h);
            }
            m[i] = b.matrix(new Tensor("s." + i, DType.F16, new long[] {rows, cols}, seg[i]));
            float[] xv = new float[cols];
            for (int k = 0; k < cols; k++) xv[k] = (float) r.nextGaussian();
            xb[i] = b.upload(xv, 1, cols);
            yb[i] = b.allocate(1, rows, BufferType.F32);
        }
        double bytes = (double) total * copies;
        double[][] g = new double[3][passes];
        double[] logitsMs = new double[passes];
        for (int pass = -5; pass < passes; pass++) {
            for (int vi = 0; vi < (NO_PLAIN ? 1 : 2); vi++) {
                int v = NO_PLAIN ? 0 : (vi + pass) & 1;
                long t0 = System.nanoTime();
                long tl = 0;
                if (v == 0) {
                    for (int i = 0; i < n; i++) {
                        long a = System.nanoTime();
                        b.linear(xb[i], m[i], null, yb[i]);
                        if (i % shapes.length == 36) tl += System.nanoTime() - a;
                    }
                } else {
                    double[] acc = new double[threads * 4];
                    for (int i = 0; i < n; i++) {
                        MemorySegment sc = seg[i];
                        long len = sc.byteSize(), per = len / (threads * 4) / 256 * 256;
                        pool.parallelFor(threads * 4, t -> acc[t] += plain1(sc, t * per, t == threads * 4 - 1 ? len : (t + 1) * per));
                    }
                    sink += acc[0];
                }
                long t1 = System.nanoTime();
                if (pass >= 0) {
                    g[v][pass] = bytes / (t1 - t0);
                    if (v == 0) logitsMs[pass] = tl / 1e6 / copies;
                }
            }
        }
        double[] a = g[0].clone(), p = g[1].clone(), lm = logitsMs.clone();
        Arrays.sort(a); Arrays.sort(p); Arrays.sort(lm);
        System.out.printf(Locale.ROOT, "t%d huge%d step mix x%d keepsub " + KEEP_SUB + " normals " + System.getProperty("asr4j.f16.normals", "auto") + " (%.0f MB): products %.1f GB/s (%.3f ms a step; logits %.3f ms) plain %.1f GB/s (%.3f ms)%n",
                threads, huge ? 1 : 0, copies, bytes / 1e6, a[passes / 2], total / a[passes / 2] / 1e6, lm[passes / 2],
                p[passes / 2], total / p[passes / 2] / 1e6);
    }

    /**
     * The card checkpoint's own decoder matrices (mapped from model.safetensors, as the loader maps them; the backend
     * makes its F16Normals copies where it would), in the step's order, through Backend.linear, beside a plain read
     * of the mapped halves: the real step's products alone.
     */
    static void realMix(Backend b, WorkerPool pool, int threads, int passes, String file) throws Throwable {
        java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(java.nio.file.Path.of(file));
        MemorySegment map = ch.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, ch.size(), Arena.ofShared());
        long n = map.get(ValueLayout.JAVA_LONG_UNALIGNED, 0);
        String header = new String(map.asSlice(8, n).toArray(ValueLayout.JAVA_BYTE), java.nio.charset.StandardCharsets.UTF_8);
        List<String> names = new ArrayList<>();
        for (int l = 0; l < 6; l++) {
            for (String t : new String[] {"self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.out_proj",
                    "encoder_attn.q_proj", "encoder_attn.out_proj", "fc1", "fc2"}) {
                names.add("model.decoder.layers." + l + "." + t + ".weight");
            }
        }
        names.add("model.decoder.embed_tokens.weight");
        int k = names.size();
        Backend.Matrix[] m = new Backend.Matrix[k];
        MemorySegment[] seg = new MemorySegment[k];
        Buffer[] xb = new Buffer[k], yb = new Buffer[k];
        Random r = new Random(7);
        long total = 0;
        for (int i = 0; i < k; i++) {
            String key = "\"" + names.get(i) + "\"";
            int at = header.indexOf(key);
            String rest = header.substring(at);
            java.util.regex.Matcher sh = java.util.regex.Pattern.compile("\"shape\":\\[(\\d+),(\\d+)\\]").matcher(rest);
            java.util.regex.Matcher of = java.util.regex.Pattern.compile("\"data_offsets\":\\[(\\d+),(\\d+)\\]").matcher(rest);
            sh.find(); of.find();
            int rows = Integer.parseInt(sh.group(1)), cols = Integer.parseInt(sh.group(2));
            long a = Long.parseLong(of.group(1)), e = Long.parseLong(of.group(2));
            seg[i] = map.asSlice(8 + n + a, e - a);
            total += e - a;
            m[i] = b.matrix(new Tensor(names.get(i), DType.F16, new long[] {rows, cols}, seg[i]));
            float[] xv = new float[cols];
            for (int c = 0; c < cols; c++) xv[c] = (float) r.nextGaussian();
            xb[i] = b.upload(xv, 1, cols);
            yb[i] = b.allocate(1, rows, BufferType.F32);
        }
        double[][] g = new double[2][passes];
        double[] logitsMs = new double[passes];
        int extraMb = Integer.getInteger("wstep.extra", 0);
        MemorySegment extra = extraMb > 0 ? mapAnon(extraMb * 1_000_000L, false) : null;
        if (extra != null) extra.fill((byte) 1);
        double[] ex = new double[threads];
        for (int pass = -8; pass < passes; pass++) {
            for (int vi = 0; vi < (NO_PLAIN ? 1 : 2); vi++) {
                int v = NO_PLAIN ? 0 : (vi + pass) & 1;
                long t0 = System.nanoTime();
                long tl = 0;
                if (v == 0) {
                    long tp = 0;
                    for (int i = 0; i < k; i++) {
                        if (extra != null && i % 8 == 4) { // the cross attention's place: read its share of the extra bytes
                            long part = extra.byteSize() / 6 / 256 * 256, from = (i / 8) * part;
                            pool.parallelFor(threads, t -> ex[t] += plain1(extra, from + t * part / threads / 256 * 256, from + (t + 1) * part / threads / 256 * 256));
                        }
                        long a = System.nanoTime();
                        b.linear(xb[i], m[i], null, yb[i]);
                        long d = System.nanoTime() - a;
                        tp += d;
                        if (i == k - 1) tl += d;
                    }
                    t0 = System.nanoTime() - tp; // the pass's figure: the products' time only
                } else {
                    double[] acc = new double[threads * 4];
                    for (int i = 0; i < k; i++) {
                        MemorySegment sc = seg[i];
                        long len = sc.byteSize(), per = len / (threads * 4) / 256 * 256;
                        pool.parallelFor(threads * 4, t -> acc[t] += plain1(sc, t * per, t == threads * 4 - 1 ? len / 256 * 256 : (t + 1) * per));
                    }
                    sink += acc[0];
                }
                long t1 = System.nanoTime();
                if (pass >= 0) {
                    g[v][pass] = (double) total / (t1 - t0);
                    if (v == 0) logitsMs[pass] = tl / 1e6;
                }
            }
        }
        double[] a = g[0].clone(), p = g[1].clone(), lm = logitsMs.clone();
        Arrays.sort(a); Arrays.sort(p); Arrays.sort(lm);
        System.out.printf(Locale.ROOT, "t%d real card-f16 (%.0f MB + " + Integer.getInteger("wstep.extra", 0) + " MB read between, normals %s): products %.1f GB/s (%.3f ms a step; logits %.3f ms) plain read of the mapped halves %.1f GB/s (%.3f ms)%n",
                threads, total / 1e6, System.getProperty("asr4j.f16.normals", "auto"), a[passes / 2], total / a[passes / 2] / 1e6, lm[passes / 2],
                p[passes / 2], total / p[passes / 2] / 1e6);
    }

    public static void main(String[] args) throws Throwable {
        int threads = Integer.parseInt(args[0]);
        int passes = Integer.parseInt(args[1]);
        boolean huge = args[2].equals("1");
        int[] vs;
        if (args[3].equals("all")) { vs = new int[NAMES.length]; for (int i = 0; i < vs.length; i++) vs[i] = i; }
        else vs = Arrays.stream(args[3].split(",")).mapToInt(s -> Arrays.asList(NAMES).indexOf(s)).toArray();
        WorkerPool pool = new WorkerPool(threads);
        try (Backend b = Backends.cpu(threads, WeightFormat.STORED)) {
            for (int ai = 4; ai < args.length; ai++) {
                if (args[ai].startsWith("real=")) { realMix(b, pool, threads, passes, args[ai].substring(5)); continue; }
                if (args[ai].startsWith("step")) { stepMix(b, pool, threads, passes, huge, Integer.parseInt(args[ai].substring(4))); continue; }
                String[] p = args[ai].split("x");
                int rows = Integer.parseInt(p[0]), cols = Integer.parseInt(p[1]), mb = Integer.parseInt(p[2]);
                long halves = (long) rows * cols;
                int sets = (int) Math.max(1, mb * 1_000_000L / (2L * halves));
                Random r = new Random(7);
                short[] wh = new short[(int) halves];
                for (int i = 0; i < wh.length; i++) {
                    short h = Float.floatToFloat16((float) r.nextGaussian() * 0.02f);
                    wh[i] = (h & 0x7C00) == 0 ? 0 : h;
                }
                MemorySegment all = mapAnon(2L * halves * sets, huge);
                Backend.Matrix[] m = new Backend.Matrix[sets];
                WeightMatrix[] w = new WeightMatrix[sets];
                MemorySegment[] seg = new MemorySegment[sets];
                for (int c = 0; c < sets; c++) {
                    seg[c] = all.asSlice(2L * halves * c, 2L * halves);
                    MemorySegment.copy(wh, 0, seg[c], ValueLayout.JAVA_SHORT_UNALIGNED, 0, wh.length);
                    m[c] = b.matrix(new Tensor("m." + c, DType.F16, new long[] {rows, cols}, seg[c]));
                    w[c] = CpuBackend.weightMatrix(m[c]);
                }
                float[] xv = new float[cols];
                for (int i = 0; i < cols; i++) xv[i] = (float) r.nextGaussian();
                float scale = w[0].rowInputScale();
                float[] xs = new float[2 * cols];
                for (int i = 0; i < cols; i++) { xs[i] = xv[i]; xs[cols + i] = xv[i] * scale; }
                Buffer x = b.upload(xv, 1, cols);
                Buffer yb = b.allocate(1, rows, BufferType.F32);
                float[][] ys = new float[NAMES.length][rows];
                double bytes = 2.0 * halves * sets;
                double[][] g = new double[NAMES.length][passes];
                long rowBytes = 2L * cols;
                for (int pass = -5; pass < passes; pass++) {
                    for (int vi = 0; vi < vs.length; vi++) {
                        int v = vs[Math.floorMod(vi + pass, vs.length)];
                        float[] y = ys[v];
                        long t0 = System.nanoTime();
                        if (v == 0) {
                            for (int c = 0; c < sets; c++) b.linear(x, m[c], null, yb);
                        } else if (v <= 3) {
                            int tasks = threads * (v == 1 ? 4 : v == 2 ? 1 : 16);
                            int per = Math.max(16, (rows + tasks - 1) / tasks);
                            int nt = (rows + per - 1) / per;
                            for (int c = 0; c < sets; c++) {
                                WeightMatrix wc = w[c];
                                pool.parallelFor(nt, t -> {
                                    int s = t * per;
                                    wc.dotRowsScaled(xs, 0, cols, s, Math.min(rows, s + per) - s, y, s);
                                });
                            }
                        } else if (v == 8 || v == 9) {
                            int tasks = threads * 4;
                            int per = Math.max(16, (rows + tasks - 1) / tasks);
                            int nt = (rows + per - 1) / per;
                            double[] acc = new double[nt];
                            for (int c = 0; c < sets; c++) {
                                MemorySegment sc = seg[c];
                                pool.parallelFor(nt, t -> {
                                    int s = t * per, e = Math.min(rows, s + per), q = (e - s) / 4;
                                    if (v == 8) acc[t] += plain1(sc, s * rowBytes, e * rowBytes);
                                    else {
                                        acc[t] += plain4(sc, s * rowBytes, (s + q) * rowBytes, (s + 2 * q) * rowBytes, (s + 3 * q) * rowBytes, q * rowBytes);
                                        acc[t] += plain1(sc, (s + 4 * q) * rowBytes, e * rowBytes);
                                    }
                                });
                            }
                            sink += acc[0];
                        } else {
                            int tasks = threads * 4;
                            int per = Math.max(16, (rows + tasks - 1) / tasks);
                            int nt = (rows + per - 1) / per;
                            long touch = v == 6 ? 4096 : v == 7 ? rowBytes : 0;
                            long[] tk = new long[nt];
                            for (int c = 0; c < sets; c++) {
                                MemorySegment sc = seg[c];
                                long limit = sc.byteSize();
                                pool.parallelFor(nt, t -> {
                                    int s = t * per, e = Math.min(rows, s + per), q = (e - s) / 4;
                                    int j = 0;
                                    if (v == 5) {
                                        for (; j + 1 < q; j += 2) {
                                            eight(xs, cols, sc, (long) (s + j) * cols, (long) (s + j + q) * cols, (long) (s + j + 2 * q) * cols,
                                                    (long) (s + j + 3 * q) * cols, cols, y, s + j, q);
                                        }
                                    }
                                    for (; j < q; j++) {
                                        tk[t] += quad(xs, cols, sc, (long) (s + j) * cols, (long) (s + j + q) * cols, (long) (s + j + 2 * q) * cols,
                                                (long) (s + j + 3 * q) * cols, cols, y, s + j, q, touch, limit);
                                    }
                                    for (int rr = s + 4 * q; rr < e; rr++) {
                                        long er = (long) rr * cols;
                                        float[] tmp = new float[1];
                                        quad(xs, cols, sc, er, er, er, er, cols, tmp, 0, 0, 0, limit);
                                        y[rr] = tmp[0];
                                    }
                                });
                            }
                            sink += tk[0];
                        }
                        long t1 = System.nanoTime();
                        if (pass >= 0) g[v][pass] = bytes / (t1 - t0);
                    }
                }
                b.download(yb, 0, 1, ys[0]);
                StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "t%d huge%d %5dx%-4d %4d copies %5.0f MB:", threads, huge ? 1 : 0,
                        rows, cols, sets, bytes / 1e6));
                int ref = vs[0];
                for (int v : vs) {
                    double[] o = g[v].clone();
                    Arrays.sort(o);
                    sb.append(String.format(Locale.ROOT, " %s %.1f", NAMES[v], o[passes / 2]));
                    if (v != ref) {
                        int higher = 0;
                        for (int i = 0; i < passes; i++) if (g[v][i] > g[ref][i]) higher++;
                        sb.append(String.format(Locale.ROOT, "(%d/%d)", higher, passes));
                    }
                    if (v >= 1 && v < 8 && g[0][0] != 0) {
                        for (int i = 0; i < rows; i++) {
                            if (Float.floatToRawIntBits(ys[v][i]) != Float.floatToRawIntBits(ys[0][i])) { sb.append("[BITS DIFFER]"); break; }
                        }
                    }
                }
                System.out.println(sb + " GB/s median (higher than " + NAMES[ref] + " in k/n)");
                if (huge) {
                    for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/meminfo")))
                        if (line.startsWith("AnonHugePages")) System.out.println("  " + line);
                }
            }
        }
        pool.close();
    }
}
