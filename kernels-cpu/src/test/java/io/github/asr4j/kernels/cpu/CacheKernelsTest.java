package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The few-query attention's cache kernels equal the per-key ones they replace, bit for bit: the
 * value pass's register-held sums ({@link VectorOps#weightedRows}) the per-key axpys, and one query's
 * value sums over a chunk ({@link VectorOps#valueSumsF16}) the per-key-and-head F16 axpys, for row lengths
 * with and without a partial vector or a scalar tail; the sixteen-key scores ({@link VectorOps#dots16})
 * with their folds done together the per-key dots. (An F16 cache reaches them through exact widening,
 * checked pattern by pattern in {@link WidenTest}.)
 */
class CacheKernelsTest {
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
                TestData.assertSameBits(actual, expected, "F32 len " + len + " keys " + n);
            }
        }
    }

    /** A GQA pair's value sums (two weight sets over the same rows, one load of each row): each output its own axpys' bits. */
    @Test
    void f32RowPairsSumExactlyAsTheirAxpys() {
        Random random = new Random(8);
        for (int len : new int[] {64, 128, 256}) {               // whole 4-vector blocks at 16 lanes (the kernel's precondition)
            for (int n : KEYS) {
                int stride = len + 3;
                int wStride = n + 5;
                int outStride = len + 7;
                float[] x = randoms(random, 5 + n * stride);
                float[] w = randoms(random, 2 + wStride + n);
                float[] start = randoms(random, 4 + outStride + len);
                float[] expected = start.clone();
                for (int i = 0; i < 2; i++) {
                    for (int j = 0; j < n; j++) {
                        VectorOps.axpy(w[2 + i * wStride + j], x, 5 + j * stride, expected, 4 + i * outStride, len);
                    }
                }
                float[] actual = start.clone();
                VectorOps.weightedRows2(w, 2, wStride, n, x, 5, stride, actual, 4, outStride, len);
                TestData.assertSameBits(actual, expected, "F32 pair, len " + len + " keys " + n);
            }
        }
    }

    /** One query's F16 value sums over a chunk, as a kernel under test computes them. */
    private interface ValueSums {
        void run(float[] w, int wOff, int wStride, int n, short[] x, int xOff, int stride, int heads, int group, int len,
                 float[] out, int outOff, boolean specials);
    }

    @Test
    void oneQueryF16ValueSumsEqualTheirAxpysKeyByKeyAndHeadByHead() {
        checkValueSums(new Random(11), LENGTHS, false, VectorOps::valueSumsF16, "F16");
    }

    @Test
    void headByHeadF16ValueSumsEqualTheirAxpysKeyByKeyAndHeadByHead() {
        checkValueSums(new Random(17), new int[] {64, 128, 16, 72, 80, 5, 100}, true, VectorOps::valueSumsF16ByHead,
                "F16 by head");
    }

    /**
     * {@code sums} against the per-key-and-head {@link VectorOps#axpyF16}s, bit for bit, for heads with and without
     * grouping, with and without an infinity and a NaN; {@code subnormals}: every seventh half subnormal or ±0.
     */
    private static void checkValueSums(Random random, int[] lengths, boolean subnormals, ValueSums sums, String what) {
        int[][] heads = {{1, 1}, {3, 1}, {4, 2}};                   // heads, query heads per kv head
        for (int len : lengths) {
            for (int n : KEYS) {
                for (int[] hg : heads) {
                    for (boolean specials : new boolean[] {false, true}) {
                        int kvWidth = hg[0] / hg[1] * len;
                        int stride = kvWidth + 3;
                        short[] x = new short[5 + n * stride];
                        for (int i = 0; i < x.length; i++) {
                            x[i] = subnormals && i % 7 == 3
                                    ? (short) (random.nextInt(0x400) | (random.nextBoolean() ? 0x8000 : 0))
                                    : Float.floatToFloat16(random.nextFloat() * 2 - 1);
                        }
                        if (specials && n > 0) {                     // an infinity and a NaN travel as axpyF16 decodes them
                            x[5] = (short) 0x7C00;
                            x[5 + (n - 1) * stride + kvWidth - 1] = (short) 0xFE01;
                        }
                        int wStride = n + 2;
                        float[] w = randoms(random, 2 + hg[0] * wStride);
                        float[] start = randoms(random, 4 + hg[0] * len);
                        float[] expected = start.clone();
                        for (int j = 0; j < n; j++) {
                            for (int h = 0; h < hg[0]; h++) {
                                VectorOps.axpyF16(w[2 + h * wStride + j], x, 5 + j * stride + h / hg[1] * len, expected,
                                        4 + h * len, len, specials);
                            }
                        }
                        float[] actual = start.clone();
                        sums.run(w, 2, wStride, n, x, 5, stride, hg[0], hg[1], len, actual, 4, specials);
                        TestData.assertSameBits(actual, expected, what + " len " + len + " keys " + n + " heads " + hg[0] + "/"
                                + hg[1] + " specials " + specials);
                    }
                }
            }
        }
    }

    @Test
    void sixteenKeyScoresEqualTheirDots() {
        Random random = new Random(13);
        for (int len : new int[] {16, 64, 128}) {
            if (!VectorOps.dots16Fit(len)) {
                continue;                              // another lane count: the backend scores key by key
            }
            int stride = len + 16;
            float[] q = randoms(random, 3 + len);
            float[] k = randoms(random, 7 + 16 * stride);
            float scale = 0.125f;
            float[] expected = new float[16];
            for (int j = 0; j < 16; j++) {
                expected[j] = VectorOps.dot(q, 3, k, 7 + j * stride, len) * scale;
            }
            float[] actual = new float[18];
            VectorOps.dots16(q, 3, k, 7, stride, len, scale, actual, 2);
            TestData.assertSameBits(java.util.Arrays.copyOfRange(actual, 2, 18), expected, "F32 len " + len);
        }
    }

    /**
     * One query's tile scores straight from the halves ({@link VectorOps#tileScoresHalves}, the query
     * times 2¹¹²) equal {@link VectorOps#tileScores} over the widened tile, bit for bit: head lengths
     * with and without a remainder of the four chains, one half in seven subnormal or ±0, query
     * elements from 2⁻⁴⁰ to 2¹⁴ (and a subnormal, a ±0), with an infinity and a NaN in the tile when
     * {@code specials}.
     */
    @Test
    void tileScoresFromHalvesEqualTheWidenedTilesScores() {
        if (!VectorOps.tileFit()) {
            return;                                   // another lane count: the backend widens the tile
        }
        Random random = new Random(19);
        int tile = CpuBuffer.TILE;
        for (int len : new int[] {64, 128, 80, 66, 67, 16, 3, 2, 1}) {
            for (boolean specials : new boolean[] {false, true}) {
                short[] k = new short[5 + tile * len + 3];
                for (int i = 0; i < k.length; i++) {
                    k[i] = i % 7 == 3
                            ? (short) (random.nextInt(0x400) | (random.nextBoolean() ? 0x8000 : 0))
                            : Float.floatToFloat16((random.nextFloat() * 2 - 1) * (1 << random.nextInt(8)));
                }
                if (specials) {
                    k[5 + random.nextInt(tile * len)] = (short) 0xFC00;
                    k[5 + random.nextInt(tile * len)] = (short) 0x7E01;
                }
                float[] q = new float[3 + len];
                for (int i = 0; i < q.length; i++) {
                    q[i] = (random.nextFloat() * 2 - 1) * (float) Math.scalb(1.0, random.nextInt(55) - 40);
                }
                q[3] = Float.MIN_VALUE * 3;
                if (len > 1) {
                    q[4] = -0f;
                }
                float[] widened = new float[tile * len];
                for (int i = 0; i < widened.length; i++) {
                    widened[i] = Float.float16ToFloat(k[5 + i]);
                }
                float scale = 0.125f;
                float[] expected = new float[tile + 2];
                VectorOps.tileScores(q, 3, widened, 0, len, scale, expected, 1);
                float[] scaled = new float[q.length];
                for (int i = 0; i < q.length; i++) {
                    scaled[i] = q[i] * 0x1p112f;
                }
                float[] actual = new float[tile + 2];
                VectorOps.tileScoresHalves(scaled, 3, k, 5, len, scale, actual, 1, specials);
                TestData.assertSameBits(actual, expected, "len " + len + " specials " + specials);
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
}
