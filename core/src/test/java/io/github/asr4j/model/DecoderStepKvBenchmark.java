package io.github.asr4j.model;

import io.github.asr4j.testkit.RandomCheckpoint;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.BufferType;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Decoder steps with an F32 and an F16 KV cache, alternated in one JVM on one backend and the
 * same audio states: the median time of one single-token step after a 4-token prompt. Not a test.
 * Args: checkpoint name ({@code tiny-shape}, {@code card}), weights ({@code F32}, {@code F16}),
 * threads, rounds, steps per round.
 */
public final class DecoderStepKvBenchmark {
    private DecoderStepKvBenchmark() {}

    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "tiny-shape";
        RandomCheckpoint.Precision precision = RandomCheckpoint.Precision.valueOf(args.length > 1 ? args[1] : "F32");
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 9;
        int steps = args.length > 4 ? Integer.parseInt(args[4]) : 60;
        Path dir = TestCheckpoints.folder(name, precision);
        try (Backend backend = Backends.cpu(threads);
             WhisperModel f32 = WhisperModel.load(dir, backend, BufferType.F32);
             WhisperModel f16 = WhisperModel.load(dir, backend, BufferType.F16)) {
            float[] audio = f32.encode(EncoderTimingBenchmark.mel(f32));
            double[][] ms = new double[2][rounds];
            for (int r = -2; r < rounds; r++) {           // two warm-up rounds
                for (int m = 0; m < 2; m++) {
                    double t = stepMillis(m == 0 ? f32 : f16, audio, steps);
                    if (r >= 0) {
                        ms[m][r] = t;
                    }
                }
            }
            System.out.printf("%s %s, %s: decoder step median F32 cache %.3f ms, F16 cache %.3f ms (%d rounds of %d steps)%n",
                    name, precision, backend.name(), median(ms[0]), median(ms[1]), rounds, steps);
        }
    }

    private static double stepMillis(WhisperModel model, float[] audio, int steps) {
        DecoderSession s = model.newSession(audio);
        s.step(new int[] {50258, 50259, 50359, 50363});
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            s.step(new int[] {440});
        }
        return (System.nanoTime() - t0) / 1e6 / steps;
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
