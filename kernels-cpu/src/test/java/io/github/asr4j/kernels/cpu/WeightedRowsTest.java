package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The attention value pass's register-held sums ({@link VectorOps#weightedRows}) equal the per-key
 * axpys they replace, bit for bit, for row lengths with and without a partial vector or a scalar
 * tail, and over F16 rows holding infinities and NaNs.
 */
class WeightedRowsTest {
    private static final int[] LENGTHS = {64, 16, 72, 80, 5, 100};
    private static final int[] KEYS = {0, 1, 33};

    @Test
    void f32RowsSumExactlyAsTheirAxpys() {
        Random random = new Random(7);
        for (int len : LENGTHS) {
            for (int n : KEYS) {
                int stride = len + 3;
                float[] x = randoms(random, 5 + n * stride);
                float[] w = randoms(random, 2 + n);
                float[] start = randoms(random, 4 + len);
                float[] expected = start.clone();
                for (int j = 0; j < n; j++) {
                    VectorOps.axpy(w[2 + j], x, 5 + j * stride, expected, 4, len);
                }
                float[] actual = start.clone();
                VectorOps.weightedRows(w, 2, n, x, 5, stride, actual, 4, len);
                assertSameBits(actual, expected, "F32 len " + len + " keys " + n);
            }
        }
    }

    @Test
    void f16RowsSumExactlyAsTheirAxpys() {
        Random random = new Random(11);
        for (int len : LENGTHS) {
            for (int n : KEYS) {
                int stride = len + 3;
                short[] x = new short[5 + n * stride];
                for (int i = 0; i < x.length; i++) {
                    x[i] = random.nextInt(50) == 0 ? (short) (0x7C00 | random.nextInt(0x0400) | random.nextInt(2) << 15)
                            : Float.floatToFloat16(random.nextFloat() * 4 - 2);
                }
                float[] w = randoms(random, 2 + n);
                float[] start = randoms(random, 4 + len);
                float[] expected = start.clone();
                for (int j = 0; j < n; j++) {
                    VectorOps.axpyF16(w[2 + j], x, 5 + j * stride, expected, 4, len);
                }
                float[] actual = start.clone();
                VectorOps.weightedRowsF16(w, 2, n, x, 5, stride, actual, 4, len);
                assertSameBits(actual, expected, "F16 len " + len + " keys " + n);
            }
        }
    }

    private static float[] randoms(Random random, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextFloat() * 2 - 1;
        }
        return a;
    }

    private static void assertSameBits(float[] actual, float[] expected, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertThat(Float.floatToIntBits(actual[i])).as("%s, element %d", what, i).isEqualTo(Float.floatToIntBits(expected[i]));
        }
    }
}
