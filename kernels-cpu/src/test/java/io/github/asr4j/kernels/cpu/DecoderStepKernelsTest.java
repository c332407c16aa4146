package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.kernels.AttentionMask;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.WeightFormat;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.Tensor;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The decoder step's kernels give each row the result it would get alone: in the vector backend a
 * product over a few input rows (beams, batched files) equals the single-row product of each row
 * bit for bit, in every weight format; the few-queries attention (chunks of keys, each read row by
 * row) gives each query the same bits alone or beside others and at any thread count, equals the
 * per-head dot-product path bit for bit where a query sees one chunk of keys and within
 * {@link #TOLERANCE} where the chunks are combined, over F32 and F16 caches, full and causal, with GQA.
 */
class DecoderStepKernelsTest {

    /** The vector backend's promise (the plain-Java fallback takes its matrix product from two rows on). */
    @org.junit.jupiter.api.Test
    void aRowOfAFewRowProductEqualsItsProductAlone() {
        TestData.Kind kind = TestData.Kind.VECTOR;
        Random rnd = new Random(21);
        int out = 71;
        // Inputs not a multiple of any vector length, so the scalar tails count. I8 (F32 weights
        // quantized at load) also with 235: 203 is six whole blocks of 32 and a partial one, 235 seven.
        // F16 also with 219: an odd count of whole vectors at 8 and 16 lanes (the 5-row pair kernel
        // unrolls by the even/odd pair and ends with an even one alone).
        for (DType dt : new DType[] {DType.F32, DType.F16, DType.BF16, DType.I8}) {
            boolean int8 = dt == DType.I8;
            for (int in : int8 ? new int[] {203, 235} : dt == DType.F16 ? new int[] {203, 219} : new int[] {203}) {
                Tensor w = TestData.tensor("w", int8 ? DType.F32 : dt, TestData.random(rnd, out * in, 0.1f), out, in);
                float[] bias = TestData.random(rnd, out, 1f);
                for (int n = 2; n <= VectorBackend.FEW_ROWS; n++) {
                    float[] x = TestData.random(rnd, n * in, 1f);
                    for (int threads : new int[] {1, 3}) {
                        try (CpuBackend b = int8 ? (CpuBackend) Backends.vector(threads, WeightFormat.INT8) : kind.create(threads)) {
                            Backend.Matrix m = b.matrix(w);
                            assertThat(((WeightMatrix) m).dtype()).isEqualTo(dt);
                            assertEachRowAsAlone(b, m, x, n, bias, dt + ", " + in + " inputs, " + threads + " threads");
                        }
                    }
                }
            }
        }
    }

    /**
     * Rows long enough that a task's weight rows span several blocks (each group of input rows passes
     * over one block before the next is read), groups of 8, 5, 4 and fewer input rows, and an F16
     * weight row holding an infinity and a NaN (the 8-row kernel hands it to the per-row kernel):
     * every row bit-identical to its product alone, at 1 and 2 threads.
     */
    @org.junit.jupiter.api.Test
    void aFewRowProductOverSeveralWeightBlocksEqualsEachRowAlone() {
        Random rnd = new Random(23);
        int out = 150;
        int in = 2051;   // 4 KB F16 rows: a 128 KB block holds 31 of them; a scalar tail of 3
        for (DType dt : new DType[] {DType.F32, DType.F16, DType.BF16}) {
            float[] values = TestData.random(rnd, out * in, 0.1f);
            values[37 * in + 5] = Float.POSITIVE_INFINITY;
            values[37 * in + 900] = Float.NaN;
            Tensor w = TestData.tensor("w", dt, values, out, in);
            for (int n : new int[] {5, 8, 9, 13, 16}) {
                float[] x = TestData.random(rnd, n * in, 1f);
                for (int threads : new int[] {1, 2}) {
                    try (CpuBackend b = TestData.Kind.VECTOR.create(threads)) {
                        Backend.Matrix m = b.matrix(w);
                        float[] together = assertEachRowAsAlone(b, m, x, n, null, dt + ", " + threads + " threads");
                        for (int i = 0; i < n; i++) {
                            assertThat(Float.isNaN(together[i * out + 37])).as("%s: the weight row with a NaN gives NaN", dt).isTrue();
                        }
                    }
                }
            }
        }
    }

    /**
     * The F16 pair kernels take their inputs times 2¹¹² and leave the decode's multiply out: exact for
     * subnormal weights, subnormal inputs and inputs just below 2¹⁶ (scaled: just below the float
     * maximum); an input of 2¹⁶ or more sends the product to the unscaled kernels. Every row
     * bit-identical to its product alone, at 1 and 2 threads.
     */
    @org.junit.jupiter.api.Test
    void anF16FewRowProductEqualsEachRowAloneAtTheEdgesOfItsScaledInputs() {
        Random rnd = new Random(29);
        int out = 71;
        int in = 219;
        float[] values = TestData.random(rnd, out * in, 0.1f);
        for (int i = 0; i < values.length; i += 7) {
            values[i] *= 1e-4f; // halves below 2^-14: subnormal
        }
        Tensor w = TestData.tensor("w", DType.F16, values, out, in);
        for (float big : new float[] {65504f, Math.nextDown(65536f), 65536f, 1e6f}) {
            for (int n : new int[] {5, 6, 16}) {
                float[] x = TestData.random(rnd, n * in, 1f);
                x[3] = big;
                x[n * in - 2] = -big;
                x[in + 1] = 1e-40f; // a subnormal input
                for (int threads : new int[] {1, 2}) {
                    try (CpuBackend b = TestData.Kind.VECTOR.create(threads)) {
                        assertEachRowAsAlone(b, b.matrix(w), x, n, null, "input " + big + ", " + threads + " threads");
                    }
                }
            }
        }
    }

    /**
     * Long rows (F16, five input rows, and the 5-row groups of sixteen), which the pair kernel takes a part
     * at a time ({@link F16PairParts}): two and three whole parts, an odd vector count, a scalar tail; a
     * seventh of the weights subnormal, inputs near 2¹⁶ (65504 scaled; 65536 sends the product to the
     * unscaled kernels), a subnormal input, a weight row with an infinity and one with a NaN: every row
     * bit-identical to its product alone, at 1 and 2 threads.
     */
    @org.junit.jupiter.api.Test
    void anF16FewRowProductOverLongRowsEqualsEachRowAlone() {
        Random rnd = new Random(31);
        int out = 46;
        for (int in : new int[] {2 * RowParts.PART, 3072, 3088, 3091}) {
            assertThat(RowParts.cuts(in)).isTrue();
            float[] values = TestData.random(rnd, out * in, 0.1f);
            for (int i = 0; i < values.length; i += 7) {
                values[i] *= 1e-4f; // halves below 2^-14: subnormal
            }
            Tensor w = TestData.tensor("w", DType.F16, values, out, in);
            float[] special = values.clone();
            special[9 * in + 2500] = Float.NEGATIVE_INFINITY;
            special[30 * in + 17] = Float.NaN;
            Tensor ws = TestData.tensor("w", DType.F16, special, out, in);
            for (float big : new float[] {1f, 65504f, 65536f}) {
                for (int n : new int[] {5, 16}) {
                    float[] x = TestData.random(rnd, n * in, 1f);
                    x[in + 2049] = big;
                    x[n * in - 2] = -big;
                    x[3] = 1e-40f; // a subnormal input
                    for (int threads : new int[] {1, 2}) {
                        try (CpuBackend b = TestData.Kind.VECTOR.create(threads)) {
                            String what = in + " inputs, input " + big + ", " + threads + " threads";
                            assertEachRowAsAlone(b, b.matrix(w), x, n, null, what);
                            assertEachRowAsAlone(b, b.matrix(ws), x, n, null, what + ", an infinity and a NaN");
                        }
                    }
                }
            }
        }
    }

    /**
     * Long rows (int8, five input rows), which the 5-row kernel takes a part at a time ({@link Int8Parts}): two
     * and three whole parts, a width of whole blocks past the parts (3104) and a partial last block (3091); 77
     * rows (two L2 blocks and an odd count, so tasks and runs start at odd rows, inside a stored pair): every
     * output bit-identical to the whole-row kernel ({@code dots}) and to {@code dot}, with a bias, at 1, 2 and
     * 3 threads. Four rows take no parts ({@code runs(4)} is false). At 16 lanes, rows of whole block pairs (2,048,
     * 3,072) go to the pair kernel before the parts ({@code Int8PairsTest}); the others still take parts.
     */
    @org.junit.jupiter.api.Test
    void anInt8FiveRowProductOverLongRowsEqualsItsWholeRowKernelAndDot() {
        Random rnd = new Random(41);
        int out = 77;
        int n = 5;
        for (int in : new int[] {2 * RowParts.PART, 3072, 3104, 3091}) {
            Tensor w = TestData.tensor("w", DType.F32, TestData.random(rnd, out * in, 0.1f), out, in);
            float[] x = TestData.random(rnd, n * in, 1f);
            float[] bias = TestData.random(rnd, out, 1f);
            for (int threads : new int[] {1, 2, 3}) {
                try (CpuBackend b = (CpuBackend) Backends.vector(threads, WeightFormat.INT8)) {
                    WeightMatrix m = (WeightMatrix) b.matrix(w);
                    assertThat(m.runs(n)).isEqualTo(VectorWiden.INT8_SIMD);
                    assertThat(m.runs(4)).isFalse();
                    float[] product = new float[n * out];
                    b.linear(x, n, m, bias, product);
                    float[] whole = new float[n * out];
                    float[] dots = new float[n * out];
                    float[] sums = new float[WeightMatrix.WIDE_DOT_ROWS];
                    for (int o = 0; o < out; o++) {
                        m.dots(x, 0, in, n, o, sums);
                        for (int i = 0; i < n; i++) {
                            whole[i * out + o] = sums[i] + bias[o];
                            dots[i * out + o] = m.dot(x, i * in, o) + bias[o];
                        }
                    }
                    String what = in + " inputs, " + threads + " threads";
                    assertThat(TestData.bitsDiffer(whole, product)).as("%s: elements differing from dots", what).isZero();
                    assertThat(TestData.bitsDiffer(dots, product)).as("%s: elements differing from dot", what).isZero();
                }
            }
        }
    }

    /** Asserts that each of the {@code n} rows of {@code x}'s product with {@code m} has the bits of its product alone; returns the product. */
    private static float[] assertEachRowAsAlone(CpuBackend b, Backend.Matrix m, float[] x, int n, float[] bias, String what) {
        int in = m.cols();
        int out = m.rows();
        float[] together = new float[n * out];
        b.linear(x, n, m, bias, together);
        for (int i = 0; i < n; i++) {
            float[] alone = new float[out];
            b.linear(Arrays.copyOfRange(x, i * in, (i + 1) * in), 1, m, bias, alone);
            assertThat(TestData.bitsDiffer(alone, Arrays.copyOfRange(together, i * out, (i + 1) * out)))
                    .as("%s, %d rows, row %d: elements differing from the row alone", what, n, i)
                    .isZero();
        }
        return together;
    }

    /**
     * Several weight rows streamed in one pass (the single-row product) give each row its {@code dot} bit for bit.
     * Int8 (F32 weights quantized at load) also with 224 inputs (seven whole blocks: an unpaired last one), 235
     * (seven and a partial one) and 768 (Whisper's width, twelve pairs); 23 rows (an odd last one, stored beside a
     * zero row), runs of every length from every row (those from an odd row begin outside a stored pair; from four
     * rows on and with whole block pairs (768, 1,024 inputs), pairs from the run's two halves side by side, then an odd
     * pair and an odd row left over).
     * BF16 with 35 rows: runs of one to four rows from each eighth and every count left over (four adjacent rows, a
     * pair, one); 240 inputs (at 16 lanes, seven pairs of vectors widened by permutes in the four adjacent rows and one
     * vector left for the sign-extending widening).
     */
    @org.junit.jupiter.api.Test
    void weightRowsStreamedTogetherEqualTheirDotsAlone() {
        Random rnd = new Random(22);
        for (int in : new int[] {203, 1024, 224, 235, 768, 240}) {   // a scalar tail, and whole vectors only
            for (DType dt : new DType[] {DType.F32, DType.F16, DType.BF16, DType.I8}) {
                // BF16: up to four rows from each eighth, and 0-7 left over; int8: up to four pairs from each quarter, a
                // pair from each half, an odd pair and an odd row left over
                int out = dt == DType.BF16 || dt == DType.I8 ? 35 : 9;
                boolean int8 = dt == DType.I8;
                if (in == 240 ? dt != DType.BF16 : !int8 && in != 203 && in != 1024) {
                    continue;
                }
                Tensor w = TestData.tensor("w", int8 ? DType.F32 : dt, TestData.random(rnd, out * in, 0.1f), out, in);
                float[] x = TestData.random(rnd, in + 5, 1f);
                try (CpuBackend b = int8 ? (CpuBackend) Backends.vector(1, WeightFormat.INT8) : TestData.Kind.VECTOR.create(1)) {
                    WeightMatrix m = (WeightMatrix) b.matrix(w);
                    for (int first = 0; first < out; first++) {
                        for (int count = 0; first + count <= out; count++) {
                            float[] together = new float[count + 3];
                            m.dotRows(x, 5, first, count, together, 3);
                            float[] alone = new float[count + 3];
                            for (int i = 0; i < count; i++) {
                                alone[3 + i] = m.dot(x, 5, first + i);
                            }
                            assertThat(TestData.bitsDiffer(alone, together))
                                    .as("%s [%d, %d], rows %d..%d: elements differing from dot", dt, out, in, first, first + count)
                                    .isZero();
                        }
                    }
                    assertThat(((WeightMatrix) m).dtype()).isEqualTo(dt);
                }
            }
        }
    }

    /**
     * The F16 single-row product streams the halves of each run side by side from the input times 2¹¹²
     * ({@code dotRowsScaled}; without a finite twin, {@code dotRows}): every output keeps the bits of its {@code dot} for rows of whole pairs of vectors (768), an odd vector count (784
     * at 16 lanes), a scalar tail (203); a seventh of the weights subnormal, a row with an infinity and one with
     * a NaN (paired with finite rows, and last in odd runs), a subnormal input, inputs just below 2¹⁶ (scaled)
     * and from 2¹⁶ on (the unscaled path); runs of every length from every row, and the product at 1 and 2 threads.
     */
    @org.junit.jupiter.api.Test
    void anF16SingleRowProductEqualsItsDotsAtTheEdgesOfItsScaledInput() {
        Random rnd = new Random(32);
        int out = 13;
        for (int in : new int[] {768, 784, 203}) {
            float[] values = TestData.random(rnd, out * in, 0.1f);
            for (int i = 0; i < values.length; i += 7) {
                values[i] *= 1e-4f; // halves below 2^-14: subnormal
            }
            values[2 * in + in / 2] = Float.POSITIVE_INFINITY;
            values[12 * in + 5] = Float.NaN;
            Tensor w = TestData.tensor("w", DType.F16, values, out, in);
            for (float big : new float[] {1f, 65504f, Math.nextDown(65536f), 65536f, 1e6f}) {
                float[] x = TestData.random(rnd, in + 5, 1f);
                x[5 + 3] = big;
                x[5 + in - 1] = -big; // in the scalar tail of 203
                x[5 + 17] = 1e-40f;   // a subnormal input
                String what = "F16 [" + out + ", " + in + "], input " + big;
                for (int threads : new int[] {1, 2}) {
                    try (CpuBackend b = TestData.Kind.VECTOR.create(threads)) {
                        WeightMatrix m = (WeightMatrix) b.matrix(w);
                        assertThat(m.dtype()).isEqualTo(DType.F16);
                        float[] alone = new float[out + 3];
                        for (int o = 0; o < out; o++) {
                            alone[3 + o] = m.dot(x, 5, o);
                        }
                        // the input and its twin times the kernel's scale after it, where that is finite
                        float[] twin = Arrays.copyOf(x, 2 * in + 5);
                        boolean scaled = true;
                        for (int i = 0; i < in; i++) {
                            twin[5 + in + i] = x[5 + i] * m.rowInputScale();
                            scaled &= Float.isFinite(twin[5 + in + i]);
                        }
                        assertThat(m.rowInputScale()).isEqualTo(0x1p112f);
                        assertThat(scaled).isEqualTo(big < 65536f);
                        for (int first = 0; first < out; first++) {
                            for (int count = 0; first + count <= out; count++) {
                                float[] together = new float[out + 3];
                                Arrays.fill(together, 3, 3 + out, Float.NaN);
                                if (scaled) {
                                    m.dotRowsScaled(twin, 5, 5 + in, first, count, together, 3 + first);
                                } else {
                                    m.dotRows(x, 5, first, count, together, 3 + first);
                                }
                                float[] expected = together.clone();
                                System.arraycopy(alone, 3 + first, expected, 3 + first, count);
                                assertThat(TestData.bitsDiffer(expected, together))
                                        .as("%s, rows %d..%d: elements differing from dot", what, first, first + count)
                                        .isZero();
                            }
                        }
                        float[] product = new float[out];
                        b.linear(Arrays.copyOfRange(x, 5, 5 + in), 1, m, null, product);
                        assertThat(TestData.bitsDiffer(Arrays.copyOfRange(alone, 3, 3 + out), product))
                                .as("%s, %d threads: elements differing from dot", what, threads).isZero();
                    }
                }
            }
        }
    }

    /**
     * The int8 one-row kernels take a block's first product by a multiply, the few-row kernels by an FMA onto
     * +0; the two differ in the sign of a zero product only, which no output may show. Inputs of negative
     * zeros (a whole row, and single blocks), weight rows of zeros (a whole row, a block) and of positive
     * values (every product of a -0 input then -0): every row of a
     * 4- and 5-row product has the bits of its one-row product, and an input of zeros gives +0 everywhere.
     */
    @org.junit.jupiter.api.Test
    void int8ProductsOfSignedZerosAgreeAcrossKernels() {
        Random rnd = new Random(25);
        int out = 9;
        for (int in : new int[] {235, 768}) {
            float[] values = TestData.random(rnd, out * in, 0.1f);
            Arrays.fill(values, 2 * in, 3 * in, 0f);                // a row of zeros
            Arrays.fill(values, 4 * in + 32, 4 * in + 64, -0f);     // one block of (negative) zeros
            for (int i = 6 * in; i < 7 * in; i++) {
                values[i] = Math.abs(values[i]) + 0.01f;             // a positive row: x = -0 makes every product -0
            }
            Tensor w = TestData.tensor("w", DType.F32, values, out, in);
            for (int n : new int[] {4, 5}) {
                float[] x = TestData.random(rnd, n * in, 1f);
                Arrays.fill(x, 0, in, -0f);                          // row 0: negative zeros throughout
                Arrays.fill(x, in + 64, in + 96, -0f);               // row 1: one block of them
                for (int i = 2 * in; i < 3 * in; i += 3) {
                    x[i] = -0f;                                      // row 2: scattered
                }
                for (int threads : new int[] {1, 2}) {
                    try (CpuBackend b = (CpuBackend) Backends.vector(threads, WeightFormat.INT8)) {
                        Backend.Matrix m = b.matrix(w);
                        float[] together = assertEachRowAsAlone(b, m, x, n, null, "I8 signed zeros, " + in + " inputs, " + threads + " threads");
                        for (int o = 0; o < out; o++) {
                            assertThat(Float.floatToRawIntBits(together[o])).as("output %d of an input of -0", o).isZero();
                        }
                        assertThat(Float.floatToRawIntBits(together[out + 2])).as("a row of zero weights").isZero();
                    }
                }
            }
        }
    }

    /**
     * The int8 single-row product (each task streaming its run of rows two at a time) gives every output its
     * {@code dot} bit for bit at 1 and 2 threads: a Whisper-wide matrix whose task runs are odd (129 rows at 2
     * threads, so runs start at odd rows; at 1 thread the last run is 255 rows) and one with a partial last block.
     */
    @org.junit.jupiter.api.Test
    void anInt8SingleRowProductEqualsItsDotsAtAnyThreadCount() {
        Random rnd = new Random(24);
        for (int[] shape : new int[][] {{1029, 768}, {333, 235}}) {
            int out = shape[0];
            int in = shape[1];
            Tensor w = TestData.tensor("w", DType.F32, TestData.random(rnd, out * in, 0.1f), out, in);
            float[] x = TestData.random(rnd, in, 1f);
            float[] bias = TestData.random(rnd, out, 1f);
            for (int threads : new int[] {1, 2}) {
                try (CpuBackend b = (CpuBackend) Backends.vector(threads, WeightFormat.INT8)) {
                    WeightMatrix m = (WeightMatrix) b.matrix(w);
                    assertThat(m.dtype()).isEqualTo(DType.I8);
                    float[] product = new float[out];
                    b.linear(x, 1, m, bias, product);
                    float[] alone = new float[out];
                    for (int o = 0; o < out; o++) {
                        alone[o] = m.dot(x, 0, o) + bias[o];
                    }
                    assertThat(TestData.bitsDiffer(alone, product))
                            .as("[%d, %d], %d threads: elements differing from dot", out, in, threads).isZero();
                }
            }
        }
    }

    /**
     * The BF16 single-row product (each task streaming its run of rows a quarter apart) gives every output its
     * {@code dot} bit for bit at 1, 2 and 3 threads: runs of 129 and 128 rows (1031 at 2 threads), 86 (3
     * threads), a scalar tail (203 inputs), and a matrix smaller than one task's minimum (19 rows).
     */
    @org.junit.jupiter.api.Test
    void aBF16SingleRowProductEqualsItsDotsAtAnyThreadCount() {
        Random rnd = new Random(26);
        for (int[] shape : new int[][] {{1031, 1024}, {333, 203}, {19, 64}}) {
            int out = shape[0];
            int in = shape[1];
            Tensor w = TestData.tensor("w", DType.BF16, TestData.random(rnd, out * in, 0.1f), out, in);
            float[] x = TestData.random(rnd, in, 1f);
            float[] bias = TestData.random(rnd, out, 1f);
            for (int threads : new int[] {1, 2, 3}) {
                try (CpuBackend b = TestData.Kind.VECTOR.create(threads)) {
                    WeightMatrix m = (WeightMatrix) b.matrix(w);
                    assertThat(m.dtype()).isEqualTo(DType.BF16);
                    float[] product = new float[out];
                    b.linear(x, 1, m, bias, product);
                    float[] alone = new float[out];
                    for (int o = 0; o < out; o++) {
                        alone[o] = m.dot(x, 0, o) + bias[o];
                    }
                    assertThat(TestData.bitsDiffer(alone, product))
                            .as("[%d, %d], %d threads: elements differing from dot", out, in, threads).isZero();
                }
            }
        }
    }

    /**
     * One query over F32 caches with fewer chunks than threads splits each chunk's heads among the
     * threads (a Qwen3-ASR step): every output keeps the one-thread bits, and over one chunk equals
     * the per-head path's exactly. Qwen's shape (16 heads over 8 KV heads of 128), 1-4 threads.
     */
    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void oneQueryWithHeadsSplitAmongThreadsKeepsItsBits(TestData.Kind kind) {
        Random rnd = new Random(23);
        int heads = 16;
        int kvHeads = 8;
        int headDim = 128;
        for (int nkv : new int[] {1, 77, CpuBackend.CHUNK_KEYS, CpuBackend.CHUNK_KEYS + 1, 200, 301}) {
            float[] k = TestData.random(rnd, nkv * kvHeads * headDim, 0.5f);
            float[] v = TestData.random(rnd, nkv * kvHeads * headDim, 1);
            float[] q = TestData.random(rnd, heads * headDim, 0.5f);
            AttentionMask causal = AttentionMask.causal(nkv - 1);
            float[] oneThread = null;
            for (int threads = 1; threads <= 4; threads++) {
                try (CpuBackend b = kind.create(threads)) {
                    float[] out = attend(b, q, 1, k, v, nkv, heads, kvHeads, BufferType.F32, causal);
                    String what = String.format("%d keys, %d threads", nkv, threads);
                    if (oneThread == null) {
                        oneThread = out;
                    }
                    assertThat(TestData.bitsDiffer(oneThread, out)).as(what + " against 1 thread").isZero();
                    if (nkv <= CpuBackend.CHUNK_KEYS) {
                        float[] dots = attend(b, q, 1, k, v, nkv, heads, kvHeads, BufferType.F32,
                                AttentionMask.windowed(4 * nkv, 0));
                        assertClose(dots, out, true, what + " against the per-head path");
                    }
                }
            }
        }
    }

    /**
     * The combined chunks differ from the per-head path (one softmax over all keys) by rounding
     * only: relative to {@code max|v|} as {@link AttentionTest}'s bound against its double reference.
     */
    private static final double TOLERANCE = 1e-5;

    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void fewQueryAttentionMatchesThePerHeadDotProducts(TestData.Kind kind) {
        Random rnd = new Random(22);
        int heads = 6;
        int kvHeads = 2;
        // more keys than one chunk, not a multiple of it; and one chunk's worth, where the paths agree bit for bit
        for (int nkv : new int[] {301, CpuBackend.CHUNK_KEYS})
        // 20: rows with a partial vector; 64 (Whisper's)
        for (int headDim : new int[] {20, 64})
        for (BufferType cache : BufferType.values()) {
            float[] k = TestData.random(rnd, nkv * kvHeads * headDim, 0.5f);
            float[] v = TestData.random(rnd, nkv * kvHeads * headDim, 1);
            for (int nq = 1; nq <= 3; nq++) {
                float[] q = TestData.random(rnd, nq * heads * headDim, 0.5f);
                int queries = nq;
                float[] oneThread = null;
                for (int threads : new int[] {1, 3}) {
                    try (CpuBackend b = kind.create(threads)) {
                        // A window longer than the keys shows every key, as the full mask does, but takes the per-head path.
                        float[] full = attend(b, q, queries, k, v, nkv, heads, kvHeads, cache, AttentionMask.full());
                        float[] dots = attend(b, q, queries, k, v, nkv, heads, kvHeads, cache, AttentionMask.windowed(4 * nkv, 0));
                        String what = String.format("%s cache, %d keys, %d queries, %d threads", cache, nkv, nq, threads);
                        assertClose(dots, full, nkv <= CpuBackend.CHUNK_KEYS, what);
                        if (oneThread == null) {
                            oneThread = full;
                        }
                        assertThat(TestData.bitsDiffer(oneThread, full)).as(what + " against 1 thread").isZero();
                    }
                }
            }
            if (nkv < 251) {
                continue;
            }
            float[] q = TestData.random(rnd, heads * headDim, 0.5f);
            try (CpuBackend b = kind.create(3)) {
                // One query at position 250 sees keys 0..250: causally, or as the first window of 251 positions.
                float[] causal = attend(b, q, 1, k, v, 251, heads, kvHeads, cache, AttentionMask.causal(250));
                float[] dots = attend(b, q, 1, k, v, 251, heads, kvHeads, cache, AttentionMask.windowed(251, 250));
                assertClose(dots, causal, false, cache + " cache, causal");
                // Three queries at positions 248..250 (a chunk some of them see whole, some in part), each as alone.
                int width = heads * headDim;
                float[] q3 = TestData.random(rnd, 3 * width, 0.5f);
                float[] three = attend(b, q3, 3, k, v, 251, heads, kvHeads, cache, AttentionMask.causal(248));
                for (int i = 0; i < 3; i++) {
                    float[] alone = attend(b, Arrays.copyOfRange(q3, i * width, (i + 1) * width), 1, k, v, 249 + i, heads,
                            kvHeads, cache, AttentionMask.causal(248 + i));
                    assertThat(TestData.bitsDiffer(alone, Arrays.copyOfRange(three, i * width, (i + 1) * width)))
                            .as("%s cache, causal row %d, head size %d", cache, i, headDim).isZero();
                }
            }
        }
    }

    /**
     * {@code actual} equals {@code expected} bit for bit ({@code exact}), or within {@link #TOLERANCE}
     * of the values' magnitude (1 here), a non-finite element where and as expected has it.
     */
    private static void assertClose(float[] expected, float[] actual, boolean exact, String what) {
        if (exact) {
            assertThat(TestData.bitsDiffer(expected, actual)).as(what + ": elements differing").isZero();
            return;
        }
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            if (!Float.isFinite(expected[i]) || !Float.isFinite(actual[i])) {
                assertThat(Float.isNaN(actual[i]) || Float.isNaN(expected[i]) ? Float.isNaN(actual[i]) == Float.isNaN(expected[i])
                        : actual[i] == expected[i]).as("%s: element %d, %s against %s", what, i, actual[i], expected[i]).isTrue();
            } else {
                worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
            }
        }
        assertThat(worst).as(what + ": largest difference").isLessThan(TOLERANCE);
    }

    /**
     * One query (a greedy step) over the shapes the decoders use, at any thread count: Qwen3-ASR's
     * grouped heads (16 query heads over 8 KV heads of 128, causal) and Whisper's (one KV head per
     * query head, 64), two chunks of keys split among 1-5 threads; the same bits at every thread
     * count, within {@link #TOLERANCE} of the per-head path. An F16 key cache with F32 values (and the
     * reverse) equals the F32 cache of the same halves.
     */
    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void oneQueryAttentionEqualsThePerHeadPathAtEveryThreadCount(TestData.Kind kind) {
        Random rnd = new Random(24);
        int[][] shapes = {{16, 8, 128}, {12, 12, 64}, {6, 3, 20}};   // heads, KV heads, head size
        for (int[] shape : shapes) {
            int heads = shape[0];
            int kvHeads = shape[1];
            int headDim = shape[2];
            int nkv = 150;
            float[] k = TestData.random(rnd, nkv * kvHeads * headDim, 0.5f);
            float[] v = TestData.random(rnd, nkv * kvHeads * headDim, 1);
            float[] q = TestData.random(rnd, heads * headDim, 0.5f);
            for (BufferType cache : BufferType.values()) {
                float[] expected;
                try (CpuBackend b = kind.create(1)) {
                    expected = attend(b, q, 1, k, v, 140, heads, kvHeads, cache, AttentionMask.causal(139));
                    float[] perHead = attend(b, q, 1, k, v, 140, heads, kvHeads, cache, AttentionMask.windowed(140, 139));
                    assertClose(perHead, expected, false, kind + " " + cache + " cache, " + heads + "/" + kvHeads + " heads");
                }
                for (int threads = 2; threads <= 5; threads++) {
                    try (CpuBackend b = kind.create(threads)) {
                        float[] causal = attend(b, q, 1, k, v, 140, heads, kvHeads, cache, AttentionMask.causal(139));
                        assertThat(TestData.bitsDiffer(expected, causal))
                                .as("%s %s cache, %d/%d heads of %d, %d threads", kind, cache, heads, kvHeads, headDim, threads)
                                .isZero();
                    }
                }
            }
            // Halves in one cache and floats of the same values in the other: as both F32.
            float[] kh = TestData.halves(k);
            float[] vh = TestData.halves(v);
            int kvWidth = kvHeads * headDim;
            try (CpuBackend b = kind.create(3)) {
                float[] f32 = attend(b, q, 1, kh, vh, nkv, heads, kvHeads, BufferType.F32, AttentionMask.full());
                for (boolean halfKeys : new boolean[] {true, false}) {
                    Buffer out = b.allocate(1, heads * headDim, BufferType.F32);
                    b.attention(b.upload(q, 1, heads * headDim), cached(b, kh, kvWidth, halfKeys ? BufferType.F16 : BufferType.F32),
                            cached(b, vh, kvWidth, halfKeys ? BufferType.F32 : BufferType.F16), nkv, heads, kvHeads,
                            AttentionMask.full(), out);
                    float[] mixed = new float[heads * headDim];
                    b.download(out, 0, 1, mixed);
                    assertThat(TestData.bitsDiffer(f32, mixed)).as("%s, F16 %s", kind, halfKeys ? "keys" : "values").isZero();
                }
            }
        }
    }

    /**
     * An F16 cache holding an infinity or a NaN (from F32 rows, or copied from another F16 cache)
     * still decodes it exactly in the one-query path, which skips that decode for caches that were
     * never written one: over one chunk of keys the per-head path's bits, over three its infinities
     * and NaNs in the same places (the chunks' combination keeps them).
     */
    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void oneQueryAttentionDecodesInfinitiesAndNaNsInAnF16Cache(TestData.Kind kind) {
        Random rnd = new Random(25);
        int heads = 4;
        int kvHeads = 2;
        int headDim = 64;
        int kvWidth = kvHeads * headDim;
        for (int nkv : new int[] {40, 300})
        for (float special : new float[] {1e6f, Float.NaN}) {
            for (boolean inKeys : new boolean[] {true, false}) {
                float[] k = TestData.random(rnd, nkv * kvWidth, 0.5f);
                float[] v = TestData.random(rnd, nkv * kvWidth, 1);
                (inKeys ? k : v)[(nkv == 40 ? 7 : 200) * kvWidth + 70] = special;   // in the first chunk, or the second of three
                float[] q = TestData.random(rnd, heads * headDim, 0.5f);
                q[2 * headDim + 6] = 1;     // KV head 1's query heads (2, 3) score that key +infinity
                q[3 * headDim + 6] = 1;
                try (CpuBackend b = kind.create(2)) {
                    Buffer qb = b.upload(q, 1, heads * headDim);
                    Buffer kb = cached(b, k, kvWidth, BufferType.F16);
                    Buffer vb = cached(b, v, kvWidth, BufferType.F16);
                    Buffer kCopy = b.allocate(nkv, kvWidth, BufferType.F16);
                    Buffer vCopy = b.allocate(nkv, kvWidth, BufferType.F16);
                    b.copyRows(kb, 0, kCopy, 0, nkv);
                    b.copyRows(vb, 0, vCopy, 0, nkv);
                    float[] perHead = attention(b, qb, kb, vb, nkv, heads, kvHeads, AttentionMask.windowed(nkv, nkv - 1));
                    String what = kind + ", " + special + " in the " + (inKeys ? "keys" : "values") + " of " + nkv;
                    assertThat(IntStream.range(0, perHead.length).anyMatch(i -> !Float.isFinite(perHead[i]))).as(what).isTrue();
                    for (Buffer[] kv : new Buffer[][] {{kb, vb}, {kCopy, vCopy}}) {
                        float[] one = attention(b, qb, kv[0], kv[1], nkv, heads, kvHeads, AttentionMask.full());
                        assertClose(perHead, one, nkv <= CpuBackend.CHUNK_KEYS, what);
                    }
                }
            }
        }
    }

    private static float[] attention(Backend b, Buffer q, Buffer k, Buffer v, int nkv, int heads, int kvHeads,
                                     AttentionMask mask) {
        Buffer out = b.allocate(1, q.cols(), BufferType.F32);
        b.attention(q, k, v, nkv, heads, kvHeads, mask, out);
        float[] o = new float[q.cols()];
        b.download(out, 0, 1, o);
        return o;
    }

    /** Beams of one window: {@code attentionEach} over any number of rows gives each row its one-row attention, bit for bit. */
    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void independentQueriesEachEqualTheirAttentionAlone(TestData.Kind kind) {
        Random rnd = new Random(23);
        int heads = 6;
        int kvHeads = 2;
        int nkv = 301;
        for (int headDim : new int[] {20, 64})
        for (BufferType cache : BufferType.values()) {
            float[] k = TestData.random(rnd, (nkv + 7) * kvHeads * headDim, 0.5f);   // a cache longer than its filled part
            float[] v = TestData.random(rnd, (nkv + 7) * kvHeads * headDim, 1);
            for (int nq : new int[] {1, 2, 4, 5, 8, 17}) {
                int width = heads * headDim;
                float[] q = TestData.random(rnd, nq * width, 0.5f);
                for (int threads : new int[] {1, 3}) {
                    try (CpuBackend b = kind.create(threads)) {
                        float[] each = attendEach(b, q, nq, k, v, nkv, heads, kvHeads, cache);
                        for (int i = 0; i < nq; i++) {
                            float[] alone = attend(b, Arrays.copyOfRange(q, i * width, (i + 1) * width), 1, k, v, nkv, heads,
                                    kvHeads, cache, AttentionMask.full());
                            assertThat(TestData.bitsDiffer(alone, Arrays.copyOfRange(each, i * width, (i + 1) * width)))
                                    .as("%s %s cache, %d queries, row %d, %d threads", kind, cache, nq, i, threads).isZero();
                        }
                    }
                }
            }
        }
    }

    /**
     * Beams over an F16 cache holding an infinity or a NaN: the several-query chunks widen their rows
     * by the plain half-to-float loop (the hardware convert), the one-query path decodes in registers;
     * each beam's row still equals its one-row attention bit for bit, non-finite values included.
     */
    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void independentQueriesDecodeInfinitiesAndNaNsInAnF16CacheAsOneQueryDoes(TestData.Kind kind) {
        Random rnd = new Random(27);
        int heads = 4;
        int kvHeads = 2;
        int headDim = 64;
        int kvWidth = kvHeads * headDim;
        int nkv = 300;
        int nq = 5;
        int width = heads * headDim;
        for (float special : new float[] {1e6f, Float.NaN}) {
            for (boolean inKeys : new boolean[] {true, false}) {
                float[] k = TestData.random(rnd, nkv * kvWidth, 0.5f);
                float[] v = TestData.random(rnd, nkv * kvWidth, 1);
                (inKeys ? k : v)[200 * kvWidth + 70] = special;     // in the second chunk of three
                float[] q = TestData.random(rnd, nq * width, 0.5f);
                q[2 * headDim + 6] = 1;     // row 0's heads 2 and 3 score that key +infinity
                q[3 * headDim + 6] = 1;
                for (int threads : new int[] {1, 2}) {
                    try (CpuBackend b = kind.create(threads)) {
                        float[] each = attendEach(b, q, nq, k, v, nkv, heads, kvHeads, BufferType.F16);
                        String what = kind + ", " + special + " in the " + (inKeys ? "keys" : "values") + ", " + threads + " threads";
                        assertThat(IntStream.range(0, width).anyMatch(i -> !Float.isFinite(each[i]))).as(what).isTrue();
                        for (int i = 0; i < nq; i++) {
                            float[] alone = attend(b, Arrays.copyOfRange(q, i * width, (i + 1) * width), 1, k, v, nkv, heads,
                                    kvHeads, BufferType.F16, AttentionMask.full());
                            assertThat(TestData.bitsDiffer(alone, Arrays.copyOfRange(each, i * width, (i + 1) * width)))
                                    .as("%s, row %d", what, i).isZero();
                        }
                    }
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void independentQueriesRejectAMismatchedOutput() {
        try (CpuBackend b = TestData.Kind.VECTOR.create(1)) {
            Buffer kv = b.allocate(10, 40, BufferType.F32);
            Buffer q = b.allocate(3, 40, BufferType.F32);
            Buffer out = b.allocate(2, 40, BufferType.F32);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.attentionEach(q, kv, kv, 10, 2, 2, out))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out");
        }
    }

    private static float[] attendEach(Backend b, float[] q, int nq, float[] k, float[] v, int nkv, int heads, int kvHeads,
                                      BufferType cache) {
        int kvWidth = kvHeads * (q.length / nq / heads);
        Buffer out = b.allocate(nq, q.length / nq, BufferType.F32);
        b.attentionEach(b.upload(q, nq, q.length / nq), cached(b, k, kvWidth, cache), cached(b, v, kvWidth, cache), nkv, heads,
                kvHeads, out);
        float[] o = new float[q.length];
        b.download(out, 0, nq, o);
        return o;
    }

    /** {@code values} as a {@code [rows, width]} cache of {@code type}. */
    private static Buffer cached(Backend b, float[] values, int width, BufferType type) {
        int rows = values.length / width;
        Buffer buffer = b.allocate(rows, width, type);
        b.copyRows(b.upload(values, rows, width), 0, buffer, 0, rows);
        return buffer;
    }

    private static float[] attend(Backend b, float[] q, int nq, float[] k, float[] v, int nkv, int heads, int kvHeads,
                                  BufferType cache, AttentionMask mask) {
        int kvWidth = kvHeads * (q.length / nq / heads);
        Buffer out = b.allocate(nq, q.length / nq, BufferType.F32);
        b.attention(b.upload(q, nq, q.length / nq), cached(b, k, kvWidth, cache), cached(b, v, kvWidth, cache), nkv, heads,
                kvHeads, mask, out);
        float[] o = new float[q.length];
        b.download(out, 0, nq, o);
        return o;
    }
}
