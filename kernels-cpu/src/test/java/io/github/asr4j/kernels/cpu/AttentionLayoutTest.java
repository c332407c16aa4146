package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorAttention} with its streamed panels (transposed keys, packed values) and per-thread tiles at
 * {@link AlignedRows#OFFSET} in arrays kept humongous gives the bits of the plain layout (everything at 0 in
 * ordinary arrays), call after call on the same instances as shapes grow and shrink: queries 4 to 1500,
 * causal with and without past keys, grouped heads, widths 64 and 128, query and key rows of a larger array
 * (windows). Small shapes are also checked against the double reference.
 */
class AttentionLayoutTest {
    @Test
    void alignedLayoutGivesThePlainLayoutsBits() {
        int[][] shapes = { // nq, nkv, heads, kvHeads, headDim, causal, past
            {4, 4, 2, 2, 64, 0, 0}, {5, 9, 3, 1, 64, 0, 0}, {7, 7, 4, 2, 128, 1, 0}, {13, 40, 2, 2, 64, 1, 27},
            {1500, 1500, 12, 12, 64, 0, 0}, {24, 24, 6, 6, 64, 0, 0}, {25, 300, 4, 2, 128, 1, 275},
            {104, 104, 14, 14, 64, 0, 0}, {150, 170, 16, 8, 128, 1, 20}, {257, 700, 3, 3, 64, 0, 0},
            {999, 1500, 6, 2, 64, 1, 501}, {61, 61, 2, 2, 64, 0, 0}, {300, 300, 5, 5, 128, 0, 0},
        };
        Random rnd = new Random(23);
        for (int threads : new int[] {1, 3}) {
            try (WorkerPool pool = new WorkerPool(threads)) {
                VectorAttention aligned = new VectorAttention(true);
                VectorAttention plain = new VectorAttention(false);
                for (int[] s : shapes) {
                    int nq = s[0], nkv = s[1], heads = s[2], kvHeads = s[3], hd = s[4], past = s[6];
                    boolean causal = s[5] == 1;
                    float[] q = TestData.random(rnd, nq * heads * hd, 0.5f);
                    float[] k = TestData.random(rnd, nkv * kvHeads * hd, 0.5f);
                    float[] v = TestData.random(rnd, nkv * kvHeads * hd, 1f);
                    float[] a = new float[q.length];
                    float[] b = new float[q.length];
                    aligned.run(pool, q, nq, k, v, nkv, heads, kvHeads, hd, causal, past, a);
                    plain.run(pool, q, nq, k, v, nkv, heads, kvHeads, hd, causal, past, b);
                    String shape = java.util.Arrays.toString(s) + " threads " + threads;
                    assertThat(TestData.bitsDiffer(a, b)).as("outputs differing, %s", shape).isZero();
                    if (heads == kvHeads && nq * nkv <= 300 * 300) {
                        double[] ref = AttentionTest.reference(q, nq, k, v, nkv, heads, hd, causal, past);
                        double worst = 0;
                        for (int i = 0; i < a.length; i++) {
                            worst = Math.max(worst, Math.abs(a[i] - ref[i]));
                        }
                        assertThat(worst).as("error against the double reference, %s", shape).isLessThan(1e-5);
                    }
                    if (!causal && nq == nkv) { // three windows: rows of larger arrays
                        int rows = 3 * nq;
                        float[] q3 = TestData.random(rnd, rows * heads * hd, 0.5f);
                        float[] k3 = TestData.random(rnd, rows * kvHeads * hd, 0.5f);
                        float[] v3 = TestData.random(rnd, rows * kvHeads * hd, 1f);
                        float[] a3 = new float[q3.length];
                        float[] b3 = new float[q3.length];
                        for (int w = 0; w < 3; w++) {
                            aligned.run(pool, q3, w * nq, nq, k3, v3, w * nq, nq, heads, kvHeads, hd, false, 0, a3);
                            plain.run(pool, q3, w * nq, nq, k3, v3, w * nq, nq, heads, kvHeads, hd, false, 0, b3);
                        }
                        assertThat(TestData.bitsDiffer(a3, b3)).as("windowed outputs differing, %s", shape).isZero();
                    }
                }
            }
        }
    }
}
