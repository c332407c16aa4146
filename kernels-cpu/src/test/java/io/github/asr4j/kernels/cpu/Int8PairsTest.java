package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.WeightFormat;
import io.github.asr4j.loader.DType;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Four and five input rows against two int8 weight rows at once ({@code Int8Weights.Simd.dots4PairInt8},
 * {@code dots5PairInt8}): every output of a 4-, 5- or 16-row product keeps the bits of its row's one-row product
 * ({@code dot}).
 */
class Int8PairsTest {

    /**
     * Rows of 768, 1,024, 64 (one block pair) and 3,072 (long rows: pairs, not parts); 37, 203 and 600
     * output rows (tasks of odd row counts: an odd last row as a pair of itself); weights with zero blocks and
     * inputs up to ±1e4; bias; 1 and 2 threads; one matrix and three in one pass ({@code linearsRows}).
     */
    @Test
    void fewRowsEqualEachRowAlone() {
        Random rnd = new Random(8888);
        for (int in : new int[] {768, 1024, 64, 3072}) {
            for (int out : new int[] {37, 203, 600}) {
                if (in == 3072 && out == 600) {
                    continue;
                }
                float[] values = TestData.random(rnd, out * in, 0.1f);
                java.util.Arrays.fill(values, 5 * in + 32, 5 * in + 64, 0f); // a block of zeros: scale 0
                for (int threads : new int[] {1, 2}) {
                    try (CpuBackend b = (CpuBackend) Backends.vector(threads, WeightFormat.INT8)) {
                        WeightMatrix[] m = new WeightMatrix[3];
                        for (int j = 0; j < m.length; j++) {
                            float[] v = j == 0 ? values : TestData.random(rnd, out * in, 0.1f);
                            m[j] = (WeightMatrix) b.matrix(TestData.tensor("w" + j, DType.F32, v, out, in));
                        }
                        assertThat(m[0].dtype()).isEqualTo(DType.I8);
                        assertThat(m[0].pairs(4)).as("pairs of four rows, %d columns", in)
                                .isEqualTo(Int8Weights.Simd.PAIR_KERNELS);
                        assertThat(m[0].pairs(5)).as("pairs of five rows, %d columns", in)
                                .isEqualTo(Int8Weights.Simd.PAIR_KERNELS);
                        for (int n : new int[] {4, 5, 16}) {
                            float[] x = TestData.random(rnd, n * in, 1f);
                            x[1 * in + 7] = 1e4f;
                            x[3 * in + 1] = -1e4f;
                            float[] bias = TestData.random(rnd, out, 1f);
                            String what = String.format("[%d, %d], %d rows, %d threads", out, in, n, threads);
                            TestData.assertFewRowProductsAsDots(b, x, n, in, m, bias, what);
                        }
                    }
                }
            }
        }
    }

    /** Rows the pair kernels do not take: an odd count of blocks, a partial block; and other input row counts. */
    @Test
    void pairsOnlyWhereTheyFit() {
        Random rnd = new Random(8);
        try (CpuBackend b = (CpuBackend) Backends.vector(1, WeightFormat.INT8)) {
            for (int in : new int[] {224, 235, 3104, 2 * RowParts.PART}) {
                WeightMatrix m = (WeightMatrix) b.matrix(TestData.tensor("w", DType.F32, TestData.random(rnd, 8 * in, 0.1f), 8, in));
                boolean fits = Int8Weights.Simd.PAIR_KERNELS && in % 64 == 0;
                assertThat(m.pairs(5)).as("%d columns", in).isEqualTo(fits);
                assertThat(m.pairs(4)).as("%d columns", in).isEqualTo(fits);
                assertThat(m.pairs(3)).isFalse();
                assertThat(m.pairs(6)).isFalse();
            }
        }
    }
}
