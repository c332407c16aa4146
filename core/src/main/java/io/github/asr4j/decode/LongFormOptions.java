package io.github.asr4j.decode;

/**
 * The long-form loop's settings (openai-whisper's {@code transcribe} arguments other than the
 * temperatures, which live in {@link FallbackPolicy}).
 *
 * @param noSpeechThreshold a window whose no-speech probability is above it, and whose average
 *     log-probability is not above {@code logProbThreshold}, is skipped as silence (0.6); null: never skip
 * @param logProbThreshold see above (-1.0); null: skip on the no-speech probability alone
 * @param conditionOnPreviousText prompt each window with the text so far (true)
 * @param initialPrompt tokens of {@code encode(" " + initial_prompt.strip())}; null: none
 * @param carryInitialPrompt keep the initial prompt at the head of every window's prompt (false)
 * @param clipTimestamps start,end,start,end,... seconds of the clips to transcribe; an odd count
 *     ends at the end of the audio; empty: the whole audio (openai's "0")
 */
public record LongFormOptions(Double noSpeechThreshold, Double logProbThreshold, boolean conditionOnPreviousText,
                              int[] initialPrompt, boolean carryInitialPrompt, double[] clipTimestamps) {
    public LongFormOptions {
        initialPrompt = initialPrompt == null ? null : initialPrompt.clone();
        clipTimestamps = clipTimestamps == null ? new double[0] : clipTimestamps.clone();
        for (double t : clipTimestamps) {
            if (!(t >= 0) || Double.isInfinite(t)) {
                throw new IllegalArgumentException("clip timestamps must be finite seconds >= 0, got " + t);
            }
        }
    }

    @Override
    public int[] initialPrompt() {
        return initialPrompt == null ? null : initialPrompt.clone();
    }

    @Override
    public double[] clipTimestamps() {
        return clipTimestamps.clone();
    }

    /** openai's defaults: 0.6, -1.0, conditioned on previous text, no initial prompt, whole audio. */
    public static LongFormOptions defaults() {
        return new LongFormOptions(0.6, -1.0, true, null, false, new double[0]);
    }

    public LongFormOptions withInitialPrompt(int[] tokens, boolean carry) {
        return new LongFormOptions(noSpeechThreshold, logProbThreshold, conditionOnPreviousText, tokens, carry,
                clipTimestamps);
    }

    public LongFormOptions withConditionOnPreviousText(boolean condition) {
        return new LongFormOptions(noSpeechThreshold, logProbThreshold, condition, initialPrompt, carryInitialPrompt,
                clipTimestamps);
    }

    public LongFormOptions withClipTimestamps(double... seconds) {
        return new LongFormOptions(noSpeechThreshold, logProbThreshold, conditionOnPreviousText, initialPrompt,
                carryInitialPrompt, seconds);
    }

    public LongFormOptions withThresholds(Double noSpeech, Double logProb) {
        return new LongFormOptions(noSpeech, logProb, conditionOnPreviousText, initialPrompt, carryInitialPrompt,
                clipTimestamps);
    }
}
