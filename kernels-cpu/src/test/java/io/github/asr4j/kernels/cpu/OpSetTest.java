package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.kernels.AttentionMask;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.loader.DType;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@link Backend} op set over backend buffers, each op against a double-precision reference
 * on awkward sizes (odd widths, widths not a multiple of any vector length, one row), and each
 * bit for bit the same on 1 and 3 threads. Tolerances: element-wise ops a few float ulps
 * (relative 1e-6); sums over {@code n} terms {@code 1e-5} relative to the sum of magnitudes.
 */
class OpSetTest {

    private static final Random RND = new Random(10);

    private static Buffer up(Backend b, float[] v, int rows, int cols) {
        return b.upload(v, rows, cols);
    }

    private static float[] down(Backend b, Buffer x) {
        float[] out = new float[Math.toIntExact(x.size())];
        b.download(x, 0, x.rows(), out);
        return out;
    }

    private static void near(float[] actual, double[] expected, double tolerance) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < actual.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i])).as("element %d: %s vs %s", i, actual[i], expected[i])
                    .isLessThanOrEqualTo(tolerance * Math.max(1, Math.abs(expected[i])));
        }
    }

    /** Runs {@code op} on 1 and on 3 threads and returns the result, after checking both agree bit for bit. */
    private static float[] onOneAndThreeThreads(TestData.Kind kind, java.util.function.Function<Backend, float[]> op) {
        float[] one;
        float[] three;
        try (Backend b = kind.create(1)) {
            one = op.apply(b);
        }
        try (Backend b = kind.create(3)) {
            three = op.apply(b);
        }
        assertThat(TestData.bitsDiffer(one, three)).as("bits differing between 1 and 3 threads").isZero();
        return one;
    }

    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void linearWithBiasAndMatmulInAllTranspositions(TestData.Kind kind) {
        int n = 13;
        int in = 37;
        int out = 29;
        float[] x = TestData.random(RND, n * in, 1);
        float[] w = TestData.random(RND, out * in, 0.3f);
        float[] bias = TestData.random(RND, out, 0.1f);
        float[] y = onOneAndThreeThreads(kind, b -> {
            Buffer yb = b.allocate(n, out, BufferType.F32);
            b.linear(up(b, x, n, in), b.matrix(TestData.tensor("w", DType.F32, w, out, in)), up(b, bias, 1, out), yb);
            return down(b, yb);
        });
        double[] ref = new double[n * out];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < out; o++) {
                double s = bias[o];
                for (int c = 0; c < in; c++) {
                    s += (double) x[i * in + c] * w[o * in + c];
                }
                ref[i * out + o] = s;
            }
        }
        near(y, ref, 1e-5);

        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                int m = 7;
                int k = 19;
                int nn = 11;
                float[] a = TestData.random(RND, m * k, 1);
                float[] bm = TestData.random(RND, k * nn, 1);
                float[] c0 = TestData.random(RND, m * nn, 1);
                float[] c = onOneAndThreeThreads(kind, b -> {
                    Buffer cb = up(b, c0, m, nn);
                    b.matmul(up(b, a, ta ? k : m, ta ? m : k), ta, up(b, bm, tb ? nn : k, tb ? k : nn), tb, cb, 0.5f, true);
                    return down(b, cb);
                });
                double[] cr = new double[m * nn];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < nn; j++) {
                        double s = 0;
                        for (int p = 0; p < k; p++) {
                            double av = ta ? a[p * m + i] : a[i * k + p];
                            double bv = tb ? bm[j * k + p] : bm[p * nn + j];
                            s += av * bv;
                        }
                        cr[i * nn + j] = c0[i * nn + j] + 0.5 * s;
                    }
                }
                near(c, cr, 1e-5);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void normsAndActivations(TestData.Kind kind) {
        int rows = 5;
        int dim = 83;
        float[] x = TestData.random(RND, rows * dim, 2);
        float[] gamma = TestData.random(RND, dim, 1);
        float[] beta = TestData.random(RND, dim, 1);
        float[] up = TestData.random(RND, rows * dim, 1);
        float[][] r = new float[6][];
        onOneAndThreeThreads(kind, b -> {
            Buffer ln = b.allocate(rows, dim, BufferType.F32);
            b.layerNorm(up(b, x, rows, dim), up(b, gamma, 1, dim), up(b, beta, 1, dim), 1e-5f, ln);
            Buffer rms = up(b, x, rows, dim);
            b.rmsNorm(rms, up(b, gamma, 1, dim), 1e-6f, rms);    // in place
            Buffer g = up(b, x, rows, dim);
            b.gelu(g);
            Buffer sw = b.allocate(rows, dim, BufferType.F32);
            b.swiglu(up(b, x, rows, dim), up(b, up, rows, dim), sw);
            Buffer sm = up(b, x, rows, dim);
            b.softmax(sm);
            Buffer as = up(b, x, rows, dim);
            b.add(as, up(b, up, rows, dim));
            b.scale(as, -0.75f);
            r[0] = down(b, ln);
            r[1] = down(b, rms);
            r[2] = down(b, g);
            r[3] = down(b, sw);
            r[4] = down(b, sm);
            r[5] = down(b, as);
            float[] all = new float[6 * rows * dim];
            for (int i = 0; i < 6; i++) {
                System.arraycopy(r[i], 0, all, i * rows * dim, rows * dim);
            }
            return all;
        });
        double[][] ref = new double[6][rows * dim];
        for (int row = 0; row < rows; row++) {
            int o = row * dim;
            double mean = 0;
            double sq = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < dim; i++) {
                mean += x[o + i];
                sq += (double) x[o + i] * x[o + i];
                max = Math.max(max, x[o + i]);
            }
            mean /= dim;
            double var = 0;
            double sum = 0;
            for (int i = 0; i < dim; i++) {
                var += (x[o + i] - mean) * (x[o + i] - mean);
                sum += Math.exp(x[o + i] - max);
            }
            var /= dim;
            for (int i = 0; i < dim; i++) {
                double v = x[o + i];
                ref[0][o + i] = (v - mean) / Math.sqrt(var + 1e-5) * gamma[i] + beta[i];
                ref[1][o + i] = v / Math.sqrt(sq / dim + 1e-6) * gamma[i];
                ref[2][o + i] = ErfReference.gelu(v);
                ref[3][o + i] = v / (1 + Math.exp(-v)) * up[o + i];
                ref[4][o + i] = Math.exp(v - max) / sum;
                ref[5][o + i] = (v + up[o + i]) * -0.75;
            }
        }
        for (int i = 0; i < 6; i++) {
            near(r[i], ref[i], i == 0 ? 1e-5 : 2e-6);
        }
    }

    /** A gamma narrower than the row normalises each head of the row on its own (Qwen3's q/k norms). */
    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void rmsNormPerHead(TestData.Kind kind) {
        int rows = 3;
        int heads = 5;
        int headDim = 18;
        int width = heads * headDim;
        float[] x = TestData.random(RND, rows * width, 2);
        float[] gamma = TestData.random(RND, headDim, 1);
        float[] y = onOneAndThreeThreads(kind, b -> {
            Buffer out = b.allocate(rows, width, BufferType.F32);
            b.rmsNorm(up(b, x, rows, width), up(b, gamma, 1, headDim), 1e-6f, out);
            return down(b, out);
        });
        double[] ref = new double[x.length];
        for (int h = 0; h < rows * heads; h++) {
            int o = h * headDim;
            double sq = 0;
            for (int i = 0; i < headDim; i++) {
                sq += (double) x[o + i] * x[o + i];
            }
            for (int i = 0; i < headDim; i++) {
                ref[o + i] = x[o + i] / Math.sqrt(sq / headDim + 1e-6) * gamma[i];
            }
        }
        near(y, ref, 2e-6);
        try (Backend b = kind.create(1)) {
            assertThatThrownBy(() -> b.rmsNorm(up(b, x, rows, width), up(b, java.util.Arrays.copyOf(gamma, 7), 1, 7), 1e-6f, b.allocate(rows, width, BufferType.F32)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("divides");
        }
    }

    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void rotaryPositionEmbeddingRotatesHalves(TestData.Kind kind) {
        int rows = 3;
        int headDim = 10;
        int heads = 3;
        int[] positions = {0, 7, 4095};
        float[] x = TestData.random(RND, rows * heads * headDim, 1);
        float[] y = onOneAndThreeThreads(kind, b -> {
            Buffer xb = up(b, x, rows, heads * headDim);
            b.rope(xb, headDim, positions, 1_000_000f);
            return down(b, xb);
        });
        near(y, ropeReference(x, headDim, positions, 1_000_000), 1e-6);
        assertThat(y[0]).isEqualTo(x[0]);   // position 0 is the identity
    }

    /** The backend keeps its last table of sines and cosines per thread: a call with other arguments must not get it. */
    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void rotaryEmbeddingFollowsEveryChangeOfItsArguments(TestData.Kind kind) {
        int[] positions = {0, 7, 4095};
        float[] x = TestData.random(RND, 3 * 24, 1);
        try (Backend b = kind.create(2)) {
            for (int call = 0; call < 6; call++) {
                int headDim = call == 2 ? 8 : 12;
                float base = call == 3 ? 10_000f : 1_000_000f;
                if (call == 4) {
                    positions[1] = 8;   // the caller's array changed in place
                }
                Buffer xb = up(b, x, 3, 24);
                b.rope(xb, headDim, positions, base);
                near(down(b, xb), ropeReference(x, headDim, positions, base), 1e-6);
            }
        }
    }

    private static double[] ropeReference(float[] x, int headDim, int[] positions, double base) {
        int rows = positions.length;
        int width = x.length / rows;
        double[] ref = new double[x.length];
        int half = headDim / 2;
        for (int r = 0; r < rows; r++) {
            for (int o = r * width; o < (r + 1) * width; o += headDim) {
                for (int j = 0; j < half; j++) {
                    double angle = positions[r] * Math.pow(base, -2.0 * j / headDim);
                    ref[o + j] = x[o + j] * Math.cos(angle) - x[o + j + half] * Math.sin(angle);
                    ref[o + j + half] = x[o + j + half] * Math.cos(angle) + x[o + j] * Math.sin(angle);
                }
            }
        }
        return ref;
    }

    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void groupedQueryAttentionUnderEveryMaskAndCacheType(TestData.Kind kind) {
        int heads = 6;
        int kvHeads = 2;
        int headDim = 64;   // a whole number of micro-panels, so many queries take the vector backend's tiled path
        int capacity = 40;
        for (BufferType cache : BufferType.values()) {
            for (AttentionMask mask : new AttentionMask[] {AttentionMask.full(), AttentionMask.causal(0), AttentionMask.causal(21),
                    AttentionMask.windowed(8, 0), AttentionMask.windowed(5, 3)}) {
                for (int nq : new int[] {1, 3, 9, 19}) {
                    int nkv = mask.kind() == AttentionMask.Kind.CAUSAL ? mask.past() + nq : 33;
                    if (mask.kind() == AttentionMask.Kind.WINDOWED && mask.firstKey(nq - 1) >= nkv) {
                        continue;
                    }
                    float[] q = TestData.random(RND, nq * heads * headDim, 0.5f);
                    float[] k = TestData.random(RND, capacity * kvHeads * headDim, 0.5f);
                    float[] v = TestData.random(RND, capacity * kvHeads * headDim, 1);
                    if (cache == BufferType.F16) {
                        roundToHalf(k);
                        roundToHalf(v);
                    } else if (cache == BufferType.Q8) {   // the values a Q8 cache reads back (its quantization is Q8CacheTest's)
                        System.arraycopy(TestData.q8ReadBack(k, kvHeads * headDim), 0, k, 0, k.length);
                        System.arraycopy(TestData.q8ReadBack(v, kvHeads * headDim), 0, v, 0, v.length);
                    }
                    float[] both = onOneAndThreeThreads(kind, b -> {
                        Buffer kb = b.allocate(capacity, kvHeads * headDim, cache);
                        Buffer vb = b.allocate(capacity, kvHeads * headDim, cache);
                        b.copyRows(up(b, k, capacity, kvHeads * headDim), 0, kb, 0, capacity);
                        b.copyRows(up(b, v, capacity, kvHeads * headDim), 0, vb, 0, capacity);
                        Buffer qb = up(b, q, nq, heads * headDim);
                        Buffer out = b.allocate(nq, heads * headDim, BufferType.F32);
                        b.attention(qb, kb, vb, nkv, heads, kvHeads, mask, out);
                        Buffer w = b.allocate(heads, nq * nkv, BufferType.F32);
                        b.attentionWeights(qb, kb, nkv, heads, kvHeads, mask, w);
                        float[] o = down(b, out);
                        float[] ws = down(b, w);
                        float[] all = java.util.Arrays.copyOf(o, o.length + ws.length);
                        System.arraycopy(ws, 0, all, o.length, ws.length);
                        return all;
                    });
                    double[] weights = new double[heads * nq * nkv];
                    double[] ref = reference(q, k, v, nq, nkv, heads, kvHeads, headDim, mask, weights);
                    String what = cache + " " + mask + " nq=" + nq;
                    float[] out = java.util.Arrays.copyOf(both, ref.length);
                    float[] w = java.util.Arrays.copyOfRange(both, ref.length, both.length);
                    for (int i = 0; i < ref.length; i++) {
                        assertThat(Math.abs(out[i] - ref[i])).as(what + " out " + i).isLessThan(1e-5);
                    }
                    for (int i = 0; i < weights.length; i++) {
                        assertThat(Math.abs(w[i] - weights[i])).as(what + " weight " + i).isLessThan(1e-6);
                    }
                }
            }
        }
    }

    private static void roundToHalf(float[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = Float.float16ToFloat(Float.floatToFloat16(a[i]));
        }
    }

    private static double[] reference(float[] q, float[] k, float[] v, int nq, int nkv, int heads, int kvHeads, int hd,
                                      AttentionMask mask, double[] weights) {
        int width = heads * hd;
        int kvWidth = kvHeads * hd;
        double[] out = new double[nq * width];
        for (int h = 0; h < heads; h++) {
            int kvCol = h / (heads / kvHeads) * hd;
            for (int i = 0; i < nq; i++) {
                int pos = mask.past() + i;
                double[] s = new double[nkv];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < nkv; j++) {
                    boolean visible = switch (mask.kind()) {
                        case FULL -> true;
                        case CAUSAL -> j <= pos;
                        case WINDOWED -> j / mask.window() == pos / mask.window();
                    };
                    if (!visible) {
                        s[j] = Double.NEGATIVE_INFINITY;
                        continue;
                    }
                    double dot = 0;
                    for (int d = 0; d < hd; d++) {
                        dot += (double) q[i * width + h * hd + d] * k[j * kvWidth + kvCol + d];
                    }
                    s[j] = dot / Math.sqrt(hd);
                    max = Math.max(max, s[j]);
                }
                double sum = 0;
                for (int j = 0; j < nkv; j++) {
                    s[j] = Math.exp(s[j] - max);
                    sum += s[j];
                }
                for (int j = 0; j < nkv; j++) {
                    weights[(h * nq + i) * nkv + j] = s[j] / sum;
                    for (int d = 0; d < hd; d++) {
                        out[i * width + h * hd + d] += s[j] / sum * v[j * kvWidth + kvCol + d];
                    }
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void conv1dOfAnyKernelStrideAndPadding(TestData.Kind kind) {
        int in = 5;
        int out = 7;
        int length = 23;
        for (int[] ksp : new int[][] {{1, 1, 0}, {3, 1, 1}, {3, 2, 1}, {5, 3, 2}, {4, 2, 0}, {7, 1, 3}}) {
            int size = ksp[0];
            int stride = ksp[1];
            int pad = ksp[2];
            float[] x = TestData.random(RND, length * in, 1);
            float[] w = TestData.random(RND, out * in * size, 0.3f);
            float[] bias = TestData.random(RND, out, 0.1f);
            int outLength = (length + 2 * pad - size) / stride + 1;
            float[] y = onOneAndThreeThreads(kind, b -> {
                Buffer yb = b.allocate(outLength, out, BufferType.F32);
                b.conv1d(up(b, x, length, in), b.convKernel(TestData.tensor("c", DType.F32, w, out, in, size)),
                        up(b, bias, 1, out), stride, pad, yb);
                return down(b, yb);
            });
            double[] ref = new double[outLength * out];
            for (int t = 0; t < outLength; t++) {
                for (int o = 0; o < out; o++) {
                    double s = bias[o];
                    for (int c = 0; c < in; c++) {
                        for (int j = 0; j < size; j++) {
                            int src = t * stride + j - pad;
                            if (src >= 0 && src < length) {
                                s += (double) w[(o * in + c) * size + j] * x[src * in + c];
                            }
                        }
                    }
                    ref[t * out + o] = s;
                }
            }
            near(y, ref, 1e-5);
        }
    }

    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void conv2dThreeByThreeStrideTwo(TestData.Kind kind) {
        int in = 3;
        int out = 4;
        int height = 13;
        int width = 10;
        int k = 3;
        float[] x = TestData.random(RND, in * height * width, 1);
        float[] w = TestData.random(RND, out * in * k * k, 0.3f);
        float[] bias = TestData.random(RND, out, 0.1f);
        int oh = (height + 2 - k) / 2 + 1;
        int ow = (width + 2 - k) / 2 + 1;
        float[] y = onOneAndThreeThreads(kind, b -> {
            Buffer yb = b.allocate(out * oh, ow, BufferType.F32);
            b.conv2d(up(b, x, in * height, width), height, b.convKernel(TestData.tensor("c2", DType.F32, w, out, in, k, k)),
                    up(b, bias, 1, out), 2, 1, yb);
            return down(b, yb);
        });
        double[] ref = new double[out * oh * ow];
        for (int o = 0; o < out; o++) {
            for (int r = 0; r < oh; r++) {
                for (int s = 0; s < ow; s++) {
                    double acc = bias[o];
                    for (int c = 0; c < in; c++) {
                        for (int i = 0; i < k; i++) {
                            for (int j = 0; j < k; j++) {
                                int row = r * 2 + i - 1;
                                int col = s * 2 + j - 1;
                                if (row >= 0 && row < height && col >= 0 && col < width) {
                                    acc += (double) w[((o * in + c) * k + i) * k + j] * x[(c * height + row) * width + col];
                                }
                            }
                        }
                    }
                    ref[(o * oh + r) * ow + s] = acc;
                }
            }
        }
        near(y, ref, 1e-5);
    }

    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void dataMovement(TestData.Kind kind) {
        try (Backend b = kind.create(2)) {
            float[] table = TestData.random(RND, 6 * 9, 1);
            Buffer t = up(b, table, 6, 9);
            Buffer g = b.allocate(3, 9, BufferType.F32);
            b.gather(t, new int[] {5, 0, 5}, g);
            float[] gathered = down(b, g);
            assertThat(java.util.Arrays.copyOfRange(gathered, 0, 9)).containsExactly(java.util.Arrays.copyOfRange(table, 45, 54));
            assertThat(java.util.Arrays.copyOfRange(gathered, 9, 18)).containsExactly(java.util.Arrays.copyOfRange(table, 0, 9));

            Buffer tr = b.allocate(9, 6, BufferType.F32);
            b.transpose(t, tr);
            float[] transposed = down(b, tr);
            assertThat(transposed[4 * 6 + 2]).isEqualTo(table[2 * 9 + 4]);

            Buffer half = b.allocate(4, 9, BufferType.F16);
            b.copyRows(t, 1, half, 2, 2);
            float[] back = new float[2 * 9];
            b.download(half, 2, 2, back);
            for (int i = 0; i < back.length; i++) {
                assertThat(back[i]).isEqualTo(Float.float16ToFloat(Float.floatToFloat16(table[9 + i])));
            }
            assertThatThrownBy(() -> b.add(half, half)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("F16");
            assertThatThrownBy(() -> b.copyRows(t, 5, g, 0, 2)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("rows 5 .. 6");
            assertThatThrownBy(() -> b.gather(t, new int[] {6}, b.allocate(1, 9, BufferType.F32)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 6");
            assertThatThrownBy(() -> b.attention(g, t, t, 6, 2, 2, AttentionMask.full(), g))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.attention(up(b, new float[12], 1, 12), b.allocate(4, 4, BufferType.F32),
                    b.allocate(4, 4, BufferType.F32), 4, 3, 2, AttentionMask.full(), b.allocate(1, 12, BufferType.F32)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple of kvHeads");
            assertThatThrownBy(() -> b.upload(new float[5], 2, 3)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
