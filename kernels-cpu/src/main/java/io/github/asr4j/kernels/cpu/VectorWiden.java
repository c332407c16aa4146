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
    /**
     * {@link #F}'s vector class, a constant for {@link Class#cast}: the F16 quad kernels ({@code dots5QuadF16},
     * {@code quadPassF16}) cast each loop-carried accumulator to it before its store, so that C2 knows the receiver
     * exactly. Without the cast the receiver is the loop's phi, typed {@code FloatVector}, and the late-inlined
     * vector calls on it dispatch on the JVM-wide profile of their call sites, which the half-width species'
     * kernels make bimorphic: C2 usually speculates the major type there, but in about one fresh JVM in eight one
     * such site of one compile got the two-type dispatch instead, and that compile boxed its accumulators on every
     * FMA for the rest of the run (~49 MB or ~9 MB a five-beam step: 2026-12-07h-box note;
     * {@code QuadKernelsUnboxedTest} forces it). C2 folds the check; values and their order are unchanged. Other
     * kernels store accumulators the same way without the cast (the octets, the five-query attention kernels): none
     * was seen boxing, and each change needs its own step A/B.
     */
    @SuppressWarnings("unchecked")
    static final Class<FloatVector> FV = (Class<FloatVector>) (Class<?>) F.vectorType();
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
