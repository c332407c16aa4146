package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** Every 16-bit pattern widens exactly as the JDK's scalar conversions do (subnormals, ±0, ±inf, NaN). */
class WidenTest {

    @Test
    void simdHalfFloatDecodingMatchesFloat16ToFloatForAllPatterns() {
        MemorySegment seg = allPatterns();
        float[] simd = new float[65536 + 5];
        float[] scalar = new float[65536 + 5];
        // An odd offset and length exercise the scalar tail too.
        new F16Weights.Simd("all", seg, 1, 65536).widen(0, 0, 65536, simd, 5);
        new F16Weights("all", seg, 1, 65536).widen(0, 0, 65536, scalar, 5);
        for (int bits = 0; bits < 65536; bits++) {
            float expected = Float.float16ToFloat((short) bits);
            assertSameFloat(simd[5 + bits], expected, bits);
            assertSameFloat(scalar[5 + bits], expected, bits);
        }
    }

    @Test
    void simdBfloat16DecodingMatchesTheBitShiftForAllPatterns() {
        MemorySegment seg = allPatterns();
        float[] simd = new float[65536];
        float[] scalar = new float[65536];
        new BF16Weights.Simd("all", seg, 1, 65536).widen(0, 3, 65533, simd, 0);
        new BF16Weights("all", seg, 1, 65536).widen(0, 3, 65533, scalar, 0);
        for (int i = 0; i < 65533; i++) {
            float expected = Float.intBitsToFloat((i + 3) << 16);
            assertSameFloat(simd[i], expected, i + 3);
            assertSameFloat(scalar[i], expected, i + 3);
        }
    }

    private static MemorySegment allPatterns() {
        MemorySegment seg = Arena.ofAuto().allocate(2 * 65536);
        for (int bits = 0; bits < 65536; bits++) {
            seg.set(WeightMatrix.I16_LE, 2L * bits, (short) bits);
        }
        return seg;
    }

    private static void assertSameFloat(float actual, float expected, int bits) {
        if (Float.isNaN(expected)) {
            assertThat(Float.isNaN(actual)).as("pattern %04x", bits).isTrue();
        } else {
            assertThat(Float.floatToRawIntBits(actual)).as("pattern %04x", bits).isEqualTo(Float.floatToRawIntBits(expected));
        }
    }
}
