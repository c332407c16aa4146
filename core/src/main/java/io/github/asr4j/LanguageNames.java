package io.github.asr4j;

import io.github.asr4j.qwen.QwenLanguages;
import io.github.asr4j.tokenizer.WhisperLanguages;

/**
 * A language as a user names it, before the model family is known: Whisper's codes and names give
 * openai's code ({@code Tagalog} → {@code tl}); a Qwen3-ASR name that Whisper's table lacks stays
 * that name ({@code filipino} → {@code Filipino}), which Qwen3-ASR resolves with its own list and a
 * Whisper model refuses as a language it does not know. So each family resolves names by its own
 * table, and Whisper's behaviour is what its table gives.
 */
final class LanguageNames {
    private LanguageNames() {}

    /**
     * @throws IllegalArgumentException when neither family knows the language, naming it
     */
    static String resolve(String codeOrName) {
        try {
            return WhisperLanguages.code(codeOrName);
        } catch (IllegalArgumentException notWhisper) {
            if (QwenLanguages.isName(codeOrName)) {
                return QwenLanguages.name(codeOrName);
            }
            throw new IllegalArgumentException(notWhisper.getMessage() + "; for Qwen3-ASR also one of "
                    + String.join(", ", QwenLanguages.names()), notWhisper);
        }
    }
}
