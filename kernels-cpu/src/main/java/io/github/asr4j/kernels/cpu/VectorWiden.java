package io.github.asr4j.kernels.cpu;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector shapes the SIMD weight kernels ({@code F16Weights.Simd}, {@code Int8Weights.Simd}, ...)
 * widen stored elements with: as many short, int and byte lanes as the preferred float vector has.
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
    static final float F16_SCALE = 0x1p112f;

    /**
     * Halves {@code h} (sign-extended to int lanes) as floats, exactly as {@link Float#float16ToFloat}:
     * the sign, exponent and mantissa bits moved to a float's places and scaled by 2¹¹² (three
     * operations, exact for normal and subnormal halves); with {@code specials}, lanes with the
     * all-ones exponent take the float infinity or NaN with the same sign and mantissa instead
     * (three more and a blend).
     */
    static FloatVector half(IntVector h, boolean specials) {
        return half(h, specials, F16_SCALE);
    }

    /**
     * As {@link #half(IntVector, boolean)} with the shifted bits scaled by {@code unit}: 2¹¹² for IEEE halves,
     * {@link F16Normals#SCALE} for a re-encoded copy (which holds no infinity or NaN: {@code specials} false).
     */
    static FloatVector half(IntVector h, boolean specials, float unit) {
        IntVector bits = h.lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000);
        FloatVector finite = bits.reinterpretAsFloats().mul(unit);
        if (!specials) {
            return finite;
        }
        return finite.reinterpretAsInts()
                .blend(bits.or(0x7F800000), h.and(0x7C00).compare(VectorOperators.EQ, 0x7C00))
                .reinterpretAsFloats();
    }

    /** {@link #F}-many halves from {@code src[off ..]}, sign-extended to int lanes. */
    static IntVector halves(short[] src, int off) {
        return (IntVector) ShortVector.fromArray(S, src, off).convertShape(VectorOperators.S2I, I, 0);
    }

    /** {@link #F}-many little-endian halves from {@code seg} at byte {@code offset}, sign-extended to int lanes. */
    static IntVector halves(java.lang.foreign.MemorySegment seg, long offset) {
        return (IntVector) ShortVector.fromMemorySegment(S, seg, offset, java.nio.ByteOrder.LITTLE_ENDIAN)
                .convertShape(VectorOperators.S2I, I, 0);
    }

    private VectorWiden() {}
}
