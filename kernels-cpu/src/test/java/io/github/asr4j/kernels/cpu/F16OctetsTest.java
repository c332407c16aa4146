package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.loader.DType;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sixteen input rows as two octets ({@code F16Weights.Simd.dots8PairOctetF16}): every output of the 16-row
 * product keeps the bits of its row's product alone ({@code dot}).
 */
class F16OctetsTest {

    @BeforeAll
    static void copiesOn() {
        System.setProperty(F16Normals.PROPERTY, "true");
    }

    @AfterAll
    static void copiesByMachine() {
        System.clearProperty(F16Normals.PROPERTY);
    }

    /**
     * Rows of 768 and 1,024 (re-encoded copies; a seventh of the halves subnormal) and of 2·lanes (one vector
     * pair), each also kept as halves (copies off); 37 output rows (odd blocks: a last row alone) and 200 (tasks of
     * whole blocks); a row holding a NaN and one an infinity (their pairs go to the unscaled kernels); inputs up to
     * ±65504 and a subnormal input; bias; 1 and 2 threads; one matrix and three in one pass ({@code linearsRows}).
     */
    @Test
    void sixteenRowsEqualEachRowAlone() {
        Random rnd = new Random(1616);
        int lanes = VectorWiden.F.length();
        for (boolean copies : new boolean[] {true, false}) {
            System.setProperty(F16Normals.PROPERTY, Boolean.toString(copies));
            for (int in : new int[] {768, 1024, 2 * lanes}) {
                for (int out : new int[] {37, 200}) {
                    float[] values = TestData.random(rnd, out * in, 0.1f);
                    for (int i = 0; i < values.length; i += 7) {
                        values[i] *= 1e-4f; // halves below 2^-14: subnormal
                    }
                    boolean specials = out == 200;
                    if (specials) {
                        values[17 * in + 3] = Float.NaN;
                        values[60 * in + in - 1] = Float.POSITIVE_INFINITY;
                    }
                    for (int threads : new int[] {1, 2}) {
                        try (CpuBackend b = TestData.Kind.VECTOR.create(threads)) {
                            WeightMatrix[] m = new WeightMatrix[3];
                            for (int j = 0; j < m.length; j++) {
                                float[] v = j == 0 ? values : TestData.random(rnd, out * in, 0.1f);
                                m[j] = (WeightMatrix) b.matrix(TestData.tensor("w" + j, DType.F16, v, out, in));
                            }
                            assertThat(m[0].octets(16)).as("octets taken, %d columns", in).isTrue();
                            assertThat(m[0].octets(15)).isFalse();
                            float[] x = TestData.random(rnd, 16 * in, 1f);
                            x[5 * in + 7] = 65504f;
                            x[9 * in + 1] = -65504f;
                            x[12 * in + in - 2] = 1e-40f;
                            float[] bias = TestData.random(rnd, out, 1f);
                            String what = String.format("copies %s, [%d, %d], %d threads", copies, out, in, threads);
                            float[] y = new float[16 * out];
                            b.linear(x, 16, m[0], bias, y);
                            assertSame(x, in, m[0], bias, y, what);
                            float[][] ys = new float[3][16 * out];
                            b.linearsRows(x, 16, m, new float[][] {null, bias, null}, ys);
                            for (int j = 0; j < m.length; j++) {
                                assertSame(x, in, m[j], j == 1 ? bias : null, ys[j], what + ", matrix " + j + " of three");
                            }
                        }
                    }
                }
            }
        }
        System.setProperty(F16Normals.PROPERTY, "true");
    }

    private static void assertSame(float[] x, int in, WeightMatrix m, float[] bias, float[] y, String what) {
        int out = m.rows();
        for (int i = 0; i < 16; i++) {
            int differ = 0;
            for (int o = 0; o < out; o++) {
                float dot = m.dot(x, i * in, o);
                float alone = bias == null ? dot : dot + bias[o];
                if (Float.floatToRawIntBits(alone) != Float.floatToRawIntBits(y[i * out + o])) {
                    differ++;
                }
            }
            assertThat(differ).as("%s, input row %d: outputs differing from the row alone", what, i).isZero();
        }
    }
}
