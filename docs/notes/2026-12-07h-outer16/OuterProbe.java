package io.github.asr4j.kernels.cpu;

import static io.github.asr4j.kernels.cpu.VectorWiden.F;
import static io.github.asr4j.kernels.cpu.VectorWiden.I;
import static io.github.asr4j.kernels.cpu.VectorWiden.S;

import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.loader.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/**
 * outer16 lab (2026-12-07h): the F16 products in the outer-product (GEMM) form on a k-major panel layout, against
 * today's library products. Not library code.
 *
 * <p>Layout: the [out, K] half matrix packed once into panels of 16 outputs, k-major: panel p holds, for each
 * k, the 16 halves W[16p + j, k] (j = 0..15) as one 32-byte vector ([P][K][16] halves; the last panel padded
 * with zero halves). Packed copies are files under the scratch folder, mapped read-only (as the model file is):
 * "ieee" (the IEEE halves), "norm" (F16Normals.code's rebased halves: no subnormal float after the decode; inputs
 * scaled by 2^102 instead of 2^112: the same products exactly), "flush" (the IEEE halves with every subnormal set
 * to zero: timing only, other results).
 *
 * <p>Per output the sum is the plain sequential one: acc = fma(x[k], w[k], acc) for k = 0..K-1 from 0, for 16,
 * 5 and 1 input rows alike (each output's chain is its own FMA lane), so a row gives the same bits alone or beside
 * other rows: checked below against each other and a scalar loop.
 *
 * <p>Run: java --add-modules=jdk.incubator.vector -cp PROBE:TESTCLASSES:BENCHJAR io.github.asr4j.kernels.cpu.OuterProbe
 * MODEL SCRATCHDIR threads matrices(logits,fc1,fc2) rounds [check]
 */
public final class OuterProbe {
    static final int W = 16; // outputs a panel = float lanes
    static final float IEEE_UNIT = 0x1p112f;

    // ---------------------------------------------------------------- kernels

    /** 16 input rows (xt k-major: xt[16k + r]) times one panel at byte {@code base}: y[yOff + r*ys + j]. */
    static void outer16(float[] xt, MemorySegment pk, long base, int len, float[] y, int yOff, int ys) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector a2 = FloatVector.zero(F);
        FloatVector a3 = FloatVector.zero(F);
        FloatVector a4 = FloatVector.zero(F);
        FloatVector a5 = FloatVector.zero(F);
        FloatVector a6 = FloatVector.zero(F);
        FloatVector a7 = FloatVector.zero(F);
        FloatVector a8 = FloatVector.zero(F);
        FloatVector a9 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F);
        FloatVector a11 = FloatVector.zero(F);
        FloatVector a12 = FloatVector.zero(F);
        FloatVector a13 = FloatVector.zero(F);
        FloatVector a14 = FloatVector.zero(F);
        FloatVector a15 = FloatVector.zero(F);
        for (int k = 0; k < len; k++) {
            FloatVector w = ((IntVector) ShortVector.fromMemorySegment(S, pk, base + 32L * k, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0))
                    .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
            int xk = 16 * k;
            a0 = FloatVector.broadcast(F, xt[xk]).fma(w, a0);
            a1 = FloatVector.broadcast(F, xt[xk + 1]).fma(w, a1);
            a2 = FloatVector.broadcast(F, xt[xk + 2]).fma(w, a2);
            a3 = FloatVector.broadcast(F, xt[xk + 3]).fma(w, a3);
            a4 = FloatVector.broadcast(F, xt[xk + 4]).fma(w, a4);
            a5 = FloatVector.broadcast(F, xt[xk + 5]).fma(w, a5);
            a6 = FloatVector.broadcast(F, xt[xk + 6]).fma(w, a6);
            a7 = FloatVector.broadcast(F, xt[xk + 7]).fma(w, a7);
            a8 = FloatVector.broadcast(F, xt[xk + 8]).fma(w, a8);
            a9 = FloatVector.broadcast(F, xt[xk + 9]).fma(w, a9);
            a10 = FloatVector.broadcast(F, xt[xk + 10]).fma(w, a10);
            a11 = FloatVector.broadcast(F, xt[xk + 11]).fma(w, a11);
            a12 = FloatVector.broadcast(F, xt[xk + 12]).fma(w, a12);
            a13 = FloatVector.broadcast(F, xt[xk + 13]).fma(w, a13);
            a14 = FloatVector.broadcast(F, xt[xk + 14]).fma(w, a14);
            a15 = FloatVector.broadcast(F, xt[xk + 15]).fma(w, a15);
        }
        a0.intoArray(y, yOff);
        a1.intoArray(y, yOff + ys);
        a2.intoArray(y, yOff + 2 * ys);
        a3.intoArray(y, yOff + 3 * ys);
        a4.intoArray(y, yOff + 4 * ys);
        a5.intoArray(y, yOff + 5 * ys);
        a6.intoArray(y, yOff + 6 * ys);
        a7.intoArray(y, yOff + 7 * ys);
        a8.intoArray(y, yOff + 8 * ys);
        a9.intoArray(y, yOff + 9 * ys);
        a10.intoArray(y, yOff + 10 * ys);
        a11.intoArray(y, yOff + 11 * ys);
        a12.intoArray(y, yOff + 12 * ys);
        a13.intoArray(y, yOff + 13 * ys);
        a14.intoArray(y, yOff + 14 * ys);
        a15.intoArray(y, yOff + 15 * ys);
    }

    /** outer16 that also reads one int of the next panel each k (a demand read one panel, 24 KB at K 768, ahead: a software prefetch by hand); (xt k-major: xt[16k + r]) times one panel at byte {@code base}: y[yOff + r*ys + j]. */
    static void outer16p(float[] xt, MemorySegment pk, long base, long ahead, int len, float[] y, int yOff, int ys) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector a2 = FloatVector.zero(F);
        FloatVector a3 = FloatVector.zero(F);
        FloatVector a4 = FloatVector.zero(F);
        FloatVector a5 = FloatVector.zero(F);
        FloatVector a6 = FloatVector.zero(F);
        FloatVector a7 = FloatVector.zero(F);
        FloatVector a8 = FloatVector.zero(F);
        FloatVector a9 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F);
        FloatVector a11 = FloatVector.zero(F);
        FloatVector a12 = FloatVector.zero(F);
        FloatVector a13 = FloatVector.zero(F);
        FloatVector a14 = FloatVector.zero(F);
        FloatVector a15 = FloatVector.zero(F);
        int touch = 0;
        for (int k = 0; k < len; k++) {
            touch += pk.get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, ahead + 32L * k);
            FloatVector w = ((IntVector) ShortVector.fromMemorySegment(S, pk, base + 32L * k, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0))
                    .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
            int xk = 16 * k;
            a0 = FloatVector.broadcast(F, xt[xk]).fma(w, a0);
            a1 = FloatVector.broadcast(F, xt[xk + 1]).fma(w, a1);
            a2 = FloatVector.broadcast(F, xt[xk + 2]).fma(w, a2);
            a3 = FloatVector.broadcast(F, xt[xk + 3]).fma(w, a3);
            a4 = FloatVector.broadcast(F, xt[xk + 4]).fma(w, a4);
            a5 = FloatVector.broadcast(F, xt[xk + 5]).fma(w, a5);
            a6 = FloatVector.broadcast(F, xt[xk + 6]).fma(w, a6);
            a7 = FloatVector.broadcast(F, xt[xk + 7]).fma(w, a7);
            a8 = FloatVector.broadcast(F, xt[xk + 8]).fma(w, a8);
            a9 = FloatVector.broadcast(F, xt[xk + 9]).fma(w, a9);
            a10 = FloatVector.broadcast(F, xt[xk + 10]).fma(w, a10);
            a11 = FloatVector.broadcast(F, xt[xk + 11]).fma(w, a11);
            a12 = FloatVector.broadcast(F, xt[xk + 12]).fma(w, a12);
            a13 = FloatVector.broadcast(F, xt[xk + 13]).fma(w, a13);
            a14 = FloatVector.broadcast(F, xt[xk + 14]).fma(w, a14);
            a15 = FloatVector.broadcast(F, xt[xk + 15]).fma(w, a15);
        }
        touched += touch;
        a0.intoArray(y, yOff);
        a1.intoArray(y, yOff + ys);
        a2.intoArray(y, yOff + 2 * ys);
        a3.intoArray(y, yOff + 3 * ys);
        a4.intoArray(y, yOff + 4 * ys);
        a5.intoArray(y, yOff + 5 * ys);
        a6.intoArray(y, yOff + 6 * ys);
        a7.intoArray(y, yOff + 7 * ys);
        a8.intoArray(y, yOff + 8 * ys);
        a9.intoArray(y, yOff + 9 * ys);
        a10.intoArray(y, yOff + 10 * ys);
        a11.intoArray(y, yOff + 11 * ys);
        a12.intoArray(y, yOff + 12 * ys);
        a13.intoArray(y, yOff + 13 * ys);
        a14.intoArray(y, yOff + 14 * ys);
        a15.intoArray(y, yOff + 15 * ys);
    }

    static int touched;

    /** outer16 with k unrolled by two (same chains, same order; even len) (xt k-major: xt[16k + r]) times one panel at byte {@code base}: y[yOff + r*ys + j]. */
    static void outer16u2(float[] xt, MemorySegment pk, long base, int len, float[] y, int yOff, int ys) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector a2 = FloatVector.zero(F);
        FloatVector a3 = FloatVector.zero(F);
        FloatVector a4 = FloatVector.zero(F);
        FloatVector a5 = FloatVector.zero(F);
        FloatVector a6 = FloatVector.zero(F);
        FloatVector a7 = FloatVector.zero(F);
        FloatVector a8 = FloatVector.zero(F);
        FloatVector a9 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F);
        FloatVector a11 = FloatVector.zero(F);
        FloatVector a12 = FloatVector.zero(F);
        FloatVector a13 = FloatVector.zero(F);
        FloatVector a14 = FloatVector.zero(F);
        FloatVector a15 = FloatVector.zero(F);
        for (int k = 0; k < len; k += 2) {
            FloatVector w = ((IntVector) ShortVector.fromMemorySegment(S, pk, base + 32L * k, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0))
                    .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
            int xk = 16 * k;
            a0 = FloatVector.broadcast(F, xt[xk]).fma(w, a0);
            a1 = FloatVector.broadcast(F, xt[xk + 1]).fma(w, a1);
            a2 = FloatVector.broadcast(F, xt[xk + 2]).fma(w, a2);
            a3 = FloatVector.broadcast(F, xt[xk + 3]).fma(w, a3);
            a4 = FloatVector.broadcast(F, xt[xk + 4]).fma(w, a4);
            a5 = FloatVector.broadcast(F, xt[xk + 5]).fma(w, a5);
            a6 = FloatVector.broadcast(F, xt[xk + 6]).fma(w, a6);
            a7 = FloatVector.broadcast(F, xt[xk + 7]).fma(w, a7);
            a8 = FloatVector.broadcast(F, xt[xk + 8]).fma(w, a8);
            a9 = FloatVector.broadcast(F, xt[xk + 9]).fma(w, a9);
            a10 = FloatVector.broadcast(F, xt[xk + 10]).fma(w, a10);
            a11 = FloatVector.broadcast(F, xt[xk + 11]).fma(w, a11);
            a12 = FloatVector.broadcast(F, xt[xk + 12]).fma(w, a12);
            a13 = FloatVector.broadcast(F, xt[xk + 13]).fma(w, a13);
            a14 = FloatVector.broadcast(F, xt[xk + 14]).fma(w, a14);
            a15 = FloatVector.broadcast(F, xt[xk + 15]).fma(w, a15);
                    FloatVector w1 = ((IntVector) ShortVector.fromMemorySegment(S, pk, base + 32L * (k + 1), ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0))
                    .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
            int xk1 = 16 * (k + 1);
            a0 = FloatVector.broadcast(F, xt[xk1]).fma(w1, a0);
            a1 = FloatVector.broadcast(F, xt[xk1 + 1]).fma(w1, a1);
            a2 = FloatVector.broadcast(F, xt[xk1 + 2]).fma(w1, a2);
            a3 = FloatVector.broadcast(F, xt[xk1 + 3]).fma(w1, a3);
            a4 = FloatVector.broadcast(F, xt[xk1 + 4]).fma(w1, a4);
            a5 = FloatVector.broadcast(F, xt[xk1 + 5]).fma(w1, a5);
            a6 = FloatVector.broadcast(F, xt[xk1 + 6]).fma(w1, a6);
            a7 = FloatVector.broadcast(F, xt[xk1 + 7]).fma(w1, a7);
            a8 = FloatVector.broadcast(F, xt[xk1 + 8]).fma(w1, a8);
            a9 = FloatVector.broadcast(F, xt[xk1 + 9]).fma(w1, a9);
            a10 = FloatVector.broadcast(F, xt[xk1 + 10]).fma(w1, a10);
            a11 = FloatVector.broadcast(F, xt[xk1 + 11]).fma(w1, a11);
            a12 = FloatVector.broadcast(F, xt[xk1 + 12]).fma(w1, a12);
            a13 = FloatVector.broadcast(F, xt[xk1 + 13]).fma(w1, a13);
            a14 = FloatVector.broadcast(F, xt[xk1 + 14]).fma(w1, a14);
            a15 = FloatVector.broadcast(F, xt[xk1 + 15]).fma(w1, a15);
                }
        a0.intoArray(y, yOff);
        a1.intoArray(y, yOff + ys);
        a2.intoArray(y, yOff + 2 * ys);
        a3.intoArray(y, yOff + 3 * ys);
        a4.intoArray(y, yOff + 4 * ys);
        a5.intoArray(y, yOff + 5 * ys);
        a6.intoArray(y, yOff + 6 * ys);
        a7.intoArray(y, yOff + 7 * ys);
        a8.intoArray(y, yOff + 8 * ys);
        a9.intoArray(y, yOff + 9 * ys);
        a10.intoArray(y, yOff + 10 * ys);
        a11.intoArray(y, yOff + 11 * ys);
        a12.intoArray(y, yOff + 12 * ys);
        a13.intoArray(y, yOff + 13 * ys);
        a14.intoArray(y, yOff + 14 * ys);
        a15.intoArray(y, yOff + 15 * ys);
    }

    /** outer16 over one k block (xt from xOff), its sums stored, or added to y where {@code add} (a blocked sum: block sums from 0, then y + block in block order); (xt k-major: xt[16k + r]) times one panel at byte {@code base}: y[yOff + r*ys + j]. */
    static void outer16b(float[] xt, int xOff, MemorySegment pk, long base, int len, float[] y, int yOff, int ys, boolean add) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector a2 = FloatVector.zero(F);
        FloatVector a3 = FloatVector.zero(F);
        FloatVector a4 = FloatVector.zero(F);
        FloatVector a5 = FloatVector.zero(F);
        FloatVector a6 = FloatVector.zero(F);
        FloatVector a7 = FloatVector.zero(F);
        FloatVector a8 = FloatVector.zero(F);
        FloatVector a9 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F);
        FloatVector a11 = FloatVector.zero(F);
        FloatVector a12 = FloatVector.zero(F);
        FloatVector a13 = FloatVector.zero(F);
        FloatVector a14 = FloatVector.zero(F);
        FloatVector a15 = FloatVector.zero(F);
        for (int k = 0; k < len; k++) {
            FloatVector w = ((IntVector) ShortVector.fromMemorySegment(S, pk, base + 32L * k, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0))
                    .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
            int xk = xOff + 16 * k;
            a0 = FloatVector.broadcast(F, xt[xk]).fma(w, a0);
            a1 = FloatVector.broadcast(F, xt[xk + 1]).fma(w, a1);
            a2 = FloatVector.broadcast(F, xt[xk + 2]).fma(w, a2);
            a3 = FloatVector.broadcast(F, xt[xk + 3]).fma(w, a3);
            a4 = FloatVector.broadcast(F, xt[xk + 4]).fma(w, a4);
            a5 = FloatVector.broadcast(F, xt[xk + 5]).fma(w, a5);
            a6 = FloatVector.broadcast(F, xt[xk + 6]).fma(w, a6);
            a7 = FloatVector.broadcast(F, xt[xk + 7]).fma(w, a7);
            a8 = FloatVector.broadcast(F, xt[xk + 8]).fma(w, a8);
            a9 = FloatVector.broadcast(F, xt[xk + 9]).fma(w, a9);
            a10 = FloatVector.broadcast(F, xt[xk + 10]).fma(w, a10);
            a11 = FloatVector.broadcast(F, xt[xk + 11]).fma(w, a11);
            a12 = FloatVector.broadcast(F, xt[xk + 12]).fma(w, a12);
            a13 = FloatVector.broadcast(F, xt[xk + 13]).fma(w, a13);
            a14 = FloatVector.broadcast(F, xt[xk + 14]).fma(w, a14);
            a15 = FloatVector.broadcast(F, xt[xk + 15]).fma(w, a15);
        }
        if (add) {
            a0 = FloatVector.fromArray(F, y, yOff).add(a0);
        }
        a0.intoArray(y, yOff);
        if (add) {
            a1 = FloatVector.fromArray(F, y, yOff + ys).add(a1);
        }
        a1.intoArray(y, yOff + ys);
        if (add) {
            a2 = FloatVector.fromArray(F, y, yOff + 2 * ys).add(a2);
        }
        a2.intoArray(y, yOff + 2 * ys);
        if (add) {
            a3 = FloatVector.fromArray(F, y, yOff + 3 * ys).add(a3);
        }
        a3.intoArray(y, yOff + 3 * ys);
        if (add) {
            a4 = FloatVector.fromArray(F, y, yOff + 4 * ys).add(a4);
        }
        a4.intoArray(y, yOff + 4 * ys);
        if (add) {
            a5 = FloatVector.fromArray(F, y, yOff + 5 * ys).add(a5);
        }
        a5.intoArray(y, yOff + 5 * ys);
        if (add) {
            a6 = FloatVector.fromArray(F, y, yOff + 6 * ys).add(a6);
        }
        a6.intoArray(y, yOff + 6 * ys);
        if (add) {
            a7 = FloatVector.fromArray(F, y, yOff + 7 * ys).add(a7);
        }
        a7.intoArray(y, yOff + 7 * ys);
        if (add) {
            a8 = FloatVector.fromArray(F, y, yOff + 8 * ys).add(a8);
        }
        a8.intoArray(y, yOff + 8 * ys);
        if (add) {
            a9 = FloatVector.fromArray(F, y, yOff + 9 * ys).add(a9);
        }
        a9.intoArray(y, yOff + 9 * ys);
        if (add) {
            a10 = FloatVector.fromArray(F, y, yOff + 10 * ys).add(a10);
        }
        a10.intoArray(y, yOff + 10 * ys);
        if (add) {
            a11 = FloatVector.fromArray(F, y, yOff + 11 * ys).add(a11);
        }
        a11.intoArray(y, yOff + 11 * ys);
        if (add) {
            a12 = FloatVector.fromArray(F, y, yOff + 12 * ys).add(a12);
        }
        a12.intoArray(y, yOff + 12 * ys);
        if (add) {
            a13 = FloatVector.fromArray(F, y, yOff + 13 * ys).add(a13);
        }
        a13.intoArray(y, yOff + 13 * ys);
        if (add) {
            a14 = FloatVector.fromArray(F, y, yOff + 14 * ys).add(a14);
        }
        a14.intoArray(y, yOff + 14 * ys);
        if (add) {
            a15 = FloatVector.fromArray(F, y, yOff + 15 * ys).add(a15);
        }
        a15.intoArray(y, yOff + 15 * ys);
    }

    /** 5 input rows (xt[5k + r]) times two panels (bytes baseA, baseB): y[oA + r*ys + j], y[oB + r*ys + j]. */
    static void outer5(float[] xt, MemorySegment pk, long baseA, long baseB, int len, float[] y, int oA, int oB, int ys) {
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
        for (int k = 0; k < len; k++) {
            FloatVector wa = ((IntVector) ShortVector.fromMemorySegment(S, pk, baseA + 32L * k, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0))
                    .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
            FloatVector wb = ((IntVector) ShortVector.fromMemorySegment(S, pk, baseB + 32L * k, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0))
                    .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();
            int xk = 5 * k;
            FloatVector x;
            x = FloatVector.broadcast(F, xt[xk]);
            a0 = x.fma(wa, a0);
            b0 = x.fma(wb, b0);
            x = FloatVector.broadcast(F, xt[xk + 1]);
            a1 = x.fma(wa, a1);
            b1 = x.fma(wb, b1);
            x = FloatVector.broadcast(F, xt[xk + 2]);
            a2 = x.fma(wa, a2);
            b2 = x.fma(wb, b2);
            x = FloatVector.broadcast(F, xt[xk + 3]);
            a3 = x.fma(wa, a3);
            b3 = x.fma(wb, b3);
            x = FloatVector.broadcast(F, xt[xk + 4]);
            a4 = x.fma(wa, a4);
            b4 = x.fma(wb, b4);
        }
        a0.intoArray(y, oA);
        a1.intoArray(y, oA + ys);
        a2.intoArray(y, oA + 2 * ys);
        a3.intoArray(y, oA + 3 * ys);
        a4.intoArray(y, oA + 4 * ys);
        b0.intoArray(y, oB);
        b1.intoArray(y, oB + ys);
        b2.intoArray(y, oB + 2 * ys);
        b3.intoArray(y, oB + 3 * ys);
        b4.intoArray(y, oB + 4 * ys);
    }

    /** One input row (xt[k]) times four panels (bytes bA..bD): y[oA..oD + j]. */
    static void outer1(float[] xt, MemorySegment pk, long bA, long bB, long bC, long bD, int len, float[] y,
                       int oA, int oB, int oC, int oD) {
        FloatVector a = FloatVector.zero(F);
        FloatVector b = FloatVector.zero(F);
        FloatVector c = FloatVector.zero(F);
        FloatVector d = FloatVector.zero(F);
        for (int k = 0; k < len; k++) {
            FloatVector x = FloatVector.broadcast(F, xt[k]);
            long o = 32L * k;
            a = x.fma(((IntVector) ShortVector.fromMemorySegment(S, pk, bA + o, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0))
                    .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), a);
            b = x.fma(((IntVector) ShortVector.fromMemorySegment(S, pk, bB + o, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0))
                    .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), b);
            c = x.fma(((IntVector) ShortVector.fromMemorySegment(S, pk, bC + o, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0))
                    .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), c);
            d = x.fma(((IntVector) ShortVector.fromMemorySegment(S, pk, bD + o, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0))
                    .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats(), d);
        }
        a.intoArray(y, oA);
        b.intoArray(y, oB);
        c.intoArray(y, oC);
        d.intoArray(y, oD);
    }

    // ---------------------------------------------------------------- the packed matrix and its drivers

    /** A packed matrix: P panels of K k-steps, out real outputs. */
    record Packed(String tag, MemorySegment pk, int out, int len, int panels, float unit) {
        long panelBase(int p) {
            return (long) p * len * 32L;
        }
    }

    /** Packs (or reuses) the panel file of {@code t} in {@code mode} (ieee, norm, flush); maps it read-only. */
    static Packed pack(Tensor t, String name, String mode, Path dir, Arena arena) throws Exception {
        int out = (int) t.shape()[0];
        int len = (int) t.shape()[1];
        int panels = (out + W - 1) / W;
        long bytes = (long) panels * len * W * 2;
        Path f = dir.resolve("pack-" + name + "-" + mode + ".bin");
        if (!Files.exists(f) || Files.size(f) != bytes) {
            MemorySegment src = t.data();
            MemorySegment buf = Arena.ofAuto().allocate(bytes, 64);
            for (int p = 0; p < panels; p++) {
                for (int j = 0; j < W; j++) {
                    int o = p * W + j;
                    for (int k = 0; k < len; k++) {
                        short h = o < out ? src.get(WeightMatrix.I16_LE, 2L * ((long) o * len + k)) : 0;
                        boolean sub = (h & 0x7C00) == 0 && (h & 0x3FF) != 0;
                        if (mode.equals("norm")) {
                            int c = F16Normals.code(h);
                            if (c < 0) {
                                throw new IllegalStateException("no rebased code for half " + h);
                            }
                            h = (short) c;
                        } else if (mode.equals("flush") && sub) {
                            h = 0;
                        }
                        buf.set(WeightMatrix.I16_LE, 2L * (((long) p * len + k) * W + j), h);
                    }
                }
            }
            Path tmp = dir.resolve(f.getFileName() + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                ch.write(buf.asByteBuffer());
            }
            Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        MemorySegment seg;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, bytes, arena);
        }
        return new Packed(name + "-" + mode, seg, out, len, panels, mode.equals("norm") ? F16Normals.SCALE : IEEE_UNIT);
    }

    /** The file mapped read-only in the global arena (never closed: C2 may drop per-access liveness checks). */
    static MemorySegment mapGlobal(Path f, long bytes) throws Exception {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, bytes, Arena.global());
        }
    }

    /** A row-major copy of t with subnormal halves zeroed, as a mapped file (the library's "flush" arm). */
    static Tensor flushedRowMajor(Tensor t, String name, Path dir, Arena arena) throws Exception {
        long bytes = t.data().byteSize();
        Path f = dir.resolve("rows-" + name + "-flush.bin");
        if (!Files.exists(f) || Files.size(f) != bytes) {
            MemorySegment buf = Arena.ofAuto().allocate(bytes, 64);
            buf.copyFrom(t.data());
            for (long i = 0; i < bytes / 2; i++) {
                short h = buf.get(WeightMatrix.I16_LE, 2 * i);
                if ((h & 0x7C00) == 0 && (h & 0x3FF) != 0) {
                    buf.set(WeightMatrix.I16_LE, 2 * i, (short) 0);
                }
            }
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                ch.write(buf.asByteBuffer());
            }
        }
        MemorySegment seg;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, bytes, arena);
        }
        return new Tensor(t.name(), DType.F16, t.shape(), seg);
    }

    /** The outer-form product of n (16, 5 or 1) rows x [n, len] (unscaled) into y [n, out], over the pool. */
    static final class Outer {
        final Packed m;
        final int n;
        final float[] xt;
        final WorkerPool pool;
        final int groupsPerTask;
        boolean unroll;
        int block;
        boolean prefetch;

        Outer(Packed m, int n, WorkerPool pool, boolean unroll) {
            this(m, n, pool);
            this.unroll = unroll;
        }

        Outer(Packed m, int n, WorkerPool pool) {
            this.m = m;
            this.n = n;
            this.xt = new float[n * m.len()];
            this.pool = pool;
            int group = n == 16 ? 1 : n == 5 ? 2 : 4; // panels a kernel call
            int groups = (m.panels() + group - 1) / group;
            this.groupsPerTask = Math.max(1, Math.min(8, groups / 32));
        }

        void run(float[] x, float[] y) {
            int len = m.len();
            float unit = m.unit();
            for (int r = 0; r < n; r++) { // k-major, scaled inputs (part of the timed call)
                for (int k = 0; k < len; k++) {
                    xt[k * n + r] = x[r * len + k] * unit;
                }
            }
            int group = n == 16 ? 1 : n == 5 ? 2 : 4;
            int groups = (m.panels() + group - 1) / group;
            int tasks = (groups + groupsPerTask - 1) / groupsPerTask;
            pool.parallelFor(tasks, t -> {
                int g1 = Math.min(groups, (t + 1) * groupsPerTask);
                for (int g = t * groupsPerTask; g < g1; g++) {
                    group(g * group, y);
                }
            });
        }

        private void group(int p0, float[] y) {
            int out = m.out();
            int len = m.len();
            MemorySegment pk = m.pk();
            int group = n == 16 ? 1 : n == 5 ? 2 : 4;
            boolean whole = (p0 + group) * W <= out;
            if (whole) {
                switch (n) {
                    case 16 -> { if (prefetch) { outer16p(xt, pk, m.panelBase(p0), m.panelBase(Math.min(m.panels() - 1, p0 + 1)), len, y, p0 * W, out); } else if (block > 0) { for (int k0 = 0; k0 < len; k0 += block) outer16b(xt, 16 * k0, pk, m.panelBase(p0) + 32L * k0, Math.min(block, len - k0), y, p0 * W, out, k0 > 0); } else if (unroll) outer16u2(xt, pk, m.panelBase(p0), len, y, p0 * W, out); else outer16(xt, pk, m.panelBase(p0), len, y, p0 * W, out); }
                    case 5 -> outer5(xt, pk, m.panelBase(p0), m.panelBase(p0 + 1), len, y, p0 * W, (p0 + 1) * W, out);
                    default -> outer1(xt, pk, m.panelBase(p0), m.panelBase(p0 + 1), m.panelBase(p0 + 2), m.panelBase(p0 + 3),
                            len, y, p0 * W, (p0 + 1) * W, (p0 + 2) * W, (p0 + 3) * W);
                }
                return;
            }
            // the last group: panels past the end repeat the last one; outputs through a scratch [n, group*W]
            int last = m.panels() - 1;
            int s = group * W;
            float[] tmp = new float[n * s];
            long[] b = new long[group];
            for (int i = 0; i < group; i++) {
                b[i] = m.panelBase(Math.min(last, p0 + i));
            }
            switch (n) {
                case 16 -> outer16(xt, pk, b[0], len, tmp, 0, s);
                case 5 -> outer5(xt, pk, b[0], b[1], len, tmp, 0, W, s);
                default -> outer1(xt, pk, b[0], b[1], b[2], b[3], len, tmp, 0, W, 2 * W, 3 * W);
            }
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < s && p0 * W + j < out; j++) {
                    y[r * out + p0 * W + j] = tmp[r * s + j];
                }
            }
        }
    }

    // ---------------------------------------------------------------- checks and timing

    interface Arm {
        void call();
    }

    record Named(String name, int rows, Arm arm, double flop, double bytes) {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        Path dir = Path.of(args[1]);
        int threads = Integer.parseInt(args[2]);
        String[] mats = args[3].split(",");
        int rounds = Integer.parseInt(args[4]);
        boolean check = args.length > 5 && args[5].contains("check");
        String only = System.getProperty("arms", ""); // comma list of arm names to keep (default all)
        int evictMb = Integer.getInteger("evict", 0); // > 0: read this many MB of heap before every timed call (untimed)
        long[] evict = new long[evictMb * (1 << 17)];
        java.util.Arrays.fill(evict, 1L);
        if (F.length() != W) {
            throw new IllegalStateException("needs 16 float lanes, has " + F.length());
        }
        SafeTensors st = SafeTensors.open(model);
        Arena arena = Arena.ofShared();
        try (CpuBackend lib = TestData.Kind.VECTOR.create(threads); WorkerPool pool = new WorkerPool(threads)) {
            for (String mat : mats) {
                String tname = switch (mat) {
                    case "logits" -> "model.decoder.embed_tokens.weight";
                    case "fc1" -> "model.decoder.layers.0.fc1.weight";
                    case "fc2" -> "model.decoder.layers.0.fc2.weight";
                    case "q" -> "model.decoder.layers.0.self_attn.q_proj.weight";
                    default -> throw new IllegalArgumentException(mat);
                };
                Tensor t = st.tensor(tname);
                int out = (int) t.shape()[0];
                int len = (int) t.shape()[1];
                Packed ieee = pack(t, mat, "ieee", dir, arena);
                Packed norm = pack(t, mat, "norm", dir, arena);
                Packed flush = pack(t, mat, "flush", dir, arena);
                Tensor flushRows = flushedRowMajor(t, mat, dir, arena);
                WeightMatrix lm = (WeightMatrix) lib.matrix(t);
                WeightMatrix lmf = (WeightMatrix) lib.matrix(flushRows);
                Random rnd = new Random(16);
                float[] x = TestData.random(rnd, 16 * len, 1f);
                float[] x5 = Arrays.copyOf(x, 5 * len);
                float[] x1 = Arrays.copyOf(x, len);
                long subnormals = 0;
                for (long i = 0; i < (long) out * len; i++) {
                    short h = t.data().get(WeightMatrix.I16_LE, 2 * i);
                    if ((h & 0x7C00) == 0 && (h & 0x3FF) != 0) {
                        subnormals++;
                    }
                }
                System.out.printf("== %s [%d, %d], %d threads; subnormal halves %d (%.4f %%)%n", mat, out, len, threads,
                        subnormals, 100.0 * subnormals / ((double) out * len));
                List<Named> arms = new ArrayList<>();
                double f16 = 2.0 * 16 * out * len;
                double f5 = 2.0 * 5 * out * len;
                double f1 = 2.0 * out * len;
                double wb = 2.0 * out * len;
                float[] y16L = new float[16 * out];
                float[] y16Lf = new float[16 * out];
                float[] y16i = new float[16 * out];
                float[] y16n = new float[16 * out];
                float[] y16f = new float[16 * out];
                float[] y16u = new float[16 * out];
                float[] y16b = new float[16 * out];
                float[] y16p = new float[16 * out];
                float[] y16g = new float[16 * out];
                float[] y5L = new float[5 * out];
                float[] y5i = new float[5 * out];
                float[] y5n = new float[5 * out];
                float[] y1L = new float[out];
                float[] y1i = new float[out];
                float[] y1n = new float[out];
                Outer o16i = new Outer(ieee, 16, pool);
                Outer o16n = new Outer(norm, 16, pool);
                Outer o16f = new Outer(flush, 16, pool);
                Outer o5i = new Outer(ieee, 5, pool);
                Outer o5n = new Outer(norm, 5, pool);
                Outer o1i = new Outer(ieee, 1, pool);
                Outer o1n = new Outer(norm, 1, pool);
                arms.add(new Named("L16", 16, () -> lib.linear(x, 16, lm, null, y16L), f16, wb));
                arms.add(new Named("O16i", 16, () -> o16i.run(x, y16i), f16, wb));
                arms.add(new Named("O16n", 16, () -> o16n.run(x, y16n), f16, wb));
                Outer o16u = new Outer(norm, 16, pool, true);
                Packed normGlobal = new Packed(norm.tag() + "-global", mapGlobal(dir.resolve("pack-" + mat + "-norm.bin"), norm.pk().byteSize()),
                        norm.out(), norm.len(), norm.panels(), norm.unit());
                Outer o16g = new Outer(normGlobal, 16, pool);
                Outer o16b = new Outer(norm, 16, pool);
                o16b.block = 64;
                Outer o16p = new Outer(norm, 16, pool);
                o16p.prefetch = true;
                arms.add(new Named("O16n-pf", 16, () -> o16p.run(x, y16p), f16, wb));
                arms.add(new Named("O16n-b64", 16, () -> o16b.run(x, y16b), f16, wb));
                arms.add(new Named("O16n-u2", 16, () -> o16u.run(x, y16u), f16, wb));
                arms.add(new Named("O16n-glob", 16, () -> o16g.run(x, y16g), f16, wb));
                arms.add(new Named("L16flush", 16, () -> lib.linear(x, 16, lmf, null, y16Lf), f16, wb));
                arms.add(new Named("O16flush", 16, () -> o16f.run(x, y16f), f16, wb));
                arms.add(new Named("L5", 5, () -> lib.linear(x5, 5, lm, null, y5L), f5, wb));
                arms.add(new Named("O5i", 5, () -> o5i.run(x5, y5i), f5, wb));
                arms.add(new Named("O5n", 5, () -> o5n.run(x5, y5n), f5, wb));
                arms.add(new Named("L1", 1, () -> lib.linear(x1, 1, lm, null, y1L), f1, wb));
                arms.add(new Named("O1i", 1, () -> o1i.run(x1, y1i), f1, wb));
                arms.add(new Named("O1n", 1, () -> o1n.run(x1, y1n), f1, wb));
                if (!only.isEmpty()) {
                    List<String> keep = List.of(only.split(","));
                    arms.removeIf(a -> !keep.contains(a.name()));
                    check = false;
                }
                // warm (also the first results for the checks)
                int[] calls = new int[arms.size()];
                for (int a = 0; a < arms.size(); a++) {
                    Named nm = arms.get(a);
                    long t0 = System.nanoTime();
                    int c = 0;
                    while (System.nanoTime() - t0 < 600_000_000L || c < 20) {
                        nm.arm().call();
                        c++;
                    }
                    double ms = (System.nanoTime() - t0) / 1e6 / c;
                    calls[a] = evictMb > 0 ? 3 : (int) Math.max(3, Math.round(60 / ms)); // ~60 ms a round and arm
                }
                if (check) {
                    System.out.printf("check: unrolled, global-arena and prefetching 16-row forms give the same bits: %b %b %b%n",
                            Arrays.equals(y16u, y16n), Arrays.equals(y16g, y16n), Arrays.equals(y16p, y16n));
                    check(t, x, out, len, y16L, y16b, y16n, y5L, y5i, y5n, y1L, y1i, y1n);
                }
                double[][] ms = new double[arms.size()][rounds];
                long[] alloc = new long[arms.size()];
                com.sun.management.ThreadMXBean tmx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
                for (int r = 0; r < rounds; r++) {
                    for (int i = 0; i < arms.size(); i++) {
                        int a = (i + r) % arms.size(); // rotated order
                        Named nm = arms.get(a);
                        long b0 = tmx.getCurrentThreadAllocatedBytes();
                        long t0 = System.nanoTime();
                        if (evictMb > 0) { // weights from DRAM: the caches refilled with other data before each call
                            long spent = 0;
                            for (int c = 0; c < calls[a]; c++) {
                                sink += readAll(evict);
                                long t1 = System.nanoTime();
                                nm.arm().call();
                                spent += System.nanoTime() - t1;
                            }
                            t0 = System.nanoTime() - spent;
                        } else {
                            for (int c = 0; c < calls[a]; c++) {
                                nm.arm().call();
                            }
                        }
                        ms[a][r] = (System.nanoTime() - t0) / 1e6 / calls[a];
                        alloc[a] = (tmx.getCurrentThreadAllocatedBytes() - b0) / calls[a];
                    }
                }
                for (int a = 0; a < arms.size(); a++) {
                    Named nm = arms.get(a);
                    double[] s = ms[a].clone();
                    Arrays.sort(s);
                    double med = s[rounds / 2];
                    System.out.printf("%-7s %-9s rows %2d thr %d: %8.4f ms a call (min %.4f max %.4f, %d calls x %d rounds) %6.1f GFLOP/s %5.1f GB/s, caller heap %d B a call (last round)%n",
                            mat, nm.name(), nm.rows(), threads, med, s[0], s[rounds - 1], calls[a], rounds,
                            nm.flop() / med / 1e6, nm.bytes() / med / 1e6, alloc[a]);
                }
                if (only.isEmpty()) System.out.printf("%-7s hashes L16 %08x O16i %08x O16n %08x O5n %08x O1n %08x%n", mat, Arrays.hashCode(y16L),
                        Arrays.hashCode(y16i), Arrays.hashCode(y16n), Arrays.hashCode(y5n), Arrays.hashCode(y1n));
                System.out.println("raw " + mat + " thr " + threads + " " + rawRounds(arms, ms));
            }
        }
    }

    static long sink;

    static long readAll(long[] a) {
        long s = 0;
        for (int i = 0; i < a.length; i += 8) { // one long a cache line
            s += a[i];
        }
        return s;
    }

    static String rawRounds(List<Named> arms, double[][] ms) {
        StringBuilder s = new StringBuilder();
        for (int a = 0; a < arms.size(); a++) {
            s.append(arms.get(a).name()).append('=');
            for (double v : ms[a]) {
                s.append(String.format("%.4f,", v));
            }
            s.append(' ');
        }
        return s.toString();
    }

    static void check(Tensor t, float[] x, int out, int len, float[] y16L, float[] y16b, float[] y16n,
                      float[] y5L, float[] y5i, float[] y5n, float[] y1L, float[] y1i, float[] y1n) {
        MemorySegment w = t.data();
        // same bits: the outer forms against each other and a scalar sequential loop (rows 0..15, every output)
        boolean same16 = true; // ieee = norm: checked by earlier versions of this probe (s0, s3); y16b is the blocked form
        double maxRelB = 0, sumRelB = 0;
        boolean same5 = Arrays.equals(y5i, y5n) && Arrays.equals(y5n, Arrays.copyOf(y16n, 5 * out));
        boolean same1 = Arrays.equals(y1i, y1n) && Arrays.equals(y1n, Arrays.copyOf(y16n, out));
        int scalarDiff = 0;
        double maxRelL = 0, maxRelO = 0, sumRelL = 0, sumRelO = 0, maxRel1L = 0, maxRel1O = 0;
        int libDiffersFromOuter = 0;
        float[] wrow = new float[len];
        float[] wbits = new float[len];
        for (int o = 0; o < out; o++) {
            for (int k = 0; k < len; k++) {
                short h = w.get(WeightMatrix.I16_LE, 2L * ((long) o * len + k));
                wrow[k] = Float.float16ToFloat(h);
                wbits[k] = Float.intBitsToFloat((h << 13) & 0x8FFFE000);
            }
            for (int r = 0; r < 16; r++) {
                double ref = 0, abs = 0;
                float s = 0f;
                for (int k = 0; k < len; k++) {
                    double p = (double) x[r * len + k] * wrow[k];
                    ref += p;
                    abs += Math.abs(p);
                    s = Math.fma(x[r * len + k] * IEEE_UNIT, wbits[k], s);
                }
                int i = r * out + o;
                if (Float.floatToRawIntBits(s) != Float.floatToRawIntBits(y16n[i])) {
                    scalarDiff++;
                }
                if (y16L[i] != y16n[i]) {
                    libDiffersFromOuter++;
                }
                double eL = Math.abs(y16L[i] - ref) / abs;
                double eO = Math.abs(y16n[i] - ref) / abs;
                maxRelL = Math.max(maxRelL, eL);
                maxRelO = Math.max(maxRelO, eO);
                double eB = Math.abs(y16b[i] - ref) / abs;
                maxRelB = Math.max(maxRelB, eB);
                sumRelB += eB;
                sumRelL += eL;
                sumRelO += eO;
                if (r == 0) {
                    maxRel1L = Math.max(maxRel1L, Math.abs(y1L[o] - ref) / abs);
                    maxRel1O = Math.max(maxRel1O, Math.abs(y1n[o] - ref) / abs);
                }
            }
        }
        boolean lib1 = Arrays.equals(y1L, Arrays.copyOf(y16L, out));
        boolean lib5 = Arrays.equals(y5L, Arrays.copyOf(y16L, 5 * out));
        System.out.printf("check: outer same bits (ieee=norm not rechecked here) %b, 5 rows = 16's rows 0-4 %b, 1 row = 16's row 0 %b; "
                        + "outputs differing from the scalar sequential fma loop: %d of %d; library 16 vs its 5/1 rows same: %b/%b; "
                        + "library vs outer differing outputs %d of %d%n",
                same16, same5, same1, scalarDiff, 16 * out, lib5, lib1, libDiffersFromOuter, 16 * out);
        System.out.printf("check: error |y - ref| / sum|x w| (double reference): library 16 rows max %.3e mean %.3e, "
                        + "outer max %.3e mean %.3e; one row: library max %.3e, outer max %.3e%n",
                maxRelL, sumRelL / (16.0 * out), maxRelO, sumRelO / (16.0 * out), maxRel1L, maxRel1O);
        System.out.printf("check: blocked outer (k blocks of 64) max %.3e mean %.3e%n", maxRelB, sumRelB / (16.0 * out));
    }
}
