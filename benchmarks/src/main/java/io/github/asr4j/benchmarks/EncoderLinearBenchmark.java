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
 * The encoder's matrix products (compute-bound GEMM) for a 30 s window of the card shape (d=768):
 * Q/K/V/out projections (1500×768×768), fc1 (1500×768×3072), fc2 (1500×3072×768); and tiny-shape's fc1.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class EncoderLinearBenchmark {

    /** Encoder shapes, ROWSxINxOUT. */
    public static class Shapes extends LinearState {
        @Param({"1500x768x768", "1500x768x3072", "1500x3072x768", "1500x384x1536"})
        public String shape;

        @Param({"F32", "F16"})
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
    public io.github.asr4j.kernels.Buffer linear(Shapes s) {
        return s.linear();
    }
}
