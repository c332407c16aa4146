import io.github.asr4j.bench.BenchCheckpoints;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.kernels.WeightFormat;
import io.github.asr4j.model.DecoderSession;
import io.github.asr4j.model.WhisperModel;
import io.github.asr4j.testkit.RandomCheckpoint;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * i8step probe (after istep's StepProbe): the card's 8-bit greedy step (F32 checkpoint quantized at load, Q8 KV
 * cache) and its 5-beam step, alternated round by round in one JVM, after `warm` untimed rounds. Prints the
 * medians (ms per step), the JIT's compile ms during the timed rounds, and a hash of every logit of the last
 * round (same bits check between builds). Args: threads warm rounds steps.
 */
public class I8Step {
    static final int[] PROMPT = {50258, 50259, 50359, 50363};
    static final int TOKEN = 440;

    public static void main(String[] args) {
        int threads = Integer.parseInt(args[0]), warm = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]), steps = Integer.parseInt(args[3]);
        Path shared = Path.of("/work/shared");
        BenchCheckpoints cps = new BenchCheckpoints(shared.resolve("testdata/models"),
                shared.resolve("testdata/tokenizers/whisper-multilingual"), shared.resolve("tools/checkpoint"),
                BenchCheckpoints.defaultCache());
        Path dir = cps.huggingFace("card", RandomCheckpoint.Precision.F32);
        var jitBean = java.lang.management.ManagementFactory.getCompilationMXBean();
        try (Backend backend = Backends.cpu(threads, WeightFormat.INT8); WhisperModel model = WhisperModel.load(dir, backend, BufferType.Q8)) {
            float[] mel = new float[model.config().numMelBins() * 3000];
            Arrays.fill(mel, -0.5f);
            float[] audio = model.encode(mel);
            DecoderSession greedy = model.newSession(audio);
            greedy.step(PROMPT);
            DecoderSession[] beams = new DecoderSession[5];
            beams[0] = model.newSession(audio);
            beams[0].step(PROMPT);
            for (int i = 1; i < 5; i++) beams[i] = beams[0].copy();
            int[] bt = new int[5];
            Arrays.fill(bt, TOKEN);
            double[] g = new double[rounds], b = new double[rounds];
            long hash = 0, jit0 = 0;
            for (int r = -warm; r < rounds; r++) {
                if (r == 0) jit0 = jitBean.getTotalCompilationTime();
                hash = 0;
                long t0 = System.nanoTime();
                for (int s = 0; s < steps; s++) hash = hash(hash, greedy.stepInPlace(new int[] {TOKEN}));
                long t1 = System.nanoTime();
                for (int s = 0; s < steps; s++) {
                    float[][] l = DecoderSession.stepBatchInPlace(beams, bt);
                    for (float[] row : l) hash = hash(hash, row);
                }
                long t2 = System.nanoTime();
                greedy.rewind(PROMPT.length);
                for (DecoderSession s : beams) s.rewind(PROMPT.length);
                if (r >= 0) {
                    g[r] = (t1 - t0) / 1e6 / steps;
                    b[r] = (t2 - t1) / 1e6 / steps;
                }
            }
            System.out.printf(Locale.ROOT, "greedy %.3f ms  beams5 %.3f ms  ratio %.2f  greedy-min %.3f beams-min %.3f  jit %d ms  hash %016x  eightRows=%s%n",
                    median(g), median(b), median(b) / median(g), Arrays.stream(g).min().getAsDouble(),
                    Arrays.stream(b).min().getAsDouble(), jitBean.getTotalCompilationTime() - jit0, hash,
                    System.getProperty("asr4j.int8.eightRows", "-"));
        }
    }

    static long hash(long h, float[] v) {
        for (float f : v) h = h * 31 + Float.floatToRawIntBits(f);
        return h;
    }

    static double median(double[] a) {
        double[] c = a.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }
}
