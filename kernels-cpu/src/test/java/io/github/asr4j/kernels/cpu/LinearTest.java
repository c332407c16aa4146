package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code linear} against a double-precision reference.
 *
 * <p>Tolerance: each output is a float32 sum of {@code in} products. Its error is bounded by
 * {@code in·u·Σ|x·w|} (u = 2⁻²⁴) in the worst case and is about {@code √in·u·Σ|x·w|} for random
 * data (≈ 3.3e-6·Σ|x·w| at in = 3072). We allow {@code 1e-5·(Σ|x·w| + |bias|)}: three times the
 * typical error at the largest size here, yet 30 times smaller than the effect of one wrong or
 * missing term (≈ Σ|x·w| / in ≥ 3e-4·Σ|x·w|). The weights' F16/BF16 rounding is not an error:
 * the reference uses the stored values.
 */
class LinearTest {
    static final double TOLERANCE = 1e-5;

    private static final java.util.Map<String, Double> WORST = new java.util.concurrent.ConcurrentSkipListMap<>();

    @org.junit.jupiter.api.AfterAll
    static void printWorstErrors() {
        WORST.forEach((k, v) -> System.out.printf("linear %s: max error / (Σ|x·w| + |bias|) = %.3g%n", k, v));
    }

    static Stream<Arguments> shapes() {
        List<Arguments> list = new ArrayList<>();
        int[][] nio = {
            {1, 1, 1}, {1, 7, 65}, {1, 384, 1500}, {1, 1500, 7}, {1, 65, 384},
            {7, 65, 7}, {7, 384, 65}, {65, 7, 384}, {65, 384, 65}, {2, 17, 33}, {5, 384, 384},
            {1500, 65, 7}, {1500, 7, 65}, {130, 768, 130}, {3, 200, 1100}, {17, 130, 600}, {6, 2100, 70},
        };
        for (TestData.Kind kind : TestData.Kind.values()) {
            for (DType dt : new DType[] {DType.F32, DType.F16, DType.BF16}) {
                for (int[] s : nio) {
                    list.add(Arguments.of(kind, dt, s[0], s[1], s[2]));
                }
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} {1} n={2} in={3} out={4}")
    @MethodSource("shapes")
    void matchesDoubleReference(TestData.Kind kind, DType dtype, int n, int in, int out) {
        Random rnd = new Random(31L * n + 7L * in + out);
        float[] x = TestData.random(rnd, n * in, 1f);
        float[] wv = TestData.random(rnd, out * in, 0.05f);
        float[] bias = out % 2 == 1 ? TestData.random(rnd, out, 0.5f) : null;
        Tensor w = TestData.tensor("w", dtype, wv, out, in);
        float[] y = new float[n * out];
        try (CpuBackend b = kind.create(2)) {
            b.linear(x, n, b.matrix(w), bias, y);
        }
        double worst = maxScaledError(x, n, in, w, bias, out, y);
        WORST.merge(kind + " " + dtype, worst, Math::max);
        assertThat(worst).as("max error / (Σ|x·w| + |bias|)").isLessThan(TOLERANCE);
    }

    static double maxScaledError(float[] x, int n, int in, Tensor w, float[] bias, int out, float[] y) {
        double worst = 0;
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < out; o++) {
                double sum = bias == null ? 0 : bias[o];
                double mag = bias == null ? 0 : Math.abs(bias[o]);
                for (int c = 0; c < in; c++) {
                    double p = (double) x[i * in + c] * w.getFloat((long) o * in + c);
                    sum += p;
                    mag += Math.abs(p);
                }
                double err = Math.abs(y[i * out + o] - sum) / Math.max(mag, 1e-30);
                worst = Math.max(worst, err);
            }
        }
        return worst;
    }

    /** Safetensors data need not be aligned: a header of any length precedes it. */
    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void readsMisalignedWeights(TestData.Kind kind) {
        Random rnd = new Random(11);
        try (CpuBackend b = kind.create(2)) {
            for (DType dt : new DType[] {DType.F32, DType.F16, DType.BF16}) {
                for (int n : new int[] {1, 5}) {
                    int in = 67;
                    int out = 19;
                    float[] x = TestData.random(rnd, n * in, 1f);
                    Tensor w = TestData.tensorAt(1, "w", dt, TestData.random(rnd, out * in, 0.1f), out, in);
                    float[] y = new float[n * out];
                    b.linear(x, n, b.matrix(w), null, y);
                    assertThat(maxScaledError(x, n, in, w, null, out, y)).as("%s n=%d", dt, n).isLessThan(TOLERANCE);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void resultsDoNotDependOnThreadCount(TestData.Kind kind) {
        Random rnd = new Random(5);
        for (int n : new int[] {1, 3, 200}) {
            int in = 200;
            int out = 333;
            float[] x = TestData.random(rnd, n * in, 1f);
            Tensor w = TestData.tensor("w", DType.F16, TestData.random(rnd, out * in, 0.1f), out, in);
            float[] bias = TestData.random(rnd, out, 1f);
            float[] y1 = new float[n * out];
            float[] y2 = new float[n * out];
            float[] y3 = new float[n * out];
            try (CpuBackend one = kind.create(1); CpuBackend two = kind.create(2); CpuBackend three = kind.create(3)) {
                one.linear(x, n, one.matrix(w), bias, y1);
                two.linear(x, n, two.matrix(w), bias, y2);
                three.linear(x, n, three.matrix(w), bias, y3);
            }
            assertThat(TestData.bitsDiffer(y1, y2)).as("n=%d: elements differing between 1 and 2 threads", n).isZero();
            assertThat(TestData.bitsDiffer(y1, y3)).as("n=%d: elements differing between 1 and 3 threads", n).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void rowWidensEachDtype(TestData.Kind kind) {
        Random rnd = new Random(9);
        float[] values = TestData.random(rnd, 3 * 37, 2f);
        try (CpuBackend b = kind.create(1)) {
            for (DType dt : new DType[] {DType.F32, DType.F16, DType.BF16}) {
                Tensor t = TestData.tensor("emb", dt, values, 3, 37);
                Backend.Matrix m = b.matrix(t);
                assertThat(m.rows()).isEqualTo(3);
                assertThat(m.cols()).isEqualTo(37);
                float[] dst = new float[2 * 37];
                io.github.asr4j.kernels.Buffer rows = b.allocate(2, 37, io.github.asr4j.kernels.BufferType.F32);
                b.gather(m, new int[] {2, 0}, rows);
                b.download(rows, 0, 2, dst);
                for (int c = 0; c < 37; c++) {
                    assertThat(dst[c]).isEqualTo(t.getFloat(2 * 37 + c));
                    assertThat(dst[37 + c]).isEqualTo(t.getFloat(c));
                }
            }
        }
    }

    @Test
    void rejectsBadWeightsAndSizes() {
        try (CpuBackend b = TestData.Kind.SCALAR.create(1)) {
            Tensor i32 = new Tensor("ids", DType.I32, new long[] {2, 2}, java.lang.foreign.Arena.ofAuto().allocate(16));
            assertThatThrownBy(() -> b.matrix(i32)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ids")
                    .hasMessageContaining("I32");
            Tensor rank3 = TestData.tensor("w3", DType.F32, new float[8], 2, 2, 2);
            assertThatThrownBy(() -> b.matrix(rank3)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("w3");
            Backend.Matrix m = b.matrix(TestData.tensor("w", DType.F32, new float[6], 2, 3));
            assertThatThrownBy(() -> b.linear(new float[5], 2, m, null, new float[4]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x has 5 elements, needs 6");
            assertThatThrownBy(() -> b.gather(m, new int[] {2}, b.allocate(1, 3, io.github.asr4j.kernels.BufferType.F32)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 2");
        }
    }
}
