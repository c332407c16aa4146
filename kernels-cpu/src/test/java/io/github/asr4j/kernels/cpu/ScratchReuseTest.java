package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.kernels.AttentionMask;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.loader.DType;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The buffers the CPU backend keeps between calls instead of allocating per call give what fresh
 * ones give, bit for bit: many queries over F16 caches widen into arrays kept from an earlier,
 * larger or smaller call (stale values past the keys in use); and a convolution over an input
 * that carries its own zero padding (padding 0, read in place) equals the padded convolution,
 * which is how the Whisper encoder's stem feeds its second convolution.
 */
class ScratchReuseTest {
    private static final Random RND = new Random(11);

    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void manyQueriesOverF16CachesEqualTheF32CachesCallAfterCall(TestData.Kind kind) {
        int heads = 4;
        int headDim = 16;
        int width = heads * headDim;
        int nq = 9;
        try (Backend b = kind.create(2)) {
            for (int nkv : new int[] {300, 40, 300, 171, 12}) {
                float[] q = TestData.random(RND, nq * width, 1);
                float[] k = halfExact(TestData.random(RND, nkv * width, 1));
                float[] v = halfExact(TestData.random(RND, nkv * width, 1));
                for (AttentionMask mask : new AttentionMask[] {AttentionMask.full(), AttentionMask.causal(nkv - nq)}) {
                    float[] f32 = attention(b, q, nq, up(b, k, nkv, width, BufferType.F32), up(b, v, nkv, width, BufferType.F32),
                            nkv, heads, mask);
                    float[] f16 = attention(b, q, nq, up(b, k, nkv, width, BufferType.F16), up(b, v, nkv, width, BufferType.F16),
                            nkv, heads, mask);
                    float[] mixed = attention(b, q, nq, up(b, k, nkv, width, BufferType.F16), up(b, v, nkv, width, BufferType.F32),
                            nkv, heads, mask);
                    assertThat(TestData.bitsDiffer(f16, f32)).as("F16 caches, %d keys, %s", nkv, mask).isZero();
                    assertThat(TestData.bitsDiffer(mixed, f32)).as("F16 keys, F32 values, %d keys, %s", nkv, mask).isZero();
                }
            }
        }
    }

    /**
     * The many-row product keeps its weight panel per thread and does not zero a last, partial micro-panel's
     * lanes past the outputs: they keep an earlier product's weights (here ±1e30, so those lanes overflow to
     * infinities and NaNs) and must never reach the stored outputs.
     */
    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void aPartialWeightPanelAfterAWiderProductEqualsAFreshOne(TestData.Kind kind) {
        int n = 40;
        int in = 600;     // two depth slices
        int out = 70;     // a partial micro-panel at any vector width
        float[] x = TestData.random(RND, n * in, 1f);
        float[] wide = TestData.random(RND, 256 * in, 1e30f);
        float[] w = TestData.random(RND, out * in, 0.05f);
        float[] bias = TestData.random(RND, out, 0.5f);
        float[] fresh = new float[n * out];
        try (CpuBackend b = kind.create(2)) {
            b.linear(x, n, b.matrix(TestData.tensor("w", DType.F32, w, out, in)), bias, fresh);
        }
        float[] after = new float[n * out];
        try (CpuBackend b = kind.create(2)) {
            b.linear(x, n, b.matrix(TestData.tensor("wide", DType.F32, wide, 256, in)), null, new float[n * 256]);
            b.linear(x, n, b.matrix(TestData.tensor("w", DType.F32, w, out, in)), bias, after);
        }
        assertThat(TestData.bitsDiffer(after, fresh)).isZero();
        for (float v : after) {
            assertThat(Float.isFinite(v)).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void aConvolutionOverItsOwnZeroPaddingEqualsThePaddedOne(TestData.Kind kind) {
        int in = 24;
        int out = 40;
        int length = 101; // enough output rows for the many-row product
        float[] w = TestData.random(RND, out * in * 3, 0.3f);
        float[] bias = TestData.random(RND, out, 0.1f);
        try (Backend b = kind.create(2)) {
            Backend.ConvKernel kernel = b.convKernel(TestData.tensor("c", DType.F32, w, out, in, 3));
            for (int stride : new int[] {1, 2}) {
                float[] x = TestData.random(RND, length * in, 1);
                float[] padded = new float[(length + 2) * in];
                System.arraycopy(x, 0, padded, in, length * in);
                int outLength = (length - 1) / stride + 1;
                float[] expected = conv(b, up(b, x, length, in, BufferType.F32), kernel, bias, stride, 1, outLength, out);
                float[] inPlace = conv(b, up(b, padded, length + 2, in, BufferType.F32), kernel, bias, stride, 0, outLength, out);
                assertThat(TestData.bitsDiffer(inPlace, expected)).as("stride %d", stride).isZero();
            }
            // padded by 2, a stride-1 convolution's rows 1..length are the rows of the one padded by 1
            float[] x = TestData.random(RND, length * in, 1);
            float[] byOne = conv(b, up(b, x, length, in, BufferType.F32), kernel, bias, 1, 1, length, out);
            float[] byTwo = conv(b, up(b, x, length, in, BufferType.F32), kernel, bias, 1, 2, length + 2, out);
            float[] inner = java.util.Arrays.copyOfRange(byTwo, out, (length + 1) * out);
            assertThat(TestData.bitsDiffer(inner, byOne)).isZero();
        }
    }

    /** Values a half-precision cache holds exactly, so that its widening gives them back. */
    private static float[] halfExact(float[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = Float.float16ToFloat(Float.floatToFloat16(a[i]));
        }
        return a;
    }

    private static Buffer up(Backend b, float[] v, int rows, int cols, BufferType type) {
        Buffer f32 = b.upload(v, rows, cols);
        if (type == BufferType.F32) {
            return f32;
        }
        Buffer t = b.allocate(rows, cols, type);
        b.copyRows(f32, 0, t, 0, rows);
        return t;
    }

    private static float[] attention(Backend b, float[] q, int nq, Buffer k, Buffer v, int nkv, int heads, AttentionMask mask) {
        int width = q.length / nq;
        Buffer out = b.allocate(nq, width, BufferType.F32);
        b.attention(b.upload(q, nq, width), k, v, nkv, heads, heads, mask, out);
        float[] result = new float[nq * width];
        b.download(out, 0, nq, result);
        return result;
    }

    private static float[] conv(Backend b, Buffer x, Backend.ConvKernel kernel, float[] bias, int stride, int padding,
                                int outLength, int out) {
        Buffer y = b.allocate(outLength, out, BufferType.F32);
        b.conv1d(x, kernel, b.upload(bias, 1, out), stride, padding, y);
        float[] result = new float[outLength * out];
        b.download(y, 0, outLength, result);
        return result;
    }
}
