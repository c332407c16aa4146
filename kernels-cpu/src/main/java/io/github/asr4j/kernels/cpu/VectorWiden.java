package io.github.asr4j.kernels.cpu;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
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
    private VectorWiden() {}
}
