package io.github.asr4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Qwen3-ASR-0.6B decoder's matrix-vector products for one token over BF16 weights (the
 * released format, widened in registers; memory-bound): q (1024→2048), k and v (1024→1024), o
 * (2048→1024), gate and up (1024→3072), down (3072→1024) and the tied vocabulary projection
 * (1024→151936, 311 MB). GB/s = weight bytes / time; compare with {@code ./asr4j bench ceilings}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class QwenDecoderGemvBenchmark {

    /** Qwen3-ASR-0.6B decoder shapes, ROWSxINxOUT. */
    public static class Shapes extends LinearState {
        @Param({"1x1024x2048", "1x1024x1024", "1x2048x1024", "1x1024x3072", "1x3072x1024", "1x1024x151936"})
        public String shape;

        @Param({"BF16"})
        public String dtype;

        @Param({"2"})
        public int threads;

        @Override
        String shapeParam() {
            return shape;
        }

        @Override
        String dtypeParam() {
            return dtype;
        }

        @Override
        int threadsParam() {
            return threads;
        }
    }

    @Benchmark
    public io.github.asr4j.kernels.Buffer gemv(Shapes s) {
        return s.linear();
    }
}
