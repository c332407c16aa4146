package io.github.asr4j.benchmarks;

import io.github.asr4j.kernels.AttentionMask;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The encoder's self-attention over one 30 s window (1500 queries × 1500 keys, full mask): scores,
 * softmax (row maximum and exp) and weights × V, at the card shape (12 heads of 64) and tiny's (6 × 64).
 * FLOPs: 4·T²·d (two products); the softmax is T²·heads exps.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Benchmark)
public class EncoderAttentionBenchmark {
    @Param({"12", "6"})
    public int heads;

    @Param({"1", "2"})
    public int threads;

    private static final int FRAMES = 1500;
    private static final int HEAD_DIM = 64;

    private Backend backend;
    private Buffer q;
    private Buffer k;
    private Buffer v;
    private Buffer out;

    @Setup(Level.Trial)
    public void setUp() {
        backend = Backends.cpu(threads);
        int d = heads * HEAD_DIM;
        q = backend.upload(Weights.random(FRAMES * d, 1, 11), FRAMES, d);
        k = backend.upload(Weights.random(FRAMES * d, 1, 12), FRAMES, d);
        v = backend.upload(Weights.random(FRAMES * d, 1, 13), FRAMES, d);
        out = backend.allocate(FRAMES, d, BufferType.F32);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }

    @Benchmark
    public Buffer attention() {
        backend.attention(q, k, v, FRAMES, heads, heads, AttentionMask.full(), out);
        return out;
    }
}
