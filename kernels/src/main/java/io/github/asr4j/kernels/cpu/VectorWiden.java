package io.github.asr4j.kernels.cpu;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Widening of stored weights to float with SIMD. The Vector API has no half-float conversion, so
 * F16 is decoded with integer operations: the 15 magnitude bits shifted into place and scaled by
 * 2¹¹² give normal and subnormal values exactly; infinities and NaNs are patched with a blend.
 */
final class VectorWiden {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    /** Shorts with as many lanes as {@link #F}. */
    static final VectorSpecies<Short> S = VectorSpecies.of(short.class, VectorShape.forBitSize(F.vectorBitSize() / 2));
    /**
     * Whether int8 weights are widened with SIMD: it needs bytes with as many lanes as {@link #F},
     * and the narrowest byte vector is 64 bits (so 256-bit floats or wider).
     */
    static final boolean INT8_SIMD = F.vectorBitSize() >= 256;
    /** Bytes with as many lanes as {@link #F}, or null without {@link #INT8_SIMD}. */
    static final VectorSpecies<Byte> B = INT8_SIMD
            ? VectorSpecies.of(byte.class, VectorShape.forBitSize(F.vectorBitSize() / 4)) : null;
    private static final float F16_SCALE = 0x1p112f;

    private VectorWiden() {}

    /** The SIMD widener for a dtype (F32 rows are a plain copy). */
    static WeightMatrix.RowWidener widener(io.github.asr4j.loader.DType dtype) {
        return switch (dtype) {
            case F32 -> WeightMatrix.SCALAR_F32;
            case F16 -> VectorWiden::widenF16;
            case BF16 -> VectorWiden::widenBF16;
            default -> throw new IllegalArgumentException("no widener for " + dtype);
        };
    }

    // Vectors are never passed to or returned from helpers here: a helper the JIT does not inline
    // forces them into heap boxes, inside the loop.

    static void widenF16(MemorySegment seg, long element, int len, float[] dst, int off) {
        long base = element * 2;
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += F.length()) {
            IntVector h = (IntVector) ShortVector.fromMemorySegment(S, seg, base + 2L * i, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0);
            IntVector magnitude = h.and(0x7FFF);
            IntVector shifted = magnitude.lanewise(VectorOperators.LSHL, 13);
            IntVector finite = shifted.reinterpretAsFloats().mul(F16_SCALE).reinterpretAsInts();
            VectorMask<Integer> special = magnitude.compare(VectorOperators.GE, 0x7C00);
            IntVector value = finite.blend(shifted.or(0x7F800000), special);
            value.or(h.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats().intoArray(dst, off + i);
        }
        for (; i < len; i++) {
            dst[off + i] = Float.float16ToFloat(seg.get(WeightMatrix.I16_LE, base + 2L * i));
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
            dst[off + i] = Float.intBitsToFloat(seg.get(WeightMatrix.I16_LE, base + 2L * i) << 16);
        }
    }

    /**
     * The SIMD int8 widener over the given block scales: {@code dst[i] = q[e + i] · scale[(e + i) / 32]},
     * whole vectors within a block, single elements elsewhere (the same products either way).
     */
    static WeightMatrix.RowWidener int8(MemorySegment scales) {
        if (!INT8_SIMD) {
            return WeightMatrix.scalarInt8(scales);
        }
        return (seg, element, len, dst, off) -> widenInt8(seg, scales, element, len, dst, off);
    }

    static void widenInt8(MemorySegment seg, MemorySegment scales, long element, int len, float[] dst, int off) {
        int lanes = F.length();
        int block = WeightMatrix.INT8_BLOCK;
        int i = 0;
        // Single elements up to a block boundary, then whole blocks of vectors.
        while (i < len && (element + i) % block != 0) {
            long e = element + i;
            dst[off + i] = seg.get(java.lang.foreign.ValueLayout.JAVA_BYTE, e) * scales.getAtIndex(WeightMatrix.F32_LE, e / block);
            i++;
        }
        if (block % lanes == 0) {
            for (; i + block <= len; i += block) {
                long e = element + i;
                float scale = scales.getAtIndex(WeightMatrix.F32_LE, e / block);
                for (int j = 0; j < block; j += lanes) {
                    ((FloatVector) ByteVector.fromMemorySegment(B, seg, e + j, ByteOrder.LITTLE_ENDIAN)
                            .convertShape(VectorOperators.B2F, F, 0)).mul(scale).intoArray(dst, off + i + j);
                }
            }
        }
        for (; i < len; i++) {
            long e = element + i;
            dst[off + i] = seg.get(java.lang.foreign.ValueLayout.JAVA_BYTE, e) * scales.getAtIndex(WeightMatrix.F32_LE, e / block);
        }
    }
}
