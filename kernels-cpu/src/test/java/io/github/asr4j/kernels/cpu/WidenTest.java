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

    /**
     * The matrix-vector kernels decode every pattern exactly too: all 65536 patterns as 2048 rows
     * of 32, each weight picked out by a one-hot input (1·w summed with +0 lanes: w, with -0 read
     * as +0), by {@code dot} and by the four-row {@code dots}. A row holding an infinity or NaN
     * (decoded differently) gives NaN everywhere (0·inf), which a finite misreading would not.
     */
    @Test
    void simdHalfFloatDotsDecodeEveryPatternExactlyOnEitherKindOfRow() {
        int cols = 32;
        int rows = 65536 / cols;
        F16Weights.Simd w = new F16Weights.Simd("all", allPatterns(), rows, cols);
        float[] oneHot = new float[cols * cols];
        for (int c = 0; c < cols; c++) {
            oneHot[c * cols + c] = 1;
        }
        float[] sums = new float[WeightMatrix.DOT_ROWS];
        int specialRows = 0;
        for (int r = 0; r < rows; r++) {
            boolean special = false;
            for (int c = 0; c < cols; c++) {
                special |= !Float.isFinite(Float.float16ToFloat((short) (r * cols + c)));
            }
            specialRows += special ? 1 : 0;
            for (int c = 0; c < cols; c++) {
                int bits = r * cols + c;
                float expected = special ? Float.NaN : Float.float16ToFloat((short) bits) + 0f;
                assertSameFloat(w.dot(oneHot, c * cols, r), expected, bits);
            }
            for (int c = 0; c < cols; c += WeightMatrix.DOT_ROWS) {
                w.dots(oneHot, c * cols, cols, WeightMatrix.DOT_ROWS, r, sums);
                for (int i = 0; i < WeightMatrix.DOT_ROWS; i++) {
                    int bits = r * cols + c + i;
                    assertSameFloat(sums[i], special ? Float.NaN : Float.float16ToFloat((short) bits) + 0f, bits);
                }
            }
        }
        assertThat(specialRows).as("rows of 32 patterns holding an infinity or NaN").isEqualTo(2 * 1024 / cols);
    }

    /** The F16 cache's kernels decode as the weights' do: {@code y += 1·x} over every pattern is the pattern (-0 read as +0). */
    @Test
    void halfFloatCacheAxpyDecodesEveryPatternExactly() {
        short[] all = new short[65536 + 3];
        for (int bits = 0; bits < 65536; bits++) {
            all[3 + bits] = (short) bits;
        }
        float[] y = new float[65536 + 1];
        VectorOps.axpyF16(1f, all, 3, y, 1, 65536, true);
        for (int bits = 0; bits < 65536; bits++) {
            assertSameFloat(y[1 + bits], Float.float16ToFloat((short) bits) + 0f, bits);
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
