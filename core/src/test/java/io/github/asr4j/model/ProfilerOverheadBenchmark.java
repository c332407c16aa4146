package io.github.asr4j.model;

import io.github.asr4j.testkit.RandomCheckpoint;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.profile.OpType;
import io.github.asr4j.profile.Profiler;
import io.github.asr4j.profile.RecordingProfiler;
import io.github.asr4j.profile.Span;
import java.nio.file.Path;

/**
 * Encoder passes with the profiler off ({@code encode(mel)}, the default path) and on, interleaved
 * round by round, median of each; and the cost of one switched-off span. Not a test (timings on
 * shared machines are noise for assertions). Args: checkpoint name ({@code mini}, {@code tiny-shape}),
 * rounds, threads. {@link EncoderTimingBenchmark} times the same pass on an older build.
 */
public final class ProfilerOverheadBenchmark {
    private ProfilerOverheadBenchmark() {}

    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "mini";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Path dir = TestCheckpoints.folder(name, RandomCheckpoint.Precision.F32);
        try (Backend backend = Backends.cpu(threads); WhisperModel model = WhisperModel.load(dir, backend)) {
            float[] mel = EncoderTimingBenchmark.mel(model);
            for (int i = 0; i < 3; i++) {
                model.encode(mel);
                model.encode(mel, Profiler.recording());
            }
            long[] off = new long[rounds];
            long[] on = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                long t0 = System.nanoTime();
                model.encode(mel);
                long t1 = System.nanoTime();
                model.encode(mel, Profiler.recording());
                long t2 = System.nanoTime();
                off[i] = t1 - t0;
                on[i] = t2 - t1;
            }
            RecordingProfiler p = Profiler.recording();
            model.encode(mel, p);
            int spans = p.snapshot().events().size();
            double span = noOpSpanNanos();
            System.out.printf("%s, %s, %d rounds%n", name, backend.name(), rounds);
            System.out.printf("encoder pass, profiler off: median %.3f ms%n", EncoderTimingBenchmark.median(off));
            System.out.printf("encoder pass, profiler on:  median %.3f ms (%d spans per pass)%n",
                    EncoderTimingBenchmark.median(on), spans);
            System.out.printf("switched-off span begin+end: %.2f ns, x %d spans = %.5f%% of a pass%n",
                    span, spans, 100 * span * spans / (EncoderTimingBenchmark.median(off) * 1e6));
        }
    }

    /** ns per {@code op(..)} + {@code end(flops, bytes)} on {@link Profiler#off()}, loop included. */
    private static double noOpSpanNanos() {
        Profiler off = Profiler.off();
        int n = 100_000_000;
        long sink = 0;
        double perSpan = 0;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Span s = off.op("gelu", OpType.GELU);
                s.end(2L * i, 3L * i);
                sink += s == null ? 1 : 0;
            }
            perSpan = (double) (System.nanoTime() - t0) / n;
        }
        return sink == 42 ? -1 : perSpan;
    }
}
