package io.github.asr4j.benchmarks;

import io.github.asr4j.audio.AudioReader;
import io.github.asr4j.vad.SileroVad;
import io.github.asr4j.vad.VadModel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Silero VAD speed, asr4j's Java network beside ONNX Runtime on the same file and the same
 * weights, one thread each, runs alternated: windows (512 samples) per second.
 *
 * <pre>
 * mvn -B -ntp -q -pl benchmarks -am package -DskipTests
 * java --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
 *   -cp benchmarks/target/benchmarks.jar:$HOME/.m2/repository/com/microsoft/onnxruntime/onnxruntime/1.22.0/onnxruntime-1.22.0.jar \
 *   io.github.asr4j.benchmarks.VadBenchmark ../shared/testdata/vad/silero_vad_v6.onnx FILE.wav [rounds]
 * </pre>
 */
public final class VadBenchmark {
    private VadBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: VadBenchmark SILERO.onnx AUDIO [rounds=5]  (the model, v5 or v6, is read from the ONNX name)");
            System.exit(2);
        }
        Path onnx = Path.of(args[0]);
        float[] samples = AudioReader.read(Path.of(args[1])).samplesAt(SileroVad.SAMPLE_RATE);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        VadModel model = onnx.getFileName().toString().contains("v5") ? VadModel.V5 : VadModel.V6;
        int windows = samples.length / SileroVad.WINDOW;
        System.out.printf(Locale.ROOT, "VAD %s on %s: %d windows, %d rounds alternated, 1 thread each%n",
                model, args[1], windows, rounds);
        double[] java = new double[rounds];
        double[] stream = new double[rounds];
        double[] ort = new double[rounds];
        try (SileroVad vad = SileroVad.load(model); OnnxSileroReference reference = new OnnxSileroReference(onnx)) {
            runJava(vad, samples, windows); // warm-up
            runJavaStreaming(vad, samples, windows);
            runOnnx(reference, samples, windows);
            for (int r = 0; r < rounds; r++) {
                java[r] = runJava(vad, samples, windows);
                stream[r] = runJavaStreaming(vad, samples, windows);
                ort[r] = runOnnx(reference, samples, windows);
                System.out.printf(Locale.ROOT, "round %d: asr4j file %.0f, asr4j window by window %.0f, "
                        + "onnxruntime %.0f windows/s%n", r, java[r], stream[r], ort[r]);
            }
        }
        System.out.printf(Locale.ROOT, "median windows/s: asr4j file %.0f (%.2fx onnxruntime), asr4j window by window "
                + "%.0f (%.2fx), onnxruntime %.0f%n", median(java), median(java) / median(ort), median(stream),
                median(stream) / median(ort), median(ort));
    }

    /** The whole file in one call: the non-recurrent layers batched over 64 windows. */
    private static double runJava(SileroVad vad, float[] samples, int windows) {
        float[] out = new float[windows];
        long t0 = System.nanoTime();
        vad.newSession().probabilities(samples, 0, windows, out, 0);
        return rate(windows, t0, out[windows - 1]);
    }

    /** One call per window, as a stream of 512-sample pushes is served. */
    private static double runJavaStreaming(SileroVad vad, float[] samples, int windows) {
        SileroVad.Session session = vad.newSession();
        long t0 = System.nanoTime();
        float sink = 0;
        for (int w = 0; w < windows; w++) {
            sink += session.probability(samples, w * SileroVad.WINDOW);
        }
        return rate(windows, t0, sink);
    }

    private static double runOnnx(OnnxSileroReference reference, float[] samples, int windows) throws Exception {
        long t0 = System.nanoTime();
        float sink = 0;
        for (int w = 0; w < windows; w++) {
            sink += reference.probability(samples, w * SileroVad.WINDOW);
        }
        return rate(windows, t0, sink);
    }

    private static double rate(int windows, long t0, float sink) {
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (Float.isNaN(sink)) {
            throw new IllegalStateException("NaN probability");
        }
        return windows / seconds;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
