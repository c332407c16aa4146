package io.github.asr4j.bench;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.model.DecoderSession;
import io.github.asr4j.model.WhisperModel;
import io.github.asr4j.testkit.RandomCheckpoint;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Issue 10's beam figure: one decoder step of five beams together (one batched pass,
 * {@link DecoderSession#stepBatch}), of five beams one after another (as before), and of one greedy
 * sequence, alternated round by round on the same window and weights. A program, not a test:
 *
 * <pre>java --add-modules=jdk.incubator.vector -cp ... io.github.asr4j.bench.BeamStepBenchmark
 *     ../shared tiny-shape 2 5</pre>
 */
public final class BeamStepBenchmark {
    private static final int[] PROMPT = {50258, 50259, 50359, 50363};
    private static final int STEPS = 24;

    public static void main(String[] args) {
        Path shared = Path.of(args.length > 0 ? args[0] : "../shared").toAbsolutePath().normalize();
        String name = args.length > 1 ? args[1] : "tiny-shape";
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int beams = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 12;
        BenchCheckpoints checkpoints = new BenchCheckpoints(shared.resolve("testdata/models"),
                shared.resolve("testdata/tokenizers/whisper-multilingual"), shared.resolve("tools/checkpoint"),
                BenchCheckpoints.defaultCache());
        Path dir = checkpoints.huggingFace(name, RandomCheckpoint.Precision.F32);
        try (Backend backend = Backends.cpu(threads); WhisperModel model = WhisperModel.load(dir, backend)) {
            float[] mel = new float[model.config().numMelBins() * 3000];
            Arrays.fill(mel, -0.5f);
            float[] audio = model.encode(mel);
            DecoderSession greedy = model.newSession(audio);
            DecoderSession[] together = sessions(model, audio, beams);
            DecoderSession[] alone = sessions(model, audio, beams);
            greedy.step(PROMPT);
            int[] tokens = new int[beams];
            Arrays.fill(tokens, 440);
            double[][] ms = new double[3][rounds];
            for (int r = -2; r < rounds; r++) {          // two warm-up rounds
                long t0 = System.nanoTime();
                for (int s = 0; s < STEPS; s++) {
                    greedy.step(new int[] {440});
                }
                long t1 = System.nanoTime();
                for (int s = 0; s < STEPS; s++) {
                    DecoderSession.stepBatch(together, tokens);
                }
                long t2 = System.nanoTime();
                for (int s = 0; s < STEPS; s++) {
                    for (DecoderSession b : alone) {
                        b.step(new int[] {440});
                    }
                }
                long t3 = System.nanoTime();
                if (r >= 0) {
                    ms[0][r] = (t1 - t0) / 1e6 / STEPS;
                    ms[1][r] = (t2 - t1) / 1e6 / STEPS;
                    ms[2][r] = (t3 - t2) / 1e6 / STEPS;
                }
                greedy.rewind(PROMPT.length);
                for (DecoderSession b : together) {
                    b.rewind(PROMPT.length);
                }
                for (DecoderSession b : alone) {
                    b.rewind(PROMPT.length);
                }
            }
            System.out.printf(Locale.ROOT, "%s, %d threads, median ms per step over %d rounds of %d steps:%n",
                    name, threads, rounds, STEPS);
            System.out.printf(Locale.ROOT, "  greedy (1 sequence)          %8.2f%n", median(ms[0]));
            System.out.printf(Locale.ROOT, "  %d beams together (1 pass)    %8.2f%n", beams, median(ms[1]));
            System.out.printf(Locale.ROOT, "  %d beams one after another    %8.2f%n", beams, median(ms[2]));
        }
    }

    private static DecoderSession[] sessions(WhisperModel model, float[] audio, int n) {
        DecoderSession[] sessions = new DecoderSession[n];
        for (int i = 0; i < n; i++) {
            sessions[i] = model.newSession(audio);
            sessions[i].step(PROMPT);
        }
        return sessions;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
