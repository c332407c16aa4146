package io.github.asr4j.springai;

import io.github.asr4j.Task;
import io.github.asr4j.TranscribeOptions;
import org.springframework.ai.audio.transcription.AudioTranscriptionOptions;

/**
 * Per-call options of {@link Asr4jTranscriptionModel}, as Spring AI's OpenAI options name them;
 * a null field keeps the model's default.
 *
 * @param language spoken language code, e.g. {@code en}; null: detected
 * @param prompt text to prompt the first window with (openai-whisper's {@code initial_prompt})
 * @param temperature sampling temperature without fallback; 0 or null keeps openai's schedule 0, 0.2, ... 1.0
 * @param task transcribe, or translate into English
 * @param beamSize beams at temperature 0 (1 or null: greedy)
 */
public record Asr4jTranscriptionOptions(String model, String language, String prompt, Double temperature, Task task,
                                        Integer beamSize) implements AudioTranscriptionOptions {

    public static Asr4jTranscriptionOptions language(String language) {
        return new Asr4jTranscriptionOptions(null, language, null, null, null, null);
    }

    @Override
    public String getModel() {
        return model;
    }

    /** These options over {@code base}. */
    public TranscribeOptions applyTo(TranscribeOptions base) {
        TranscribeOptions.Builder b = base.toBuilder();
        if (language != null) b.language(language);
        if (prompt != null) b.initialPrompt(prompt);
        if (task != null) b.task(task);
        if (beamSize != null) b.beamSize(beamSize > 1 ? beamSize : null);
        if (temperature != null && temperature > 0) b.temperature(temperature);
        return b.build();
    }
}
