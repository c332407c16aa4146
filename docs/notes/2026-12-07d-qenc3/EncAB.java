package io.github.asr4j.qwen;

import io.github.asr4j.audio.AudioConstants;
import io.github.asr4j.audio.AudioReader;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import java.nio.file.Path;
import java.util.Arrays;

/** qenc3: the Qwen3-ASR encoder alone, one fresh pass then warm passes, each timed; output hash. */
public final class EncAB {
    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[0]);
        float[] samples = AudioReader.read(Path.of(a[1])).samplesAt(AudioConstants.SAMPLE_RATE);
        int passes = Integer.parseInt(a[2]);
        try (Backend b = Backends.cpu(2); QwenAsrModel m = QwenAsrModel.load(dir, b)) {
            float[] mel = m.logMel(samples);
            int frames = samples.length / 160;
            StringBuilder sb = new StringBuilder();
            int hash = 0;
            for (int p = 0; p < passes; p++) {
                long t = System.nanoTime();
                EncodedAudio e = m.encode(mel, frames);
                sb.append(String.format(" %.0f", (System.nanoTime() - t) / 1e6));
                hash = Arrays.hashCode(e.rows());
            }
            System.out.printf("passes ms:%s hash %08x%n", sb, hash);
        }
    }
}
