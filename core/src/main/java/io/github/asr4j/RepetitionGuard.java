package io.github.asr4j;

/**
 * A limit on runaway repetition within one window: no sequence of {@code ngramSize} text tokens
 * may occur more than {@code maxRepeats} times among the window's sampled tokens. The token that
 * would complete one occurrence too many is suppressed, so a loop ("Thank you. Thank you. ...")
 * is broken where it starts instead of filling the window (224 tokens) and relying on the
 * compression-ratio fallback afterwards. Timestamps and other special tokens are skipped when
 * counting, so the same phrase in consecutive timestamped segments is caught too.
 *
 * <p>Off by default, as in openai-whisper. {@link #recommended()} is 4 tokens, 3 times: a
 * four-token phrase said three times in 30 s is rare in real speech, and a hallucination loop
 * repeats far more often than that.
 *
 * @param ngramSize tokens per n-gram, at least 1
 * @param maxRepeats occurrences allowed per window, at least 1
 */
public record RepetitionGuard(int ngramSize, int maxRepeats) {
    public RepetitionGuard {
        if (ngramSize < 1 || maxRepeats < 1) {
            throw new IllegalArgumentException("repetition guard needs ngramSize >= 1 and maxRepeats >= 1, got "
                    + ngramSize + " and " + maxRepeats);
        }
    }

    /** 4-grams, at most 3 times per window. */
    public static RepetitionGuard recommended() {
        return new RepetitionGuard(4, 3);
    }
}
