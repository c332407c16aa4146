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
 * The decoder's matrix-vector products for one token (memory-bound: every weight is read once):
 * fc1 (768→3072), fc2 (3072→768), a projection (768→768) and the vocabulary projection (768→51865);
 * the last also for 5 rows (a step of five beams) and 16 (sixteen files stepped together).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class DecoderGemvBenchmark {

    /** Decoder shapes, ROWSxINxOUT. */
    public static class Shapes extends LinearState {
        @Param({"1x768x3072", "1x3072x768", "1x768x768", "1x768x51865", "5x768x51865", "16x768x51865"})
        public String shape;

        /** INT8: F32 weights quantized at load. */
        @Param({"F32", "F16", "INT8"})
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
