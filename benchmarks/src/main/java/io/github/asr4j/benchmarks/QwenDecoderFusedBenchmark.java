package io.github.asr4j.benchmarks;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.loader.DType;
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
 * The Qwen3-ASR-0.6B decoder's projections of one input for one token over BF16 weights, one op
 * per product ({@code apart}: q, k, v as three {@code linear} calls; gate and up as two and a
 * {@code swiglu}) against one pass ({@code linears}, {@code linearSwiglu}). Each call takes the next
 * of enough weight copies to stream past the last-level cache, as a step does. GB/s = weight bytes
 * (8 MB for q/k/v, 12 MB for gate/up) / time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class QwenDecoderFusedBenchmark {
    private static final int HIDDEN = 1024;
    private static final int Q = 2048;
    private static final int KV = 1024;
    private static final int INTERMEDIATE = 3072;

    @State(Scope.Benchmark)
    public static class Layers {
        @Param({"2"})
        public int threads;

        Backend backend;
        /** Per copy: q, k, v, gate, up. */
        Backend.Matrix[][] copies;
        Buffer x;
        Buffer q;
        Buffer k;
        Buffer v;
        Buffer gate;
        Buffer up;
        private int next;

        @Setup(Level.Trial)
        public void setUp() {
            backend = Backends.cpu(threads);
            long bytesPerCopy = 2L * HIDDEN * (Q + 2 * KV + 2 * INTERMEDIATE);
            int n = (int) Math.min(LinearState.MAX_COPIES, Math.ceil((double) LinearState.STREAMED_BYTES / bytesPerCopy));
            copies = new Backend.Matrix[n][];
            int[] outs = {Q, KV, KV, INTERMEDIATE, INTERMEDIATE};
            for (int c = 0; c < n; c++) {
                copies[c] = new Backend.Matrix[outs.length];
                for (int m = 0; m < outs.length; m++) {
                    copies[c][m] = backend.matrix(Weights.matrix("w" + c + "." + m, DType.BF16, outs[m], HIDDEN, 10L * c + m));
                }
            }
            x = backend.upload(Weights.random(HIDDEN, 1, 2000), 1, HIDDEN);
            q = backend.allocate(1, Q, BufferType.F32);
            k = backend.allocate(1, KV, BufferType.F32);
            v = backend.allocate(1, KV, BufferType.F32);
            gate = backend.allocate(1, INTERMEDIATE, BufferType.F32);
            up = backend.allocate(1, INTERMEDIATE, BufferType.F32);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            backend.close();
        }

        Backend.Matrix[] nextCopy() {
            Backend.Matrix[] c = copies[next];
            next = next + 1 == copies.length ? 0 : next + 1;
            return c;
        }
    }

    @Benchmark
    public Buffer qkvApart(Layers s) {
        Backend.Matrix[] w = s.nextCopy();
        s.backend.linear(s.x, w[0], null, s.q);
        s.backend.linear(s.x, w[1], null, s.k);
        s.backend.linear(s.x, w[2], null, s.v);
        return s.v;
    }

    @Benchmark
    public Buffer qkvTogether(Layers s) {
        Backend.Matrix[] w = s.nextCopy();
        s.backend.linears(s.x, new Backend.Matrix[] {w[0], w[1], w[2]}, null, new Buffer[] {s.q, s.k, s.v});
        return s.v;
    }

    @Benchmark
    public Buffer gateUpApart(Layers s) {
        Backend.Matrix[] w = s.nextCopy();
        s.backend.linear(s.x, w[3], null, s.gate);
        s.backend.linear(s.x, w[4], null, s.up);
        s.backend.swiglu(s.gate, s.up, s.gate);
        return s.gate;
    }

    @Benchmark
    public Buffer gateUpTogether(Layers s) {
        Backend.Matrix[] w = s.nextCopy();
        s.backend.linearSwiglu(s.x, w[3], w[4], s.gate, s.up);
        return s.gate;
    }
}
