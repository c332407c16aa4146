package io.github.asr4j.qwen;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.WeightFormat;
import java.nio.file.Path;

/**
 * Qwen3-ASR's intermediate values for comparison with another implementation ({@code asr4j dump}):
 * the log-mel, the encoder output, the prompt, the logits at its last position and plain greedy
 * steps (argmax, no stop, as the goldens define them). Not thread-safe; close it to unmap the weights.
 */
public final class QwenProbe implements AutoCloseable {
    private final Backend backend;
    private final QwenAsrModel model;
    private final QwenTokens tokens;

    private QwenProbe(Backend backend, QwenAsrModel model, QwenTokens tokens) {
        this.backend = backend;
        this.model = model;
        this.tokens = tokens;
    }

    /** @param threads kernel threads; 0 = one per core */
    public static QwenProbe open(Path modelDir, int threads) {
        Backend backend = Backends.cpu(threads > 0 ? threads : Runtime.getRuntime().availableProcessors(),
                WeightFormat.STORED);
        try {
            QwenTokens tokens = QwenTokens.load(modelDir);
            return new QwenProbe(backend, QwenAsrModel.load(modelDir, backend), tokens);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    public int numMelBins() {
        return model.config().audio().numMelBins();
    }

    /** [numMelBins × frames], frames = samples / 160. */
    public float[] logMel(float[] samples16k) {
        return model.logMel(samples16k);
    }

    public EncodedAudio encode(float[] logMel, int frames) {
        return model.encode(logMel, frames);
    }

    /**
     * The official prompt for the audio.
     *
     * @param language a code or the official name ({@code en}, {@code English}); null: detected by the model
     */
    public int[] prompt(String language, int audioTokens) {
        String name = language == null ? null : QwenLanguages.name(io.github.asr4j.tokenizer.WhisperLanguages.code(language));
        return QwenPrompt.ids(tokens, null, name, audioTokens);
    }

    /**
     * @param promptLogits at the last prompt position
     * @param greedyTokens argmax step by step, no stop rule
     */
    public record Run(float[] promptLogits, int[] greedyTokens) {}

    public Run run(int[] prompt, EncodedAudio audio, int steps) {
        try (QwenDecoderSession session = model.newSession(prompt.length + steps)) {
            float[] first = session.prefill(prompt, audio);
            float[] logits = first;
            int[] greedy = new int[steps];
            for (int k = 0; k < steps; k++) {
                greedy[k] = io.github.asr4j.decode.Logits.argmax(logits);
                if (k + 1 < steps) {
                    logits = session.step(greedy[k]);
                }
            }
            return new Run(first, greedy);
        }
    }

    @Override
    public void close() {
        model.close();
        backend.close();
    }
}
