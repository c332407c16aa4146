package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.loader.DType;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Five input rows against four weight rows at once ({@code F16Weights.Simd.dots5QuadF16}): every output of the
 * 5-row product keeps the bits of its row's product alone ({@code dot}).
 */
class F16QuadsTest {

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
     * pair), each also kept as halves (copies off); 37, 203 and 600 output rows (tasks whose rows are not a
     * multiple of four: the last rows each as four of itself); a row holding a NaN and one an infinity (their
     * quads go to the pair kernels); inputs up to ±65504 and a subnormal input; bias; 1 and 2 threads; one matrix
     * and three in one pass ({@code linearsRows}).
     */
    @Test
    void fiveRowsEqualEachRowAlone() {
        Random rnd = new Random(5555);
        int lanes = VectorWiden.F.length();
        for (boolean copies : new boolean[] {true, false}) {
            System.setProperty(F16Normals.PROPERTY, Boolean.toString(copies));
            for (int in : new int[] {768, 1024, 2 * lanes}) {
                for (int out : new int[] {37, 203, 600}) {
                    float[] values = TestData.random(rnd, out * in, 0.1f);
                    for (int i = 0; i < values.length; i += 7) {
                        values[i] *= 1e-4f; // halves below 2^-14: subnormal
                    }
                    if (out >= 200) {
                        values[17 * in + 3] = Float.NaN;
                        values[150 * in + in - 1] = Float.POSITIVE_INFINITY;
                    }
                    for (int threads : new int[] {1, 2}) {
                        try (CpuBackend b = TestData.Kind.VECTOR.create(threads)) {
                            WeightMatrix[] m = new WeightMatrix[3];
                            for (int j = 0; j < m.length; j++) {
                                float[] v = j == 0 ? values : TestData.random(rnd, out * in, 0.1f);
                                m[j] = (WeightMatrix) b.matrix(TestData.tensor("w" + j, DType.F16, v, out, in));
                            }
                            assertThat(m[0].quads(5)).as("quads taken, %d columns", in).isTrue();
                            assertThat(m[0].quads(4)).isFalse();
                            assertThat(m[0].quads(6)).isFalse();
                            float[] x = TestData.random(rnd, 5 * in, 1f);
                            x[1 * in + 7] = 65504f;
                            x[3 * in + 1] = -65504f;
                            x[4 * in + in - 2] = 1e-40f;
                            float[] bias = TestData.random(rnd, out, 1f);
                            String what = String.format("copies %s, [%d, %d], %d threads", copies, out, in, threads);
                            float[] y = new float[5 * out];
                            b.linear(x, 5, m[0], bias, y);
                            assertSame(x, in, m[0], bias, y, what);
                            float[][] ys = new float[3][5 * out];
                            b.linearsRows(x, 5, m, new float[][] {null, bias, null}, ys);
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

    /** Rows the quads do not take: not a whole number of vector pairs, or long enough to be cut into parts. */
    @Test
    void quadsOnlyWhereTheyFit() {
        Random rnd = new Random(5);
        int lanes = VectorWiden.F.length();
        try (CpuBackend b = TestData.Kind.VECTOR.create(1)) {
            for (int in : new int[] {3 * lanes, 2 * lanes + 1, 2 * RowParts.PART}) {
                WeightMatrix m = (WeightMatrix) b.matrix(TestData.tensor("w", DType.F16, TestData.random(rnd, 8 * in, 0.1f), 8, in));
                assertThat(m.quads(5)).as("%d columns", in).isFalse();
            }
        }
    }

    private static void assertSame(float[] x, int in, WeightMatrix m, float[] bias, float[] y, String what) {
        int out = m.rows();
        for (int i = 0; i < 5; i++) {
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
