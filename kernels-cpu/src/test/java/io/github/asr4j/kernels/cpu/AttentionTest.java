package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.kernels.Backend;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code attention} against a double reference. Tolerance: {@code 1e-5·max|v|} absolute. The output
 * is a convex combination of V rows, so its float error is about (softmax error + √nkv·u)·max|v|;
 * the softmax error follows from score errors of order √headDim·u·Σ|q·k|/√headDim, tiny for these
 * magnitudes (|scores| ≲ 4). Observed errors are below 1e-6·max|v|.
 */
class AttentionTest {

    @ParameterizedTest(name = "{0} causal={1} nq={2} nkv={3} capacity={4} heads={5} headDim={6} past={7}")
    @CsvSource({
        "SCALAR, false, 1, 1, 1, 1, 1, 0", "SCALAR, false, 7, 65, 70, 3, 16, 0", "SCALAR, true, 7, 7, 9, 2, 8, 0",
        "SCALAR, true, 1, 13, 20, 4, 64, 12", "SCALAR, true, 5, 18, 30, 2, 64, 13", "SCALAR, true, 65, 100, 100, 2, 24, 35",
        "SCALAR, false, 3, 1500, 1500, 2, 64, 0", "SCALAR, false, 70, 90, 90, 2, 64, 0", "SCALAR, true, 37, 150, 160, 2, 64, 113",
        "VECTOR, false, 1, 1, 1, 1, 1, 0", "VECTOR, false, 7, 65, 70, 3, 16, 0", "VECTOR, true, 7, 7, 9, 2, 8, 0",
        "VECTOR, true, 1, 13, 20, 4, 64, 12", "VECTOR, true, 5, 18, 30, 2, 64, 13", "VECTOR, true, 65, 100, 100, 2, 24, 35",
        "VECTOR, false, 3, 1500, 1500, 2, 64, 0", "VECTOR, false, 70, 90, 90, 2, 64, 0", "VECTOR, true, 37, 150, 160, 2, 64, 113",
    })
    void matchesDoubleReference(TestData.Kind kind, boolean causal, int nq, int nkv, int capacity, int heads, int headDim,
                                int past) {
        Random rnd = new Random(nq * 31L + nkv);
        int width = heads * headDim;
        float[] q = TestData.random(rnd, nq * width, 0.5f);
        float[] k = TestData.random(rnd, capacity * width, 0.5f);
        float[] v = TestData.random(rnd, capacity * width, 1f);
        // Garbage past nkv must be ignored.
        for (int i = nkv * width; i < capacity * width; i++) {
            k[i] = Float.NaN;
            v[i] = Float.NaN;
        }
        float[] out = new float[nq * width];
        try (CpuBackend b = kind.create(2)) {
            b.attention(q, nq, k, v, nkv, heads, headDim, causal, past, out);
        }
        double[] ref = reference(q, nq, k, v, nkv, heads, headDim, causal, past);
        double maxV = 0;
        for (int i = 0; i < nkv * width; i++) {
            maxV = Math.max(maxV, Math.abs(v[i]));
        }
        double worst = 0;
        for (int i = 0; i < out.length; i++) {
            worst = Math.max(worst, Math.abs(out[i] - ref[i]));
        }
        assertThat(worst / maxV).isLessThan(1e-5);
    }

    static double[] reference(float[] q, int nq, float[] k, float[] v, int nkv, int heads, int hd, boolean causal, int past) {
        int width = heads * hd;
        double[] out = new double[nq * width];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < nq; i++) {
                int lim = causal ? past + i + 1 : nkv;
                double[] s = new double[lim];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < lim; j++) {
                    double dot = 0;
                    for (int d = 0; d < hd; d++) {
                        dot += (double) q[i * width + h * hd + d] * k[j * width + h * hd + d];
                    }
                    s[j] = dot / Math.sqrt(hd);
                    max = Math.max(max, s[j]);
                }
                double sum = 0;
                for (int j = 0; j < lim; j++) {
                    s[j] = Math.exp(s[j] - max);
                    sum += s[j];
                }
                for (int j = 0; j < lim; j++) {
                    for (int d = 0; d < hd; d++) {
                        out[i * width + h * hd + d] += s[j] / sum * v[j * width + h * hd + d];
                    }
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void resultsDoNotDependOnThreadCount(TestData.Kind kind) {
        Random rnd = new Random(3);
        int heads = 3;
        int hd = 64;
        for (int nq : new int[] {1, 100}) {
            float[] q = TestData.random(rnd, nq * heads * hd, 1f);
            float[] k = TestData.random(rnd, 150 * heads * hd, 1f);
            float[] v = TestData.random(rnd, 150 * heads * hd, 1f);
            float[] a = new float[q.length];
            float[] b = new float[q.length];
            try (CpuBackend one = kind.create(1); CpuBackend two = kind.create(2)) {
                one.attention(q, nq, k, v, 150, heads, hd, true, 150 - nq, a);
                two.attention(q, nq, k, v, 150, heads, hd, true, 150 - nq, b);
            }
            assertThat(TestData.bitsDiffer(a, b)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void rejectsTooFewKeysForCausalQueries(TestData.Kind kind) {
        try (CpuBackend b = kind.create(1)) {
            assertThatThrownBy(() -> b.attention(new float[8], 2, new float[16], new float[16], 4, 1, 4, true, 3, new float[8]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nkv=4");
        }
    }
}
