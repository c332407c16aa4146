package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.WeightFormat;
import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code linear} with weights quantized to int8 at load ({@link WeightFormat#INT8}) against a
 * double-precision reference on the original weights.
 *
 * <p>Bound: each weight in a block b of 32 inputs is stored as {@code s_b·q} with
 * {@code s_b = max_b|w| / 127} and {@code q = round(w / s_b)}, so {@code |w - s_b·q| ≤ s_b / 2}
 * (plus one float rounding of the product, ≤ 2⁻²⁴ relative). An output's quantization error is
 * therefore at most {@code Σ_b (s_b / 2)·Σ_{i∈b} |x_i|}; the float sums add the float-linear
 * tolerance of {@link LinearTest} ({@code 1e-5·(Σ|x·w| + |bias|)}). The test also checks the
 * error is not negligible, so a path that silently skipped quantization would fail.
 */
class Int8LinearTest {

    static Stream<Arguments> shapes() {
        List<Arguments> list = new ArrayList<>();
        int[][] nio = {{1, 1, 1}, {1, 7, 65}, {1, 384, 1500}, {1, 100, 37}, {5, 384, 384}, {7, 65, 7},
            {130, 768, 130}, {17, 130, 600}, {3, 200, 1100}};
        for (TestData.Kind kind : TestData.Kind.values()) {
            for (DType dt : new DType[] {DType.F32, DType.F16, DType.BF16}) {
                for (int[] s : nio) {
                    list.add(Arguments.of(kind, dt, s[0], s[1], s[2]));
                }
            }
        }
        return list.stream();
    }

    private static CpuBackend create(TestData.Kind kind, int threads) {
        return (CpuBackend) (kind == TestData.Kind.SCALAR ? Backends.scalar(threads, WeightFormat.INT8) : Backends.vector(threads, WeightFormat.INT8));
    }

    @ParameterizedTest(name = "{0} {1} n={2} in={3} out={4}")
    @MethodSource("shapes")
    void staysWithinTheQuantizationBound(TestData.Kind kind, DType dtype, int n, int in, int out) {
        Random rnd = new Random(17L * n + 5L * in + out);
        float[] x = TestData.random(rnd, n * in, 1f);
        float[] wv = TestData.random(rnd, out * in, 0.05f);
        float[] bias = out % 2 == 1 ? TestData.random(rnd, out, 0.5f) : null;
        Tensor w = TestData.tensor("w", dtype, wv, out, in);
        float[] y = new float[n * out];
        try (CpuBackend b = create(kind, 2)) {
            Backend.Matrix m = b.matrix(w);
            assertThat(((WeightMatrix) m).dtype()).isEqualTo(DType.I8);
            b.linear(x, n, m, bias, y);
        }
        double worstRatio = 0;
        double largestError = 0;
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < out; o++) {
                double sum = bias == null ? 0 : bias[o];
                double mag = bias == null ? 0 : Math.abs(bias[o]);
                double bound = 0;
                for (int b0 = 0; b0 < in; b0 += WeightMatrix.INT8_BLOCK) {
                    int b1 = Math.min(in, b0 + WeightMatrix.INT8_BLOCK);
                    double max = 0;
                    double xs = 0;
                    for (int c = b0; c < b1; c++) {
                        max = Math.max(max, Math.abs(w.getFloat((long) o * in + c)));
                        xs += Math.abs(x[i * in + c]);
                    }
                    bound += max / 127 / 2 * xs;
                }
                for (int c = 0; c < in; c++) {
                    double p = (double) x[i * in + c] * w.getFloat((long) o * in + c);
                    sum += p;
                    mag += Math.abs(p);
                }
                double err = Math.abs(y[i * out + o] - sum);
                double allowed = bound + LinearTest.TOLERANCE * mag;
                worstRatio = Math.max(worstRatio, err / allowed);
                largestError = Math.max(largestError, err / Math.max(mag, 1e-30));
            }
        }
        assertThat(worstRatio).as("max error / bound").isLessThanOrEqualTo(1.0);
        if (in >= 7) {
            // Random weights are never all on the int8 grid: some error must show.
            assertThat(largestError).as("largest relative error (quantization must have happened)").isGreaterThan(1e-5);
        }
    }

    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void resultsDoNotDependOnThreadCount(TestData.Kind kind) {
        Random rnd = new Random(3);
        for (int n : new int[] {1, 3, 200}) {
            int in = 200;
            int out = 333;
            float[] x = TestData.random(rnd, n * in, 1f);
            Tensor w = TestData.tensor("w", DType.F16, TestData.random(rnd, out * in, 0.1f), out, in);
            float[] y1 = new float[n * out];
            float[] y3 = new float[n * out];
            try (CpuBackend one = create(kind, 1); CpuBackend three = create(kind, 3)) {
                one.linear(x, n, one.matrix(w), null, y1);
                three.linear(x, n, three.matrix(w), null, y3);
            }
            assertThat(TestData.bitsDiffer(y1, y3)).as("n=%d: elements differing between 1 and 3 threads", n).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void rowIsTheDequantizedWeight(TestData.Kind kind) {
        Random rnd = new Random(4);
        int cols = 45;
        float[] values = TestData.random(rnd, 3 * cols, 2f);
        try (CpuBackend b = create(kind, 1)) {
            Backend.Matrix m = b.matrix(TestData.tensor("emb", DType.F32, values, 3, cols));
            float[] dst = new float[cols];
            io.github.asr4j.kernels.Buffer row = b.allocate(1, cols, io.github.asr4j.kernels.BufferType.F32);
            b.gather(m, new int[] {1}, row);
            b.download(row, 0, 1, dst);
            for (int b0 = 0; b0 < cols; b0 += WeightMatrix.INT8_BLOCK) {
                int b1 = Math.min(cols, b0 + WeightMatrix.INT8_BLOCK);
                float max = 0;
                for (int c = b0; c < b1; c++) {
                    max = Math.max(max, Math.abs(values[cols + c]));
                }
                for (int c = b0; c < b1; c++) {
                    assertThat((double) Math.abs(dst[c] - values[cols + c])).as("col %d", c)
                            .isLessThanOrEqualTo(max / 127.0 / 2 * (1 + 1e-6));
                }
            }
            assertThat(b.name()).contains("int8");
        }
    }
}
