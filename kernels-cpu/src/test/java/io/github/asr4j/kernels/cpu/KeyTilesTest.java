package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.kernels.AttentionMask;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keys in tiles ({@link Backend#allocateKeys}, F16): rows in and out as any F16 buffer's; every
 * attention path reads them as the same halves in rows would be read, except the scores of the
 * few-query path, which are summed in another order (within the tolerance of the per-head path);
 * there each query still gets the same bits alone, beside others, and at any thread count; and
 * the scalar and vector tile scores agree bit for bit.
 */
class KeyTilesTest {
    /** As {@code DecoderStepKernelsTest}: rounding only, relative to values of magnitude 1. */
    private static final double TOLERANCE = 1e-5;

    @Test
    void tiledKeysReadBackAsRows() {
        Random rnd = new Random(31);
        try (CpuBackend b = TestData.Kind.VECTOR.create(1)) {
            for (int rows : new int[] {1, 16, 37})
            for (int cols : new int[] {20, 64}) {
                float[] x = TestData.random(rnd, rows * cols, 1);
                x[rows * cols / 2] = Float.NaN;
                Buffer tiled = b.allocateKeys(rows, cols, BufferType.F16);
                assertThat(tiled.rows()).isEqualTo(rows);
                assertThat(((CpuBuffer) tiled).tiled).isTrue();
                b.copyRows(b.upload(x, rows, cols), 0, tiled, 0, rows);
                float[] back = new float[rows * cols];
                b.download(tiled, 0, rows, back);
                assertThat(TestData.bitsDiffer(TestData.halves(x), back)).as("%d x %d", rows, cols).isZero();
                assertThat(((CpuBuffer) tiled).specials).isTrue();
                // Rows 1.. of the tiles into rows of a plain F16 buffer, and back into tiles at row 0.
                Buffer plain = b.allocate(rows, cols, BufferType.F16);
                b.copyRows(tiled, 1 % rows, plain, 0, rows - 1 % rows);
                Buffer again = b.allocateKeys(rows, cols, BufferType.F16);
                b.copyRows(plain, 0, again, 0, rows - 1 % rows);
                float[] moved = new float[(rows - 1 % rows) * cols];
                b.download(again, 0, rows - 1 % rows, moved);
                assertThat(TestData.bitsDiffer(Arrays.copyOfRange(TestData.halves(x), (1 % rows) * cols, rows * cols), moved)).isZero();
            }
            assertThat(((CpuBuffer) b.allocateKeys(5, 8, BufferType.F32)).tiled).as("F32 keys in tiles too (F32KeyTilesTest)").isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void fewQueriesOverTiledKeysEachGetTheirOneQueryBits(TestData.Kind kind) {
        Random rnd = new Random(32);
        int[][] shapes = {{12, 12, 64}, {6, 2, 20}, {4, 4, 6}};   // heads, KV heads, head size (6: chains of unequal length)
        for (int[] shape : shapes)
        for (int nkv : new int[] {37, 301}) {
            int heads = shape[0];
            int kvHeads = shape[1];
            int headDim = shape[2];
            int width = heads * headDim;
            int kvWidth = kvHeads * headDim;
            float[] k = TestData.random(rnd, (nkv + 5) * kvWidth, 0.5f);   // a cache longer than its filled part
            float[] v = TestData.random(rnd, (nkv + 5) * kvWidth, 1);
            for (int nq : new int[] {1, 2, 4, 5, 9}) {
                float[] q = TestData.random(rnd, nq * width, 0.5f);
                float[] first = null;
                for (int threads : new int[] {1, 3}) {
                    try (CpuBackend b = kind.create(threads)) {
                        Buffer tiles = keys(b, k, kvWidth, true);
                        Buffer vb = keys(b, v, kvWidth, false);
                        String what = String.format("%s, %d/%d heads of %d, %d keys, %d queries, %d threads", kind, heads, kvHeads,
                                headDim, nkv, nq, threads);
                        float[] each = TestData.each(b, q, nq, tiles, vb, nkv, heads, kvHeads);
                        float[] rows = TestData.each(b, q, nq, keys(b, k, kvWidth, false), vb, nkv, heads, kvHeads);
                        assertClose(rows, each, what);
                        for (int i = 0; i < nq; i++) {
                            float[] qi = Arrays.copyOfRange(q, i * width, (i + 1) * width);
                            float[] alone = TestData.attention(b, qi, 1, tiles, vb, nkv, heads, kvHeads, AttentionMask.full());
                            assertThat(TestData.bitsDiffer(alone, Arrays.copyOfRange(each, i * width, (i + 1) * width)))
                                    .as("%s: row %d against its one-query attention", what, i).isZero();
                        }
                        if (first == null) {
                            first = each;
                        }
                        assertThat(TestData.bitsDiffer(first, each)).as(what + " against 1 thread").isZero();
                    }
                }
            }
        }
    }

    /**
     * The paths that take the keys whole (many queries, a window mask, the weights for alignment)
     * read the tiles back as rows: the same bits as over the same keys in rows, for F16 tiles (a window's
     * cross-attention keys) and F32 tiles (Qwen3-ASR's self-attention cache).
     */
    @ParameterizedTest
    @MethodSource("kindsAndKeyTypes")
    void wholeKeyPathsReadTilesAsRows(TestData.Kind kind, BufferType type) {
        Random rnd = new Random(33);
        int heads = 6;
        int kvHeads = 2;
        int headDim = 20;
        int nkv = 150;
        int width = heads * headDim;
        int kvWidth = kvHeads * headDim;
        float[] k = TestData.random(rnd, nkv * kvWidth, 0.5f);
        float[] v = TestData.random(rnd, nkv * kvWidth, 1);
        try (CpuBackend b = kind.create(2)) {
            Buffer tiles = keys(b, k, kvWidth, true, type);
            Buffer rows = keys(b, k, kvWidth, false, type);
            Buffer vb = keys(b, v, kvWidth, false, type);
            for (int nq : new int[] {6, 40}) {
                float[] q = TestData.random(rnd, nq * width, 0.5f);
                for (AttentionMask mask : new AttentionMask[] {AttentionMask.full(), AttentionMask.causal(nkv - nq)}) {
                    assertThat(TestData.bitsDiffer(TestData.attention(b, q, nq, rows, vb, nkv, heads, kvHeads, mask),
                            TestData.attention(b, q, nq, tiles, vb, nkv, heads, kvHeads, mask))).as("%d queries, %s", nq, mask).isZero();
                }
                Buffer qb = b.upload(q, nq, width);
                float[][] weights = new float[2][];
                for (int t = 0; t < 2; t++) {
                    Buffer out = b.allocate(heads, nq * nkv, BufferType.F32);
                    b.attentionWeights(qb, t == 0 ? rows : tiles, nkv, heads, kvHeads, AttentionMask.full(), out);
                    weights[t] = new float[heads * nq * nkv];
                    b.download(out, 0, heads, weights[t]);
                }
                assertThat(TestData.bitsDiffer(weights[0], weights[1])).as("weights, %d queries", nq).isZero();
            }
            float[] q = TestData.random(rnd, 2 * width, 0.5f);
            AttentionMask window = AttentionMask.windowed(50, nkv - 2);
            assertThat(TestData.bitsDiffer(TestData.attention(b, q, 2, rows, vb, nkv, heads, kvHeads, window),
                    TestData.attention(b, q, 2, tiles, vb, nkv, heads, kvHeads, window))).as("windowed").isZero();
        }
    }

    @Test
    void vectorTileScoresEqualTheScalarOnes() {
        Random rnd = new Random(34);
        try (CpuBackend scalar = TestData.Kind.SCALAR.create(1); CpuBackend vector = TestData.Kind.VECTOR.create(1)) {
            for (int len : new int[] {3, 6, 20, 64, 128})
            for (int nq : new int[] {1, 3, 4, 5, 9}) {
                float[] q = TestData.random(rnd, nq * (len + 3), 0.5f);
                float[] tile = TestData.random(rnd, CpuBuffer.TILE * len, 0.5f);
                int stride = 2 * CpuBuffer.TILE + 1;
                float[][] out = new float[2][nq * stride + 1];
                scalar.tileScores(q, 1, len + 3, nq, tile, len, 0.125f, out[0], 1, stride);
                vector.tileScores(q, 1, len + 3, nq, tile, len, 0.125f, out[1], 1, stride);
                assertThat(TestData.bitsDiffer(out[0], out[1])).as("head size %d, %d queries", len, nq).isZero();
                for (int i = 0; i < nq; i++) {
                    for (int l = 0; l < CpuBuffer.TILE; l++) {
                        double dot = 0;
                        for (int d = 0; d < len; d++) {
                            dot += (double) q[1 + i * (len + 3) + d] * tile[d * CpuBuffer.TILE + l];
                        }
                        assertThat((double) out[1][1 + i * stride + l]).isCloseTo(dot * 0.125, org.assertj.core.data.Offset.offset(1e-5));
                    }
                }
            }
        }
    }

    /**
     * The vector tile kernels (one query, the GQA pairs in place, and the several-query ones: five, four)
     * against the scalar ones with infinities, NaN, subnormals and huge elements in both the queries and
     * the keys, over head sizes with every remainder mod 4: the same bits (a NaN only as a NaN: its payload
     * may depend on which operand the instruction names first).
     */
    @Test
    void vectorTileScoresWithSpecialsEqualTheScalarOnes() {
        Random rnd = new Random(35);
        float[] specials = {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.MIN_VALUE * 77, -1e30f, 3e38f};
        try (CpuBackend scalar = TestData.Kind.SCALAR.create(1); CpuBackend vector = TestData.Kind.VECTOR.create(1)) {
            for (int len : new int[] {1, 2, 3, 4, 5, 6, 7, 9, 16, 65})
            for (int nq : new int[] {1, 2, 3, 4, 5, 6, 9}) {
                float[] q = TestData.random(rnd, nq * (len + 3), 0.5f);
                float[] k = TestData.random(rnd, 5 + CpuBuffer.TILE * len, 0.5f);
                for (int i = 0; i < 1 + q.length / 40; i++) {
                    q[rnd.nextInt(q.length)] = specials[rnd.nextInt(specials.length)];
                }
                for (int i = 0; i < 1 + k.length / 40; i++) {
                    k[rnd.nextInt(k.length)] = specials[rnd.nextInt(specials.length)];
                }
                float[] tile = Arrays.copyOfRange(k, 5, k.length);
                int stride = 2 * CpuBuffer.TILE + 1;
                float[][] out = new float[4][nq * stride + 1];
                scalar.tileScores(q, 1, len + 3, nq, tile, len, 0.125f, out[0], 1, stride);
                vector.tileScores(q, 1, len + 3, nq, tile, len, 0.125f, out[1], 1, stride);
                scalar.tileScoresF32(q, 1, len + 3, nq, k, 5, len, 0.125f, out[2], 1, stride);
                vector.tileScoresF32(q, 1, len + 3, nq, k, 5, len, 0.125f, out[3], 1, stride);
                String what = String.format("head size %d, %d queries", len, nq);
                TestData.assertSameBits(out[1], out[0], what + ", tile");
                TestData.assertSameBits(out[3], out[2], what + ", in place");
                TestData.assertSameBits(out[2], out[0], what + ", tile against in place");
            }
        }
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertThat(worst).as(what + ": largest difference from keys in rows").isLessThan(TOLERANCE);
    }

    static Stream<Arguments> kindsAndKeyTypes() {
        return Arrays.stream(TestData.Kind.values())
                .flatMap(kind -> Stream.of(BufferType.F16, BufferType.F32).map(type -> Arguments.of(kind, type)));
    }

    private static Buffer keys(Backend b, float[] values, int width, boolean tiled) {
        return keys(b, values, width, tiled, BufferType.F16);
    }

    private static Buffer keys(Backend b, float[] values, int width, boolean tiled, BufferType type) {
        int rows = values.length / width;
        Buffer buffer = tiled ? b.allocateKeys(rows, width, type) : b.allocate(rows, width, type);
        b.copyRows(b.upload(values, rows, width), 0, buffer, 0, rows);
        return buffer;
    }
}
