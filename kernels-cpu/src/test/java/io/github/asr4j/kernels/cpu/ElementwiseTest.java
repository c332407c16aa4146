package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.kernels.Backend;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** GELU, LayerNorm, softmax, add and the general matmul against double references. */
class ElementwiseTest {

    @Test
    void erfReferenceMatchesKnownValues() {
        assertThat(ErfReference.erf(0.5)).isCloseTo(0.5204998778130465, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(ErfReference.erf(1)).isCloseTo(0.8427007929497149, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(ErfReference.erfc(3) / 2.209049699858544e-05 - 1).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-13));
        assertThat(ErfReference.erfc(5) / 1.5374597944280349e-12 - 1).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-13));
        // Both branches of the reference agree where they meet.
        assertThat(Math.exp(4) * (1 - ErfReference.erf(2)) / ErfReference.scaledErfc(2) - 1)
                .isCloseTo(0, org.assertj.core.data.Offset.offset(1e-13));
    }

    /**
     * The scalar GELU past the fit's range (x below -Z_MAX·√2 ≈ -14.14, where x·Φ(x) is a subnormal down to ≈ -14.5 and
     * then -0): within 1 ulp of the reference, -0 far out and for -∞ (a clamped Φ gave -1e30 → -1e-15 and -∞ → -∞).
     */
    @Test
    void scalarGeluNegativeTailIsExact() {
        for (float x = -13f; x >= -40f; x = Math.nextDown(x - 1e-3f)) {
            double ref = ErfReference.gelu(x);
            float y = Gelu.apply(x);
            assertThat(Math.abs(y - ref)).as("gelu(%s) = %s, exact %s", x, y, ref)
                    .isLessThanOrEqualTo(Math.ulp((float) ref));
        }
        for (float x : new float[] {-1e30f, -Float.MAX_VALUE, Float.NEGATIVE_INFINITY}) {
            assertThat(Float.floatToRawIntBits(Gelu.apply(x))).as("gelu(%s)", x).isEqualTo(Float.floatToRawIntBits(-0f));
        }
        assertThat(Gelu.apply(Float.POSITIVE_INFINITY)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Gelu.apply(1e30f)).isEqualTo(1e30f);
        assertThat(Gelu.apply(Float.NaN)).isNaN();
    }

    /** The fitted e^{z²}·erfc(z) itself, in double, before any float rounding. */
    @Test
    void scaledErfcApproximationIsFarBelowFloatResolution() {
        double worst = 0;
        for (int i = 0; i <= 100_000; i++) {
            double z = Gelu.Z_MAX * i / 100_000;
            double ref = ErfReference.scaledErfc(z);
            worst = Math.max(worst, Math.abs(Gelu.scaledErfc(z) / ref - 1));
        }
        System.out.printf("scaled erfc: %d terms, max relative error %.3g%n", Gelu.POLY.length, worst);
        assertThat(worst).isLessThan(1e-9);
    }

    /**
     * GELU over a dense grid of [-12, 12] and random values: the error must stay within 1 ulp of
     * the correctly rounded result plus 1e-7·|x| for float rounding of the argument's products
     * (the error of the Chebyshev fit itself is below 1e-11 relative); the vector backend's float lanes within
     * {@link VectorGelu#MAX_ULP} (their bound over every float, measured).
     */
    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void geluMatchesDoubleReference(TestData.Kind kind) {
        int n = 240_001;
        float[] x = new float[n + 1000];
        for (int i = 0; i < n; i++) {
            x[i] = -12f + 24f * i / (n - 1);
        }
        Random rnd = new Random(1);
        for (int i = n; i < x.length; i++) {
            x[i] = (float) (rnd.nextGaussian() * 3);
        }
        float[] y = x.clone();
        try (CpuBackend b = kind.create(2)) {
            b.gelu(y, y.length);
        }
        double worstUlps = 0;
        double worstAbs = 0;
        for (int i = 0; i < x.length; i++) {
            double ref = ErfReference.gelu(x[i]);
            double err = Math.abs(y[i] - ref);
            worstAbs = Math.max(worstAbs, err);
            worstUlps = Math.max(worstUlps, err / Math.ulp((float) ref));
            double ulps = kind == TestData.Kind.VECTOR ? VectorGelu.MAX_ULP : 1;
            assertThat(err).as("gelu(%s)", x[i]).isLessThanOrEqualTo(ulps * Math.ulp((float) ref) + 1e-7 * Math.abs(x[i]) * 1e-3);
        }
        System.out.printf("gelu %s: max abs error %.3g, max %.3f ulp%n", kind, worstAbs, worstUlps);
        assertThat(Gelu.apply(0f)).isZero();
        assertThat(Gelu.apply(Float.POSITIVE_INFINITY)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Float.isNaN(Gelu.apply(Float.NaN))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void layerNormMatchesReference(TestData.Kind kind) {
        Random rnd = new Random(2);
        int rows = 37;
        int dim = 385;
        float[] x = TestData.random(rnd, rows * dim, 3f);
        for (int i = 0; i < x.length; i++) {
            x[i] += 10f; // an offset mean makes a one-pass variance lose digits
        }
        float[] gamma = TestData.random(rnd, dim, 1f);
        float[] beta = TestData.random(rnd, dim, 1f);
        float[] y = x.clone();
        try (CpuBackend b = kind.create(2)) {
            b.layerNorm(y, rows, dim, gamma, beta, 1e-5f, y); // in place, as allowed
        }
        double worst = 0;
        for (int r = 0; r < rows; r++) {
            double mean = 0;
            for (int i = 0; i < dim; i++) {
                mean += x[r * dim + i];
            }
            mean /= dim;
            double var = 0;
            for (int i = 0; i < dim; i++) {
                var += (x[r * dim + i] - mean) * (x[r * dim + i] - mean);
            }
            var /= dim;
            for (int i = 0; i < dim; i++) {
                double ref = (x[r * dim + i] - mean) / Math.sqrt(var + 1e-5) * gamma[i] + beta[i];
                // |normalised| ≲ 4; float rounding of a few operations on values of that size
                worst = Math.max(worst, Math.abs(y[r * dim + i] - ref) / (Math.abs(gamma[i]) * 4 + Math.abs(beta[i])));
            }
        }
        assertThat(worst).isLessThan(1e-6);
    }

    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void softmaxMatchesReference(TestData.Kind kind) {
        Random rnd = new Random(4);
        int rows = 9;
        int cols = 1501;
        float[] x = TestData.random(rnd, rows * cols, 5f);
        x[3] = 1e4f; // stability: a huge logit must not overflow
        float[] y = x.clone();
        try (CpuBackend b = kind.create(2)) {
            b.softmax(y, rows, cols);
        }
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < cols; i++) {
                max = Math.max(max, x[r * cols + i]);
            }
            double sum = 0;
            for (int i = 0; i < cols; i++) {
                sum += Math.exp(x[r * cols + i] - max);
            }
            for (int i = 0; i < cols; i++) {
                double ref = Math.exp(x[r * cols + i] - max) / sum;
                assertThat(Math.abs(y[r * cols + i] - ref)).isLessThanOrEqualTo(2e-6 * ref + 1e-12);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void addAccumulates(TestData.Kind kind) {
        float[] acc = {1, 2, 3, 4, 5};
        try (CpuBackend b = kind.create(1)) {
            b.add(acc, new float[] {10, 20, 30, 40, 99}, 4);
        }
        assertThat(acc).containsExactly(11, 22, 33, 44, 5);
    }

    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void matmulHandlesEveryTransposeCombination(TestData.Kind kind) {
        Random rnd = new Random(6);
        int m = 23;
        int n = 41;
        int k = 67;
        try (CpuBackend b = kind.create(2)) {
            for (int mask = 0; mask < 8; mask++) {
                boolean ta = (mask & 1) != 0;
                boolean tb = (mask & 2) != 0;
                boolean accumulate = (mask & 4) != 0;
                float[] a = TestData.random(rnd, m * k, 1f);
                float[] bb = TestData.random(rnd, k * n, 1f);
                float[] c = TestData.random(rnd, m * n, 1f);
                float[] c0 = c.clone();
                b.matmul(a, ta, bb, tb, c, m, n, k, 0.5f, accumulate);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double sum = 0;
                        double mag = 0;
                        for (int p = 0; p < k; p++) {
                            double av = ta ? a[p * m + i] : a[i * k + p];
                            double bv = tb ? bb[j * k + p] : bb[p * n + j];
                            sum += av * bv;
                            mag += Math.abs(av * bv);
                        }
                        double ref = 0.5 * sum + (accumulate ? c0[i * n + j] : 0);
                        assertThat(Math.abs(c[i * n + j] - ref)).as("mask %d (%d,%d)", mask, i, j)
                                .isLessThan(1e-5 * (0.5 * mag + Math.abs(c0[i * n + j])));
                    }
                }
            }
        }
    }
}
