package io.github.asr4j;

import java.util.Locale;

/**
 * How to decode, per call or as a {@link Transcriber}'s default.
 *
 * @param language a language code such as {@code "en"}, or null to detect it from the first window
 *     (English-only models ignore it)
 * @param task transcribe (default) or translate into English
 * @param maxTokensPerWindow the most text tokens decoded per 30 s window (default 224, openai-whisper's
 *     {@code sample_len}: half the decoder's context)
 */
public record TranscribeOptions(String language, Task task, int maxTokensPerWindow) {

    public static final int DEFAULT_MAX_TOKENS = 224;

    public TranscribeOptions {
        if (task == null) {
            throw new IllegalArgumentException("task must not be null");
        }
        if (maxTokensPerWindow < 1) {
            throw new IllegalArgumentException("maxTokensPerWindow must be at least 1, got " + maxTokensPerWindow);
        }
        if (language != null) {
            language = language.strip().toLowerCase(Locale.ROOT);
            if (language.isEmpty()) {
                language = null;
            }
        }
    }

    /** Detect the language, transcribe, 224 tokens per window. */
    public static TranscribeOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder().language(language).task(task).maxTokensPerWindow(maxTokensPerWindow);
    }

    /** Builds {@link TranscribeOptions}; unset values take the defaults above. */
    public static final class Builder {
        private String language;
        private Task task = Task.TRANSCRIBE;
        private int maxTokensPerWindow = DEFAULT_MAX_TOKENS;

        private Builder() {}

        public Builder language(String language) {
            this.language = language;
            return this;
        }

        public Builder task(Task task) {
            this.task = task;
            return this;
        }

        public Builder maxTokensPerWindow(int maxTokens) {
            this.maxTokensPerWindow = maxTokens;
            return this;
        }

        public TranscribeOptions build() {
            return new TranscribeOptions(language, task, maxTokensPerWindow);
        }
    }
}
