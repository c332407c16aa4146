package io.github.asr4j.model;

import io.github.asr4j.testkit.RandomCheckpoint;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Encoder passes through {@link WhisperModel#encode(float[])} only (no profiler classes), so the
 * same main can time an older build of the model package: the baseline for the profiler's
 * switched-off cost. Not a test. Args: checkpoint name ({@code mini}, {@code tiny-shape}), rounds, threads.
 */
public final class EncoderTimingBenchmark {
    private EncoderTimingBenchmark() {}

    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "mini";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Path dir = TestCheckpoints.folder(name, RandomCheckpoint.Precision.F32);
        try (Backend backend = Backends.cpu(threads); WhisperModel model = WhisperModel.load(dir, backend)) {
            float[] mel = mel(model);
            for (int i = 0; i < 3; i++) {
                model.encode(mel);
            }
            long[] t = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                long t0 = System.nanoTime();
                model.encode(mel);
                t[i] = System.nanoTime() - t0;
            }
            System.out.printf("%s, %s: encode(mel) median %.3f ms, min %.3f ms over %d rounds%n",
                    name, backend.name(), median(t), Arrays.stream(t).min().orElse(0) / 1e6, rounds);
        }
    }

    static float[] mel(WhisperModel model) {
        float[] mel = new float[model.config().numMelBins() * 2 * model.config().maxSourcePositions()];
        Random r = new Random(1);
        for (int i = 0; i < mel.length; i++) {
            mel[i] = (float) r.nextGaussian();
        }
        return mel;
    }

    static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2] / 1e6;
    }
}
