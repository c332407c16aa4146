package io.github.asr4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.kernels.Backend;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each benchmark method once, outside JMH, at one shape per kind and both weight types: the
 * benchmarks compile, set up and compute something. No timings are asserted (JMH runs are manual).
 */
class KernelBenchmarksSmokeTest {

    @ParameterizedTest
    @CsvSource({"1500x384x1536, F32", "1500x384x1536, F16"})
    void encoderLinearComputes(String shape, String dtype) {
        var s = new EncoderLinearBenchmark.Shapes();
        s.shape = shape;
        s.dtype = dtype;
        s.threads = 2;
        s.setUp();
        try {
            var w = s.currentWeight();
            new EncoderLinearBenchmark().linear(s);
            float[] y = s.output();
            assertComputed(y, 1500 * 1536);
            assertThat(y[5]).isCloseTo(dot(s, w, 0, 5), Offset.offset(1e-3f));
            assertThat(y[1499 * 1536 + 3]).isCloseTo(dot(s, w, 1499, 3), Offset.offset(1e-3f));
        } finally {
            s.tearDown();
        }
    }

    @ParameterizedTest
    @CsvSource({"1x768x3072, F32", "1x768x3072, F16", "1x768x3072, INT8", "1x768x51865, F32"})
    void decoderGemvComputes(String shape, String dtype) {
        var s = new DecoderGemvBenchmark.Shapes();
        s.shape = shape;
        s.dtype = dtype;
        s.threads = 2;
        s.setUp();
        try {
            var w = s.currentWeight();
            new DecoderGemvBenchmark().gemv(s);
            float[] y = s.output();
            int last = s.dims.rows() - 1;
            assertComputed(y, s.dims.rows() * s.dims.out());
            assertThat(y[7]).isCloseTo(dot(s, w, 0, 7), Offset.offset(1e-3f));
            assertThat(y[last * s.dims.out() + 7]).isCloseTo(dot(s, w, last, 7), Offset.offset(1e-3f));
            // the weights are streamed: small matrices come in copies that together exceed the caches
            double streamed = s.weights.length * s.dims.weightBytes(switch (dtype) {
                case "F32" -> 4;
                case "F16" -> 2;
                default -> 1;
            });
            assertThat(streamed >= LinearState.STREAMED_BYTES || s.weights.length == LinearState.MAX_COPIES)
                    .as(s.weights.length + " copies, " + streamed + " bytes").isTrue();
            assertThat(s.currentWeight()).isNotSameAs(w);
        } finally {
            s.tearDown();
        }
    }

    @Test
    void reportsGflopsAndShareOfPeak() {
        var peaks = new KernelBenchmarks.Peaks(646, 62, 2);
        // 1500x768x3072 in 10 ms: 7.08 GFLOP / 0.01 s = 707.8 GFLOP/s = 109.6 % of 646
        String row = KernelBenchmarks.row("linear", new LinearShape(1500, 768, 3072), "F32", 2, 0.010, peaks);
        assertThat(row).contains("707.8").contains("109.6%").endsWith("-       -");
        // 768x51865 F16 weights (79.7 MB) in 2 ms: 39.8 GB/s = 64.2 % of 62 GB/s
        String gemv = KernelBenchmarks.row("gemv", new LinearShape(1, 768, 51865), "F16", 2, 0.002, peaks);
        assertThat(gemv).contains("39.8").endsWith("64.2%");
        // one thread has half the machine's compute peak
        assertThat(peaks.gflopsFor(1)).isEqualTo(323);
        assertThat(KernelBenchmarks.toSeconds(250, "us/op")).isEqualTo(250e-6);
        assertThatThrownBy(() -> KernelBenchmarks.toSeconds(3, "ops/s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LinearShape.parse("1500x768")).hasMessageContaining("ROWSxINxOUT");
    }

    @ParameterizedTest
    @CsvSource({"F32, 1, rows", "F16, 3, tiles", "F16, 1, rows", "Q8, 1, tiles", "Q8, 5, tiles"})
    void decoderAttentionComputes(String cache, int queries, String keyLayout) {
        var c = new DecoderAttentionBenchmark.Caches();
        c.cache = cache;
        c.queries = queries;
        c.keyLayout = keyLayout;
        c.threads = 2;
        c.setUp();
        try {
            float[] first = new float[queries * DecoderAttentionBenchmark.WIDTH];
            c.backend.download(new DecoderAttentionBenchmark().crossAttention(c), 0, queries, first);
            assertComputed(first, first.length);
            float[] second = new float[first.length];
            c.backend.download(new DecoderAttentionBenchmark().crossAttention(c), 0, queries, second);
            assertThat(second).as("the next call attends to the next layer's cache").isNotEqualTo(first);
        } finally {
            c.tearDown();
        }
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void windowsCrossAttentionComputes(boolean grouped) {
        var w = new DecoderAttentionBenchmark.Windows();
        w.windows = 3;
        w.threads = 2;
        w.grouped = grouped;
        w.setUp();
        try {
            float[] first = new float[3 * DecoderAttentionBenchmark.WIDTH];
            w.backend.download(new DecoderAttentionBenchmark().crossAttentionWindows(w), 0, 3, first);
            assertComputed(first, first.length);
            float[] second = new float[first.length];
            w.backend.download(new DecoderAttentionBenchmark().crossAttentionWindows(w), 0, 3, second);
            assertThat(second).as("the next call attends to the next layer's caches").isNotEqualTo(first);
        } finally {
            w.tearDown();
        }
    }

    private static void assertComputed(float[] y, int length) {
        assertThat(y).hasSize(length);
        for (float v : y) {
            assertThat(Float.isFinite(v)).isTrue();
        }
        assertThat(y).isNotEqualTo(new float[length]);
    }

    /** Output (row, col) recomputed in double from the weights the backend holds. */
    @org.junit.jupiter.api.Test
    void qwenDecoderGemvComputesOverBf16Weights() {
        var s = new QwenDecoderGemvBenchmark.Shapes();
        s.shape = "1x1024x3072";
        s.dtype = "BF16";
        s.threads = 2;
        s.setUp();
        try {
            var w = s.currentWeight();
            new QwenDecoderGemvBenchmark().gemv(s);
            float[] y = s.output();
            assertComputed(y, 3072);
            for (int col : new int[] {0, 7, 64, 3071}) {   // both rows of a streamed pair, a block start, the last
                assertThat(y[col]).isCloseTo(dot(s, w, 0, col), Offset.offset(1e-3f));
            }
        } finally {
            s.tearDown();
        }
    }

    private static float dot(LinearState s, Backend.Matrix weight, int row, int col) {
        float[] w = s.weightRow(weight, col);
        double acc = s.hostBias[col];
        for (int i = 0; i < w.length; i++) {
            acc += (double) s.hostX[row * s.dims.in() + i] * w[i];
        }
        return (float) acc;
    }
}
