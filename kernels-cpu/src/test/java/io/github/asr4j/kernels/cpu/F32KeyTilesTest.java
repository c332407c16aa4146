package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.kernels.AttentionMask;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * F32 keys in tiles ({@link Backend#allocateKeys}, F32: a decoder's self-attention cache, appended
 * row by row): rows in and out exactly; the few-query attention scores them sixteen keys a vector
 * (another order of sums than keys in rows, within rounding), the same bits for a query alone, beside
 * other queries, and at any thread count; the many-query paths read them back as rows (the same bits
 * as keys in rows); no other op takes them.
 */
class F32KeyTilesTest {
    /** Rounding only, relative to values of magnitude 1 (as {@code KeyTilesTest}). */
    private static final double TOLERANCE = 1e-5;

    @Test
    void appendedRowsReadBackExactlyAndGrowAsTiles() {
        Random rnd = new Random(41);
        try (CpuBackend b = TestData.Kind.VECTOR.create(1)) {
            for (int rows : new int[] {1, 16, 37, 64})
            for (int cols : new int[] {20, 64}) {
                float[] x = TestData.random(rnd, rows * cols, 1);
                x[rows * cols / 2] = Float.NaN;
                Buffer keys = b.allocateKeys(rows + 3, cols, BufferType.F32);
                assertThat(((CpuBuffer) keys).tiled).isTrue();
                Buffer all = b.upload(x, rows, cols);
                for (int r = 0; r < rows; r++) {             // appended one row at a time, as a decoder step does
                    b.copyRows(all, r, keys, r, 1);
                }
                float[] back = new float[rows * cols];
                b.download(keys, 0, rows, back);
                assertThat(TestData.bitsDiffer(x, back)).as("%d x %d", rows, cols).isZero();
                // grown: the rows so far into a larger buffer of keys (whole tiles and the rest), and at an offset
                Buffer grown = b.allocateKeys(2 * rows + 16, cols, BufferType.F32);
                b.copyRows(keys, 0, grown, 0, rows);
                b.copyRows(keys, 0, grown, rows + 16 - rows % 16, rows);
                float[] again = new float[rows * cols];
                b.download(grown, 0, rows, again);
                assertThat(TestData.bitsDiffer(x, again)).as("grown, %d x %d", rows, cols).isZero();
                b.download(grown, rows + 16 - rows % 16, rows, again);
                assertThat(TestData.bitsDiffer(x, again)).as("grown at an offset, %d x %d", rows, cols).isZero();
                float[] plain = new float[rows * cols];
                Buffer asRows = b.allocate(rows, cols, BufferType.F32);
                b.copyRows(grown, 0, asRows, 0, rows);
                b.download(asRows, 0, rows, plain);
                assertThat(TestData.bitsDiffer(x, plain)).as("into rows, %d x %d", rows, cols).isZero();
            }
            Buffer keys = b.allocateKeys(16, 8, BufferType.F32);
            assertThatThrownBy(() -> b.view(keys, 2, 8)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.scale(keys, 2f)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /**
     * A prompt's keys: many rows into tiles in one copy (whole tiles a block of columns at a time), from any source row
     * to any destination row (in a tile, across tiles, a partial last tile): read back exactly, and no other row written.
     */
    @Test
    void manyRowsIntoTilesAtAnyOffsetReadBackExactly() {
        Random rnd = new Random(43);
        try (CpuBackend b = TestData.Kind.VECTOR.create(1)) {
            for (int cols : new int[] {7, 20, 64})
            for (int rows : new int[] {2, 15, 16, 17, 40})
            for (int src : new int[] {0, 3})
            for (int dst : new int[] {0, 5, 16, 31}) {
                float[] x = TestData.random(rnd, (src + rows) * cols, 1);
                x[x.length - 1] = Float.NaN;
                int capacity = dst + rows + 19;
                Buffer keys = b.allocateKeys(capacity, cols, BufferType.F32);
                float[] marker = new float[capacity * cols];
                java.util.Arrays.fill(marker, -7f);
                b.copyRows(b.upload(marker, capacity, cols), 0, keys, 0, capacity);
                b.copyRows(b.upload(x, src + rows, cols), src, keys, dst, rows);
                float[] back = new float[capacity * cols];
                b.download(keys, 0, capacity, back);
                float[] want = marker.clone();
                System.arraycopy(x, src * cols, want, dst * cols, rows * cols);
                assertThat(TestData.bitsDiffer(want, back)).as("%d rows of %d from row %d to row %d", rows, cols, src, dst).isZero();
            }
        }
    }

    /**
     * A decoder's steps: one query under a causal mask over F32 keys in tiles, at Qwen3-ASR's head
     * shape (16 heads over 8 KV heads of 128) and odd ones (a head not a multiple of four, groups of
     * one and three): close to the keys in rows; the same bits at 1, 2 and 3 threads (the heads split
     * into parts differently); a batch of queries (independent rows, or a short prompt's causal
     * rows) gives each row its one-query bits.
     */
    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void stepsOverF32TilesKeepTheirOneQueryBits(TestData.Kind kind) {
        Random rnd = new Random(42);
        int[][] shapes = {{16, 8, 128}, {6, 2, 20}, {3, 1, 7}, {4, 4, 6}};
        for (int[] shape : shapes)
        for (int nkv : new int[] {1, 37, 128, 200, 301}) {
            int heads = shape[0];
            int kvHeads = shape[1];
            int headDim = shape[2];
            int width = heads * headDim;
            int kvWidth = kvHeads * headDim;
            float[] k = TestData.random(rnd, (nkv + 5) * kvWidth, 0.5f);   // a cache longer than its filled part
            float[] v = TestData.random(rnd, (nkv + 5) * kvWidth, 1);
            float[] q = TestData.random(rnd, 5 * width, 0.5f);
            float[] first = null;
            for (int threads : new int[] {1, 2, 3}) {
                try (CpuBackend b = kind.create(threads)) {
                    String what = String.format("%s, %d/%d heads of %d, %d keys, %d threads", kind, heads, kvHeads, headDim, nkv,
                            threads);
                    Buffer tiles = cache(b, k, kvWidth, true);
                    Buffer rows = cache(b, k, kvWidth, false);
                    Buffer vb = cache(b, v, kvWidth, false);
                    AttentionMask step = AttentionMask.causal(nkv - 1);
                    float[] one = TestData.attention(b, Arrays.copyOf(q, width), 1, tiles, vb, nkv, heads, kvHeads, step);
                    assertClose(TestData.attention(b, Arrays.copyOf(q, width), 1, rows, vb, nkv, heads, kvHeads, step), one, what);
                    if (first == null) {
                        first = one;
                    }
                    assertThat(TestData.bitsDiffer(first, one)).as(what + " against 1 thread").isZero();
                    // five independent rows over the whole cache (a batch): each its one-query bits
                    float[] each = TestData.each(b, q, 5, tiles, vb, nkv, heads, kvHeads);
                    for (int i = 0; i < 5; i++) {
                        float[] qi = Arrays.copyOfRange(q, i * width, (i + 1) * width);
                        float[] alone = TestData.attention(b, qi, 1, tiles, vb, nkv, heads, kvHeads, AttentionMask.full());
                        assertThat(TestData.bitsDiffer(alone, Arrays.copyOfRange(each, i * width, (i + 1) * width)))
                                .as("%s: row %d of five against its one-query attention", what, i).isZero();
                    }
                    // a short prompt (fewer than four queries, causal): row i its step's bits over the first nkv - nq + 1 + i keys
                    for (int nq = 2; nq <= 3 && nq <= nkv; nq++) {
                        float[] prompt = TestData.attention(b, Arrays.copyOf(q, nq * width), nq, tiles, vb, nkv, heads, kvHeads,
                                AttentionMask.causal(nkv - nq));
                        for (int i = 0; i < nq; i++) {
                            int seen = nkv - nq + 1 + i;
                            float[] alone = TestData.attention(b, Arrays.copyOfRange(q, i * width, (i + 1) * width), 1, tiles, vb,
                                    seen, heads, kvHeads, AttentionMask.causal(seen - 1));
                            assertThat(TestData.bitsDiffer(alone, Arrays.copyOfRange(prompt, i * width, (i + 1) * width)))
                                    .as("%s: causal row %d of %d against its step", what, i, nq).isZero();
                        }
                    }
                }
            }
        }
    }

    /**
     * The in-place tile kernels, one query or a group sharing the tile's loads: the vector and scalar
     * ones the same bits, and both {@link CpuBackend#tileScores}' bits over the same tile copied out.
     */
    @Test
    void tileScoresInPlaceEqualTheTileScores() {
        Random rnd = new Random(44);
        try (CpuBackend scalar = TestData.Kind.SCALAR.create(1); CpuBackend vector = TestData.Kind.VECTOR.create(1)) {
            for (int len : new int[] {3, 6, 7, 20, 64, 128})
            for (int nq : new int[] {1, 2, 3, 5}) {
                float[] q = TestData.random(rnd, nq * (len + 3), 0.5f);
                int kOff = 5;
                float[] k = TestData.random(rnd, kOff + CpuBuffer.TILE * len + 7, 0.5f);
                float[] tile = Arrays.copyOfRange(k, kOff, kOff + CpuBuffer.TILE * len);
                int stride = 2 * CpuBuffer.TILE + 1;
                float[][] out = new float[3][nq * stride + 1];
                scalar.tileScoresF32(q, 1, len + 3, nq, k, kOff, len, 0.125f, out[0], 1, stride);
                vector.tileScoresF32(q, 1, len + 3, nq, k, kOff, len, 0.125f, out[1], 1, stride);
                vector.tileScores(q, 1, len + 3, nq, tile, len, 0.125f, out[2], 1, stride);
                assertThat(TestData.bitsDiffer(out[0], out[1])).as("scalar, head size %d, %d queries", len, nq).isZero();
                assertThat(TestData.bitsDiffer(out[2], out[1])).as("widened tile, head size %d, %d queries", len, nq).isZero();
                assertThat(out[1][1 + (nq - 1) * stride + CpuBuffer.TILE - 1]).isNotZero();
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

    /** An F32 cache of {@code values}' rows ({@code width} wide), keys in tiles or rows, appended row by row. */
    private static Buffer cache(Backend b, float[] values, int width, boolean tiled) {
        int rows = values.length / width;
        Buffer buffer = tiled ? b.allocateKeys(rows, width, BufferType.F32) : b.allocate(rows, width, BufferType.F32);
        Buffer all = b.upload(values, rows, width);
        for (int r = 0; r < rows; r++) {
            b.copyRows(all, r, buffer, r, 1);
        }
        return buffer;
    }
}
