package io.github.asr4j.decode;

/**
 * The control-token ids the decoding rules need, independent of any tokenizer class.
 *
 * @param endOfText {@code <|endoftext|>}
 * @param startOfTranscript {@code <|startoftranscript|>}
 * @param startOfPrev {@code <|startofprev|>}, which opens a previous-text prompt
 * @param noSpeech {@code <|nospeech|>} / {@code <|nocaptions|>}, or -1 where the vocabulary has none
 * @param noTimestamps {@code <|notimestamps|>}
 * @param timestampBegin {@code <|0.00|>}; every id at or above it is a timestamp
 * @param blank the ids of {@code encode(" ")}, suppressed with end-of-text at a window's first step
 */
public record SpecialTokens(int endOfText, int startOfTranscript, int startOfPrev, int noSpeech,
                            int noTimestamps, int timestampBegin, int[] blank) {
    public SpecialTokens {
        blank = blank.clone();
        if (timestampBegin <= endOfText) {
            throw new IllegalArgumentException("timestampBegin (" + timestampBegin
                    + ") must come after endOfText (" + endOfText + ")");
        }
    }

    public boolean isTimestamp(int token) {
        return token >= timestampBegin;
    }
}
