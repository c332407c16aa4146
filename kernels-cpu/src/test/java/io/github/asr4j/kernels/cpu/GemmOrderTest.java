package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link VectorGemm} bit for bit against its documented order, written out in scalars: each output
 * sums each {@link VectorGemm#DEPTH} slice from zero in ascending k (one fused multiply-add per k,
 * as each vector lane does), then adds the bias (or +0) to the first slice's sum and the sum so far
 * to each later one. Shapes cover one task with several micro-panels (rows ≥ MANY_ROWS), a last
 * micro-panel and strip cut short, several slices with a short last one, 1–3 threads, and inputs at an offset
 * with a row stride wider than the row (fewer than MANY_ROWS rows read from one copy per call, more by each task).
 */
class GemmOrderTest {
    @ParameterizedTest(name = "n={0} in={1} out={2} bias={3} threads={4} pad={5}")
    @CsvSource({
        "600, 1100, 333, true, 2, 0", "600, 1100, 333, false, 3, 0", "1500, 512, 768, true, 2, 0", "515, 96, 130, true, 1, 0",
        "143, 896, 200, true, 2, 0", "7, 513, 64, false, 2, 0", "520, 1030, 1000, false, 2, 0",
        "158, 1100, 130, false, 2, 5", "158, 1030, 200, true, 3, 3", "600, 700, 130, true, 2, 7",
    })
    void sumsInTheDocumentedOrder(int n, int in, int out, boolean withBias, int threads, int pad) {
        Random rnd = new Random(17L * n + in + 3L * out);
        // pad > 0: the input rows are read from x[pad + i·(in + pad)] (an offset and a row stride wider than in)
        int stride = in + pad;
        float[] x = new float[pad + n * stride];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextFloat() * 2 - 1;
        }
        MemorySegment seg = Arena.ofAuto().allocate(2L * in * out, 64);
        float[] w = new float[in * out];
        for (int i = 0; i < w.length; i++) {
            short h = Float.floatToFloat16(rnd.nextFloat() - 0.5f);
            seg.set(ValueLayout.JAVA_SHORT_UNALIGNED, 2L * i, h);
            w[i] = Float.float16ToFloat(h);
        }
        float[] bias = withBias ? TestData.random(rnd, out, 1f) : null;
        float[] y = new float[n * out];
        try (WorkerPool pool = new WorkerPool(threads)) {
            new VectorGemm().run(pool, x, pad, stride, n, new F16Weights.Simd("w", seg, out, in), bias, y);
        }
        float[] expected = new float[n * out];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < out; o++) {
                float total = 0;
                for (int c0 = 0; c0 < in; c0 += VectorGemm.DEPTH) {
                    float sum = 0;
                    for (int k = c0; k < Math.min(in, c0 + VectorGemm.DEPTH); k++) {
                        sum = Math.fma(x[pad + i * stride + k], w[o * in + k], sum);
                    }
                    total = c0 == 0 ? sum + (bias == null ? 0f : bias[o]) : sum + total;
                }
                expected[i * out + o] = total;
            }
        }
        assertThat(TestData.bitsDiffer(expected, y)).as("outputs differing from the documented order").isZero();
    }
}
