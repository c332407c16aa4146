package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.kernels.AttentionMask;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;

/** Random inputs, tensors over native segments, and the backends under test. */
final class TestData {
    private TestData() {}

    enum Kind {
        SCALAR, VECTOR;

        CpuBackend create(int threads) {
            return (CpuBackend) (this == SCALAR ? Backends.scalar(threads) : Backends.vector(threads));
        }
    }

    static float[] random(Random rnd, int n, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rnd.nextGaussian() * scale);
        }
        return a;
    }

    /** A tensor in {@code dtype} holding {@code values} rounded to that dtype, in a fresh native segment. */
    static Tensor tensor(String name, DType dtype, float[] values, long... shape) {
        return tensorAt(0, name, dtype, values, shape);
    }

    /** As {@link #tensor}, but the data starts {@code misalignment} bytes past an aligned address. */
    static Tensor tensorAt(int misalignment, String name, DType dtype, float[] values, long... shape) {
        long bytes = (long) values.length * dtype.byteSize();
        MemorySegment seg = Arena.ofAuto().allocate(bytes + misalignment, 64).asSlice(misalignment, bytes);
        for (int i = 0; i < values.length; i++) {
            switch (dtype) {
                case F32 -> seg.set(WeightMatrix.F32_LE, 4L * i, values[i]);
                case F16 -> seg.set(WeightMatrix.I16_LE, 2L * i, Float.floatToFloat16(values[i]));
                case BF16 -> seg.set(WeightMatrix.I16_LE, 2L * i, toBf16(values[i]));
                default -> throw new IllegalArgumentException(dtype.toString());
            }
        }
        return new Tensor(name, dtype, shape, seg);
    }

    /** Round to nearest even, as PyTorch does when it converts to bfloat16. */
    static short toBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        int rounded = bits + 0x7FFF + ((bits >>> 16) & 1);
        return (short) (rounded >>> 16);
    }

    /**
     * Each element of {@code actual} has {@code expected}'s bits, a NaN counting as any NaN ({@link Float#floatToIntBits}
     * folds every NaN to one pattern: which NaN an FMA of two NaNs returns depends on the operand order C2 picks).
     */
    static void assertSameBits(float[] actual, float[] expected, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertThat(Float.floatToIntBits(actual[i])).as("%s, element %d (%s against %s)", what, i, actual[i], expected[i])
                    .isEqualTo(Float.floatToIntBits(expected[i]));
        }
    }

    static int bitsDiffer(float[] a, float[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                n++;
            }
        }
        return n;
    }

    /**
     * {@code x}'s rows of {@code cols} quantized and read back as a Q8 buffer defines it (blocks of 32
     * along the row, {@code scale = max|x| / 127}, {@code q = round(x / scale)}, read as
     * {@code q · scale}), written out plainly for tests.
     */
    static float[] q8ReadBack(float[] x, int cols) {
        float[] y = new float[x.length];
        for (int r = 0; r < x.length / cols; r++) {
            for (int c0 = 0; c0 < cols; c0 += 32) {
                int c1 = Math.min(cols, c0 + 32);
                float max = 0;
                for (int c = c0; c < c1; c++) {
                    max = Math.max(max, Math.abs(x[r * cols + c]));
                }
                float scale = max / 127;
                float inv = scale == 0 ? 0 : 1 / scale;
                for (int c = c0; c < c1; c++) {
                    int q = Math.max(-127, Math.min(127, Math.round(x[r * cols + c] * inv)));
                    y[r * cols + c] = q * scale;
                }
            }
        }
        return y;
    }

    /** {@code x} rounded to half precision (and back to float). */
    static float[] halves(float[] x) {
        float[] h = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            h[i] = Float.float16ToFloat(Float.floatToFloat16(x[i]));
        }
        return h;
    }

    /** {@code nq} query rows of {@code q}, each over the whole cache, by {@link Backend#attentionEach}. */
    static float[] each(Backend b, float[] q, int nq, Buffer k, Buffer v, int nkv, int heads, int kvHeads) {
        Buffer out = b.allocate(nq, q.length / nq, BufferType.F32);
        b.attentionEach(b.upload(q, nq, q.length / nq), k, v, nkv, heads, kvHeads, out);
        float[] o = new float[q.length];
        b.download(out, 0, nq, o);
        return o;
    }

    /** {@code nq} query rows of {@code q} under {@code mask}, by {@link Backend#attention}. */
    static float[] attention(Backend b, float[] q, int nq, Buffer k, Buffer v, int nkv, int heads, int kvHeads,
                             AttentionMask mask) {
        Buffer out = b.allocate(nq, q.length / nq, BufferType.F32);
        b.attention(b.upload(q, nq, q.length / nq), k, v, nkv, heads, kvHeads, mask, out);
        float[] o = new float[q.length];
        b.download(out, 0, nq, o);
        return o;
    }

    /**
     * Multiplies {@code n} input rows by {@code m[0]} with {@code bias} ({@code linear}) and by all of {@code m} in one
     * pass, the bias on the second only ({@code linearsRows}), and asserts every output as {@link #assertEachRowAsItsDot}.
     */
    static void assertFewRowProductsAsDots(CpuBackend b, float[] x, int n, int in, WeightMatrix[] m, float[] bias, String what) {
        int out = m[0].rows();
        float[] y = new float[n * out];
        b.linear(x, n, m[0], bias, y);
        assertEachRowAsItsDot(x, n, in, m[0], bias, y, what);
        float[][] ys = new float[m.length][n * out];
        float[][] biases = new float[m.length][];
        biases[1] = bias;
        b.linearsRows(x, n, m, biases, ys);
        for (int j = 0; j < m.length; j++) {
            assertEachRowAsItsDot(x, n, in, m[j], biases[j], ys[j], what + ", matrix " + j + " of " + m.length);
        }
    }

    /**
     * Asserts that each of the {@code n} input rows' outputs in {@code y} ({@code [n, m.rows()]}) has the bits of that
     * row's product alone ({@link WeightMatrix#dot}, plus {@code bias} when given): what the kernels that take
     * several input rows at once must keep.
     */
    static void assertEachRowAsItsDot(float[] x, int n, int in, WeightMatrix m, float[] bias, float[] y, String what) {
        int out = m.rows();
        for (int i = 0; i < n; i++) {
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
