package io.github.asr4j.qwen;

import io.github.asr4j.audio.AudioConstants;
import io.github.asr4j.audio.AudioReader;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import java.lang.reflect.Field;
import java.nio.file.Path;

/** usage: QvalAppendTime MODEL WAV STEPS: the K and V appends' time in real steps (temporary counters in QwenTextDecoder). */
public final class QvalAppendTime {
    public static void main(String[] args) throws Exception {
        float[] samples = AudioReader.read(Path.of(args[1])).samplesAt(AudioConstants.SAMPLE_RATE);
        int steps = Integer.parseInt(args[2]);
        Field kn = QwenTextDecoder.class.getDeclaredField("K_NANOS"), vn = QwenTextDecoder.class.getDeclaredField("V_NANOS"),
                ap = QwenTextDecoder.class.getDeclaredField("APPENDS"), an = QwenTextDecoder.class.getDeclaredField("A_NANOS");
        an.setAccessible(true);
        kn.setAccessible(true); vn.setAccessible(true); ap.setAccessible(true);
        try (Backend b = Backends.cpu(2); QwenAsrModel model = QwenAsrModel.load(Path.of(args[0]), b)) {
            EncodedAudio audio = model.encode(model.logMel(samples), samples.length / 160);
            int[] prompt = QwenSpeedBenchmark.autoPrompt(model.config().audioTokenId(), audio.tokens());
            try (QwenDecoderSession s = model.newSession(prompt.length + steps + 1)) {
                float[] logits = s.prefill(prompt, audio);
                System.out.printf("prefill: K copy %.2f ms, V copy %.2f ms, attention %.2f ms over %d layers%n", kn.getLong(null) / 1e6, vn.getLong(null) / 1e6, an.getLong(null) / 1e6, ap.getLong(null));
                for (int k = 0; k < steps; k++) {
                    if (k == 10) { kn.setLong(null, 0); vn.setLong(null, 0); ap.setLong(null, 0); an.setLong(null, 0); }
                    logits = s.step(QwenParity.argmax(logits));
                }
                long n = ap.getLong(null);
                System.out.printf("steps 10..%d: K append %.2f us, V append %.2f us a layer (%d appends); attention %.3f ms a step (%.1f GB/s at %d positions)%n", steps, kn.getLong(null) / 1e3 / n,
                        vn.getLong(null) / 1e3 / n, n, an.getLong(null) / 1e6 / (n / 28), 28.0 * 8192 * (s.position() - (steps - 10) / 2.0) / (an.getLong(null) / (n / 28.0)), s.position());
            }
        }
    }
}
