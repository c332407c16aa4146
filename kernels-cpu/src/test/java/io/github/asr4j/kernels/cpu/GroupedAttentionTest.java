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
 * {@link Backend#attentionEach(Buffer, int[], Buffer[], Buffer[], int, int, int, Buffer)}: rows in
 * groups, each group over its own cache (a batch of windows, some with beams): every row gets
 * the bits of its one-row attention over its group's cache (a lone row also that of its causal
 * attention at the cache's last position, as the decoder's self-attention asks), at any thread count,
 * in every cache form (the decoder's tiled F16 keys take the one-pass path, and Q8 tiled keys and F16
 * rows with one row per cache; the others one call per group).
 */
class GroupedAttentionTest {
    /**
     * Rows per group: a lone row, an empty group, beams, a pair, a lone row; and one row per window
     * (with an empty group), which Q8 caches take in one pass too.
     */
    private static final int[][] SIZES = {{1, 0, 5, 2, 1}, {1, 0, 1, 1}};

    /** The decoder's F16 tiles (one pass), F16 rows and Q8 tiled keys (one pass for one row per cache), F32 (one call per group). */
    enum Form { TILED_F16, ROWS_F16, F32, Q8 }

    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void everyRowGetsItsOneRowBits(TestData.Kind kind) {
        Random rnd = new Random(41);
        int[][] shapes = {{12, 12, 64}, {6, 2, 20}, {4, 2, 32}};   // heads, KV heads, head size
        for (int[] sizes : SIZES)
        for (int[] shape : shapes)
        for (int nkv : new int[] {37, 301})
        for (Form form : Form.values()) {
            int[] first = new int[sizes.length + 1];
            for (int g = 0; g < sizes.length; g++) {
                first[g + 1] = first[g] + sizes[g];
            }
            int nq = first[sizes.length];
            int heads = shape[0];
            int kvHeads = shape[1];
            int width = heads * shape[2];
            int kvWidth = kvHeads * shape[2];
            float[][] k = new float[sizes.length][];
            float[][] v = new float[sizes.length][];
            for (int g = 0; g < sizes.length; g++) {
                k[g] = TestData.random(rnd, (nkv + 3) * kvWidth, 0.5f);   // caches longer than their filled part
                v[g] = TestData.random(rnd, (nkv + 3) * kvWidth, 1);
            }
            float[] q = TestData.random(rnd, nq * width, 0.5f);
            float[] one = null;
            for (int threads : new int[] {1, 3}) {
                try (CpuBackend b = kind.create(threads)) {
                    Buffer[] kb = new Buffer[sizes.length];
                    Buffer[] vb = new Buffer[sizes.length];
                    for (int g = 0; g < sizes.length; g++) {
                        kb[g] = cache(b, k[g], kvWidth, form, true);
                        vb[g] = cache(b, v[g], kvWidth, form, false);
                    }
                    String what = String.format("%s, %s, %d/%d heads of %d, %d keys, %d threads", kind, form, heads, kvHeads,
                            shape[2], nkv, threads);
                    Buffer out = b.allocate(nq, width, BufferType.F32);
                    b.attentionEach(b.upload(q, nq, width), first, kb, vb, nkv, heads, kvHeads, out);
                    float[] grouped = new float[nq * width];
                    b.download(out, 0, nq, grouped);
                    for (int g = 0; g < sizes.length; g++) {
                        for (int i = first[g]; i < first[g + 1]; i++) {
                            Buffer row = b.upload(Arrays.copyOfRange(q, i * width, (i + 1) * width), 1, width);
                            Buffer alone = b.allocate(1, width, BufferType.F32);
                            b.attention(row, kb[g], vb[g], nkv, heads, kvHeads, AttentionMask.full(), alone);
                            float[] a = new float[width];
                            b.download(alone, 0, 1, a);
                            assertThat(TestData.bitsDiffer(a, Arrays.copyOfRange(grouped, i * width, (i + 1) * width)))
                                    .as("%s: row %d of group %d against its one-row attention", what, i, g).isZero();
                            if (first[g + 1] - first[g] == 1) {
                                // a decoder's new row over its self-attention cache: causal at the last position
                                b.attention(row, kb[g], vb[g], nkv, heads, kvHeads, AttentionMask.causal(nkv - 1), alone);
                                b.download(alone, 0, 1, a);
                                assertThat(TestData.bitsDiffer(a, Arrays.copyOfRange(grouped, i * width, (i + 1) * width)))
                                        .as("%s: row %d of group %d against its causal one-row attention", what, i, g).isZero();
                            }
                        }
                    }
                    if (one == null) {
                        one = grouped;
                    }
                    assertThat(TestData.bitsDiffer(one, grouped)).as(what + " against 1 thread").isZero();
                }
            }
        }
    }

    @Test
    void rejectsGroupsThatDoNotCoverTheRows() {
        try (CpuBackend b = TestData.Kind.VECTOR.create(1)) {
            Buffer q = b.allocate(3, 8, BufferType.F32);
            Buffer out = b.allocate(3, 8, BufferType.F32);
            Buffer[] kv = {b.allocateKeys(4, 8, BufferType.F16), b.allocateKeys(4, 8, BufferType.F16)};
            assertThatThrownBy(() -> b.attentionEach(q, new int[] {0, 2}, kv, kv, 4, 2, 2, out))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group starts");
            assertThatThrownBy(() -> b.attentionEach(q, new int[] {0, 2, 4}, kv, kv, 4, 2, 2, out))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cover rows");
            assertThatThrownBy(() -> b.attentionEach(q, new int[] {0, 3, 2, 3}, new Buffer[] {kv[0], kv[1], kv[0]},
                    new Buffer[] {kv[0], kv[1], kv[0]}, 4, 2, 2, out))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group 1");
            assertThatThrownBy(() -> b.attentionEach(q, new int[] {0, 1, 3}, kv, kv, 5, 2, 2, out))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not hold 5 rows");
        }
    }

    private static Buffer cache(Backend b, float[] values, int width, Form form, boolean keys) {
        int rows = values.length / width;
        Buffer host = b.upload(values, rows, width);
        if (form == Form.F32) {
            return host;
        }
        BufferType type = form == Form.Q8 ? BufferType.Q8 : BufferType.F16;
        Buffer buffer = keys && form != Form.ROWS_F16 ? b.allocateKeys(rows, width, type) : b.allocate(rows, width, type);
        b.copyRows(host, 0, buffer, 0, rows);
        return buffer;
    }
}
