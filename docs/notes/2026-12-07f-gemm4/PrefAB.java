package io.github.asr4j.qwen;

import io.github.asr4j.audio.AudioConstants;
import io.github.asr4j.audio.AudioReader;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import java.nio.file.Path;
import java.util.Arrays;

/** gemm4: Qwen3-ASR encoder fresh + warm and prefill fresh + warm in one JVM; hashes of the encoder output and the prefill logits. */
public final class PrefAB {
    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[0]);
        float[] samples = AudioReader.read(Path.of(a[1])).samplesAt(AudioConstants.SAMPLE_RATE);
        int warmPasses = Integer.parseInt(a[2]);
        try (Backend b = Backends.cpu(2); QwenAsrModel m = QwenAsrModel.load(dir, b)) {
            float[] mel = m.logMel(samples);
            int frames = samples.length / 160;
            long t = System.nanoTime();
            EncodedAudio e = m.encode(mel, frames);
            double encFresh = (System.nanoTime() - t) / 1e6, encWarm = Double.MAX_VALUE;
            for (int p = 0; p < warmPasses; p++) {
                t = System.nanoTime();
                e = m.encode(mel, frames);
                encWarm = Math.min(encWarm, (System.nanoTime() - t) / 1e6);
            }
            int encHash = Arrays.hashCode(e.rows());
            int[] prompt = QwenSpeedBenchmark.autoPrompt(m.config().audioTokenId(), e.tokens());
            double preFresh = 0, preWarm = Double.MAX_VALUE;
            int logitHash = 0;
            for (int p = 0; p <= warmPasses; p++) {
                try (QwenDecoderSession s = m.newSession(prompt.length + 2)) {
                    t = System.nanoTime();
                    float[] logits = s.prefill(prompt, e);
                    double ms = (System.nanoTime() - t) / 1e6;
                    if (p == 0) preFresh = ms; else preWarm = Math.min(preWarm, ms);
                    int h = Arrays.hashCode(logits);
                    if (p > 0 && h != logitHash) throw new AssertionError("logits differ between passes");
                    logitHash = h;
                }
            }
            System.out.printf("rows %d enc fresh %.1f warm %.1f prefill fresh %.1f warm %.1f hash enc %08x logits %08x%n", prompt.length,
                    encFresh, encWarm, preFresh, preWarm, encHash, logitHash);
        }
    }
}
