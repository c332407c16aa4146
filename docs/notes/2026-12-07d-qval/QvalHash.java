package io.github.asr4j.qwen;

import io.github.asr4j.audio.AudioConstants;
import io.github.asr4j.audio.AudioReader;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import java.nio.file.Path;
import java.util.Arrays;

/** usage: QvalHash MODEL WAV STEPS: prefill + greedy steps; prints a hash of the prefill logits and of each 10 steps' logits. */
public final class QvalHash {
    public static void main(String[] args) throws Exception {
        float[] samples = AudioReader.read(Path.of(args[1])).samplesAt(AudioConstants.SAMPLE_RATE);
        int steps = Integer.parseInt(args[2]);
        try (Backend b = Backends.cpu(2); QwenAsrModel model = QwenAsrModel.load(Path.of(args[0]), b)) {
            EncodedAudio audio = model.encode(model.logMel(samples), samples.length / 160);
            int[] prompt = QwenSpeedBenchmark.autoPrompt(model.config().audioTokenId(), audio.tokens());
            try (QwenDecoderSession s = model.newSession(prompt.length + steps + 1)) {
                float[] logits = s.prefill(prompt, audio);
                long all = Arrays.hashCode(logits);
                System.out.printf("prefill logits hash %08x%n", Arrays.hashCode(logits));
                StringBuilder tokens = new StringBuilder();
                for (int k = 0; k < steps; k++) {
                    int token = QwenParity.argmax(logits);
                    tokens.append(token).append(' ');
                    logits = s.step(token);
                    all = all * 31 + Arrays.hashCode(logits);
                }
                System.out.printf("steps %d: logits hash %016x tokens %s%n", steps, all, tokens);
            }
        }
    }
}
