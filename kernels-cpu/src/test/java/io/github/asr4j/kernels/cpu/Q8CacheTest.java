package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Q8 caches ({@link BufferType#Q8}): written rows read back as the block quantization defines them
 * (checked against a quantizer written out here, bit for bit), in rows and in key tiles; attention
 * over them equals a plain double-precision attention over the read-back values to float rounding,
 * each query gets the same bits alone, beside others and at any thread count, and the paths that
 * read the cache whole give the bits of F32 caches holding the read-back values. An infinity or NaN
 * makes its block read back NaN (propagated, not thrown).
 */
class Q8CacheTest {
    /** As {@code KeyTilesTest}: float rounding only, relative to values of magnitude 1. */
    private static final double TOLERANCE = 1e-5;

    @Test
    void rowsReadBackAsTheirBlockQuantization() {
        Random rnd = new Random(41);
        try (CpuBackend b = TestData.Kind.VECTOR.create(1)) {
            for (int rows : new int[] {1, 16, 37})
            for (int cols : new int[] {6, 20, 64, 70})   // 70: a partial last block
            for (boolean tiled : new boolean[] {false, true}) {
                String what = String.format("%d x %d, %s", rows, cols, tiled ? "tiles" : "rows");
                float[] x = TestData.random(rnd, rows * cols, 1);
                x[cols - 1] = 0;
                Buffer q8 = tiled ? b.allocateKeys(rows, cols, BufferType.Q8) : b.allocate(rows, cols, BufferType.Q8);
                assertThat(q8.type()).isEqualTo(BufferType.Q8);
                assertThat(((CpuBuffer) q8).tiled).isEqualTo(tiled);
                b.copyRows(b.upload(x, rows, cols), 0, q8, 0, rows);
                float[] back = new float[rows * cols];
                b.download(q8, 0, rows, back);
                float[] expected = quantized(x, cols);
                assertThat(TestData.bitsDiffer(expected, back)).as(what).isZero();
                for (int i = 0; i < x.length; i++) {
                    assertThat(Math.abs(x[i] - back[i])).as(what).isLessThanOrEqualTo(blockMax(x, cols, i) / 127 / 2 * 1.0001f);
                }
                // Rows 1.. into a Q8 buffer of the other layout (as they are), then to F16 and F32.
                int moved = rows - 1 % rows;
                Buffer other = tiled ? b.allocate(rows, cols, BufferType.Q8) : b.allocateKeys(rows, cols, BufferType.Q8);
                b.copyRows(q8, 1 % rows, other, 0, moved);
                float[] expectedMoved = Arrays.copyOfRange(expected, (1 % rows) * cols, rows * cols);
                float[] got = new float[moved * cols];
                b.download(other, 0, moved, got);
                assertThat(TestData.bitsDiffer(expectedMoved, got)).as(what + ", Q8 to Q8").isZero();
                Buffer f32 = b.allocate(moved, cols, BufferType.F32);
                b.copyRows(other, 0, f32, 0, moved);
                b.download(f32, 0, moved, got);
                assertThat(TestData.bitsDiffer(expectedMoved, got)).as(what + ", Q8 to F32").isZero();
                Buffer f16 = b.allocateKeys(moved, cols, BufferType.F16);
                b.copyRows(other, 0, f16, 0, moved);
                b.download(f16, 0, moved, got);
                assertThat(TestData.bitsDiffer(TestData.halves(expectedMoved), got)).as(what + ", Q8 to F16").isZero();
                // F16 in: quantized from the halves
                Buffer again = tiled ? b.allocateKeys(moved, cols, BufferType.Q8) : b.allocate(moved, cols, BufferType.Q8);
                b.copyRows(f16, 0, again, 0, moved);
                b.download(again, 0, moved, got);
                assertThat(TestData.bitsDiffer(quantized(TestData.halves(expectedMoved), cols), got)).as(what + ", F16 to Q8").isZero();
            }
        }
    }

    @Test
    void vectorAxpyEqualsTheScalarOne() {
        Random rnd = new Random(49);
        try (CpuBackend scalar = TestData.Kind.SCALAR.create(1); CpuBackend vector = TestData.Kind.VECTOR.create(1)) {
            for (int[] slice : new int[][] {{0, 64}, {64, 64}, {0, 6}, {20, 20}, {40, 30}, {3, 128}}) {
                int col = slice[0];
                int len = slice[1];
                byte[] q = new byte[col + len + 2];
                rnd.nextBytes(q);
                float[] scales = TestData.random(rnd, (col + len + 31) / 32 + 1, 0.01f);
                float[] y0 = TestData.random(rnd, len + 1, 1);
                float[] y1 = y0.clone();
                double[] expected = new double[len];
                for (int d = 0; d < len; d++) {
                    expected[d] = y0[1 + d] + 0.3 * q[2 + col + d] * scales[1 + (col + d) / 32];
                }
                scalar.q8Axpy(0.3f, q, 2 + col, scales, 1, col, len, y0, 1);
                vector.q8Axpy(0.3f, q, 2 + col, scales, 1, col, len, y1, 1);
                assertThat(TestData.bitsDiffer(y0, y1)).as("columns %d + %d", col, len).isZero();
                for (int d = 0; d < len; d++) {
                    assertThat((double) y1[1 + d]).isCloseTo(expected[d], org.assertj.core.data.Offset.offset(1e-5));
                }
            }
        }
    }

    /**
     * The value runs (a chunk's rows summed in runs of keys, coefficients precomputed) give each
     * output the bits of one {@code q8Axpy} per key and head, in key order; vector and scalar alike.
     */
    @Test
    void valueRunsEqualAnAxpyPerKeyAndHead() {
        Random rnd = new Random(50);
        int[][] shapes = {{12, 12, 64}, {6, 2, 32}, {2, 2, 96}, {5, 5, 32}};   // heads, KV heads, head size: 4 + singles
        try (CpuBackend scalar = TestData.Kind.SCALAR.create(1); CpuBackend vector = TestData.Kind.VECTOR.create(1)) {
            for (int[] shape : shapes)
            for (int nq : new int[] {1, 2, 4, 5, 9})
            for (int keys : new int[] {CpuBackend.Q8_RUN_KEYS, 7}) {
                int heads = shape[0];
                int group = heads / shape[1];
                int headDim = shape[2];
                int width = heads * headDim;
                int kvWidth = shape[1] * headDim;
                int perHead = headDim / CpuBuffer.Q8_BLOCK;
                int blocks = heads * perHead;
                byte[] v = new byte[3 + keys * kvWidth];
                rnd.nextBytes(v);
                float[] scales = TestData.random(rnd, keys * kvWidth / CpuBuffer.Q8_BLOCK, 0.01f);
                float[] w = TestData.random(rnd, nq * heads * keys, 1);
                float[] coef = new float[nq * blocks * CpuBackend.Q8_RUN_KEYS];
                for (int i = 0; i < nq; i++)
                for (int h = 0; h < heads; h++)
                for (int b = 0; b < perHead; b++)
                for (int k = 0; k < keys; k++) {
                    coef[((i * heads + h) * perHead + b) * CpuBackend.Q8_RUN_KEYS + k] = w[(i * heads + h) * keys + k]
                            * scales[k * kvWidth / CpuBuffer.Q8_BLOCK + (h / group) * perHead + b];
                }
                float[] expected = TestData.random(rnd, nq * width, 1);
                float[] s0 = expected.clone();
                float[] s1 = expected.clone();
                for (int k = 0; k < keys; k++)
                for (int i = 0; i < nq; i++)
                for (int h = 0; h < heads; h++) {
                    int kvCol = (h / group) * headDim;
                    scalar.q8Axpy(w[(i * heads + h) * keys + k], v, 3 + k * kvWidth + kvCol, scales, k * kvWidth / CpuBuffer.Q8_BLOCK,
                            kvCol, headDim, expected, i * width + h * headDim);
                }
                scalar.q8ValueRun(coef, nq, keys, v, 3, kvWidth, heads, group, headDim, s0, width);
                vector.q8ValueRun(coef, nq, keys, v, 3, kvWidth, heads, group, headDim, s1, width);
                String what = String.format("%d/%d heads of %d, %d queries, %d keys", heads, shape[1], headDim, nq, keys);
                assertThat(TestData.bitsDiffer(expected, s0)).as("scalar, " + what).isZero();
                assertThat(TestData.bitsDiffer(expected, s1)).as("vector, " + what).isZero();
            }
            for (int n : new int[] {CpuBackend.Q8_RUN_KEYS, 7, 37}) {       // the coefficients' products
                float[] a = TestData.random(rnd, n + 1, 1);
                float[] b = TestData.random(rnd, n + 2, 0.01f);
                float[][] out = new float[2][n + 3];
                scalar.multiply(a, 1, b, 2, out[0], 3, n);
                vector.multiply(a, 1, b, 2, out[1], 3, n);
                assertThat(TestData.bitsDiffer(out[0], out[1])).as("%d products", n).isZero();
                assertThat(out[1][3 + n - 1]).isEqualTo(a[n] * b[n + 1]);
            }
        }
    }

    @Test
    void vectorTileScoresEqualTheScalarOnes() {
        Random rnd = new Random(48);
        try (CpuBackend scalar = TestData.Kind.SCALAR.create(1); CpuBackend vector = TestData.Kind.VECTOR.create(1)) {
            for (int[] slice : new int[][] {{0, 64}, {64, 64}, {0, 6}, {20, 20}, {40, 30}, {3, 128}})   // col, len: blocks cut anywhere
            for (int nq : new int[] {1, 3, 4, 5, 9}) {   // singles, fours, a five
                int col = slice[0];
                int len = slice[1];
                byte[] k = new byte[CpuBuffer.TILE * (col + len) + 1];
                rnd.nextBytes(k);
                int blocks = (col + len + 31) / 32;
                float[] scales = TestData.random(rnd, CpuBuffer.TILE * blocks + 2, 0.01f);
                float[] q = TestData.random(rnd, nq * (len + 3), 0.5f);
                int stride = 2 * CpuBuffer.TILE + 1;
                float[][] out = new float[2][nq * stride + 1];
                scalar.q8TileScores(q, 1, len + 3, nq, k, 1 + col * CpuBuffer.TILE, scales, 2, col, len, 0.125f, out[0], 1, stride);
                vector.q8TileScores(q, 1, len + 3, nq, k, 1 + col * CpuBuffer.TILE, scales, 2, col, len, 0.125f, out[1], 1, stride);
                assertThat(TestData.bitsDiffer(out[0], out[1])).as("columns %d + %d, %d queries", col, len, nq).isZero();
                for (int i = 0; i < nq; i++) {
                    for (int l = 0; l < CpuBuffer.TILE; l++) {
                        double dot = 0;
                        for (int d = 0; d < len; d++) {
                            dot += (double) q[1 + i * (len + 3) + d] * k[1 + (col + d) * CpuBuffer.TILE + l]
                                    * scales[2 + (col + d) / 32 * CpuBuffer.TILE + l];
                        }
                        assertThat((double) out[1][1 + i * stride + l]).isCloseTo(dot * 0.125, org.assertj.core.data.Offset.offset(1e-5));
                    }
                }
            }
        }
    }

    @Test
    void aBlockWithAnInfinityOrNanReadsBackNan() {
        try (CpuBackend b = TestData.Kind.VECTOR.create(1)) {
            for (float special : new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN}) {
                float[] x = TestData.random(new Random(42), 3 * 70, 1);
                x[70 + 40] = special;                    // row 1, block 1 (columns 32 .. 63)
                Buffer q8 = b.allocateKeys(3, 70, BufferType.Q8);
                b.copyRows(b.upload(x, 3, 70), 0, q8, 0, 3);
                float[] back = new float[3 * 70];
                b.download(q8, 0, 3, back);
                for (int i = 0; i < back.length; i++) {
                    boolean inBlock = i >= 70 + 32 && i < 70 + 64;
                    assertThat(Float.isNaN(back[i])).as("%s at %d", special, i).isEqualTo(inBlock);
                }
                // and attention over it: every query's output NaN (the key reaches every head of its block)
                Buffer v = b.allocate(3, 70, BufferType.Q8);
                b.copyRows(b.upload(TestData.random(new Random(43), 3 * 70, 1), 3, 70), 0, v, 0, 3);
                float[] q = TestData.random(new Random(44), 70, 0.5f);
                float[] out = TestData.attention(b, q, 1, q8, v, 3, 1, 1, AttentionMask.full());
                assertThat(Float.isNaN(out[0])).as("%s: attention output", special).isTrue();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void fewQueriesOverQ8CachesMatchAPlainAttentionOfTheReadBackValues(TestData.Kind kind) {
        Random rnd = new Random(45);
        int[][] shapes = {{12, 12, 64}, {6, 2, 20}, {4, 4, 6}};   // heads, KV heads, head size
        for (int[] shape : shapes)
        for (int nkv : new int[] {37, 301}) {                     // partial last tile (and chunk)
            int heads = shape[0];
            int kvHeads = shape[1];
            int headDim = shape[2];
            int width = heads * headDim;
            int kvWidth = kvHeads * headDim;
            float[] k = TestData.random(rnd, (nkv + 5) * kvWidth, 0.5f);   // a cache longer than its filled part
            float[] v = TestData.random(rnd, (nkv + 5) * kvWidth, 1);
            float[] kq = Arrays.copyOf(quantized(k, kvWidth), nkv * kvWidth);
            float[] vq = Arrays.copyOf(quantized(v, kvWidth), nkv * kvWidth);
            for (int nq : new int[] {1, 2, 4, 5, 9}) {
                float[] q = TestData.random(rnd, nq * width, 0.5f);
                float[] first = null;
                for (int threads : new int[] {1, 3}) {
                    try (CpuBackend b = kind.create(threads)) {
                        Buffer kb = q8(b, k, kvWidth, true);
                        Buffer vb = q8(b, v, kvWidth, false);
                        String what = String.format("%s, %d/%d heads of %d, %d keys, %d queries, %d threads", kind, heads,
                                kvHeads, headDim, nkv, nq, threads);
                        float[] each = TestData.each(b, q, nq, kb, vb, nkv, heads, kvHeads);
                        assertClose(reference(q, nq, kq, vq, nkv, heads, kvHeads, AttentionMask.full()), each, what);
                        for (int i = 0; i < nq; i++) {
                            float[] qi = Arrays.copyOfRange(q, i * width, (i + 1) * width);
                            float[] alone = TestData.attention(b, qi, 1, kb, vb, nkv, heads, kvHeads, AttentionMask.full());
                            assertThat(TestData.bitsDiffer(alone, Arrays.copyOfRange(each, i * width, (i + 1) * width)))
                                    .as("%s: row %d against its one-query attention", what, i).isZero();
                        }
                        if (first == null) {
                            first = each;
                        }
                        assertThat(TestData.bitsDiffer(first, each)).as(what + " against 1 thread").isZero();
                        if (nq < 4) {
                            AttentionMask causal = AttentionMask.causal(nkv - nq);
                            assertClose(reference(q, nq, kq, vq, nkv, heads, kvHeads, causal),
                                    TestData.attention(b, q, nq, kb, vb, nkv, heads, kvHeads, causal), what + ", causal");
                        }
                    }
                }
            }
        }
    }

    /** Many queries, windowed masks, the alignment weights, Q8 keys in rows, one Q8 and one F16 cache: F32 caches of the read-back values, bit for bit. */
    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void wholeCachePathsReadQ8AsTheirF32ReadBack(TestData.Kind kind) {
        Random rnd = new Random(46);
        int heads = 6;
        int kvHeads = 2;
        int headDim = 20;
        int nkv = 150;
        int width = heads * headDim;
        int kvWidth = kvHeads * headDim;
        float[] k = TestData.random(rnd, nkv * kvWidth, 0.5f);
        float[] v = TestData.random(rnd, nkv * kvWidth, 1);
        try (CpuBackend b = kind.create(2)) {
            Buffer kTiles = q8(b, k, kvWidth, true);
            Buffer kRows = q8(b, k, kvWidth, false);
            Buffer vb = q8(b, v, kvWidth, false);
            Buffer kf = b.upload(quantized(k, kvWidth), nkv, kvWidth);
            Buffer vf = b.upload(quantized(v, kvWidth), nkv, kvWidth);
            for (int nq : new int[] {2, 6, 40}) {
                float[] q = TestData.random(rnd, nq * width, 0.5f);
                for (AttentionMask mask : new AttentionMask[] {AttentionMask.full(), AttentionMask.causal(nkv - nq),
                        AttentionMask.windowed(50, nkv - nq)}) {
                    float[] f32 = TestData.attention(b, q, nq, kf, vf, nkv, heads, kvHeads, mask);
                    if (nq > 2 || mask.kind() == AttentionMask.Kind.WINDOWED) {
                        assertThat(TestData.bitsDiffer(f32, TestData.attention(b, q, nq, kTiles, vb, nkv, heads, kvHeads, mask)))
                                .as("%d queries, %s", nq, mask).isZero();
                    }
                    assertThat(TestData.bitsDiffer(f32, TestData.attention(b, q, nq, kRows, vb, nkv, heads, kvHeads, mask)))
                            .as("keys in rows, %d queries, %s", nq, mask).isZero();
                    assertThat(TestData.bitsDiffer(f32, TestData.attention(b, q, nq, kRows, vf, nkv, heads, kvHeads, mask)))
                            .as("Q8 keys, F32 values, %d queries, %s", nq, mask).isZero();
                }
                Buffer qb = b.upload(q, nq, width);
                float[][] weights = new float[2][];
                for (int t = 0; t < 2; t++) {
                    Buffer out = b.allocate(heads, nq * nkv, BufferType.F32);
                    b.attentionWeights(qb, t == 0 ? kf : kTiles, nkv, heads, kvHeads, AttentionMask.full(), out);
                    weights[t] = new float[heads * nq * nkv];
                    b.download(out, 0, heads, weights[t]);
                }
                assertThat(TestData.bitsDiffer(weights[0], weights[1])).as("weights, %d queries", nq).isZero();
            }
        }
    }

    private static float[] quantized(float[] x, int cols) {
        return TestData.q8ReadBack(x, cols);
    }

    private static float blockMax(float[] x, int cols, int i) {
        int r = i / cols;
        int c0 = (i % cols) / 32 * 32;
        float max = 0;
        for (int c = c0; c < Math.min(cols, c0 + 32); c++) {
            max = Math.max(max, Math.abs(x[r * cols + c]));
        }
        return max;
    }

    /** Attention in double over float caches {@code [nkv, kvWidth]}: scores, softmax over the keys the mask shows, weighted values. */
    private static float[] reference(float[] q, int nq, float[] k, float[] v, int nkv, int heads, int kvHeads,
                                     AttentionMask mask) {
        int headDim = q.length / nq / heads;
        int width = heads * headDim;
        int kvWidth = kvHeads * headDim;
        float[] out = new float[nq * width];
        double scale = (float) (1 / Math.sqrt(headDim));
        for (int i = 0; i < nq; i++)
        for (int h = 0; h < heads; h++) {
            int kvCol = h / (heads / kvHeads) * headDim;
            int lo = mask.firstKey(i);
            int hi = mask.endKey(i, nkv);
            double[] s = new double[hi];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = lo; j < hi; j++) {
                double dot = 0;
                for (int d = 0; d < headDim; d++) {
                    dot += (double) q[i * width + h * headDim + d] * k[j * kvWidth + kvCol + d];
                }
                s[j] = dot * scale;
                max = Math.max(max, s[j]);
            }
            double sum = 0;
            for (int j = lo; j < hi; j++) {
                s[j] = Math.exp(s[j] - max);
                sum += s[j];
            }
            for (int d = 0; d < headDim; d++) {
                double acc = 0;
                for (int j = lo; j < hi; j++) {
                    acc += s[j] * v[j * kvWidth + kvCol + d];
                }
                out[i * width + h * headDim + d] = (float) (acc / sum);
            }
        }
        return out;
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertThat(worst).as(what + ": largest difference from the double attention of the read-back values")
                .isLessThan(TOLERANCE);
    }

    private static Buffer q8(Backend b, float[] values, int width, boolean keys) {
        int rows = values.length / width;
        Buffer buffer = keys ? b.allocateKeys(rows, width, BufferType.Q8) : b.allocate(rows, width, BufferType.Q8);
        b.copyRows(b.upload(values, rows, width), 0, buffer, 0, rows);
        return buffer;
    }
}
