package io.github.asr4j.bench;

/**
 * How one configuration is measured.
 *
 * @param threads kernel worker threads (asr4j) and {@code n_threads} (whisper.cpp)
 * @param warmups unrecorded runs before the timed ones, per figure
 * @param runs timed runs of the encoder pass and of the decoder steps (the median is reported)
 * @param endToEndRuns timed transcriptions of the audio file (the median is reported)
 * @param tokensPerWindow text tokens every 30 s window generates (end-of-text is suppressed so random
 *     weights cannot stop early)
 * @param decoderSteps single-token decoder steps timed after the 4-token prompt
 */
public record BenchSettings(int threads, int warmups, int runs, int endToEndRuns, int tokensPerWindow,
                            int decoderSteps) {
    /** The fixed prompt length the decoder steps follow: SOT, language, task, no-timestamps. */
    public static final int PROMPT_TOKENS = 4;

    public BenchSettings {
        if (threads < 1 || warmups < 0 || runs < 1 || endToEndRuns < 1 || tokensPerWindow < 1 || decoderSteps < 1) {
            throw new IllegalArgumentException("threads, runs, endToEndRuns, tokensPerWindow, decoderSteps must be >= 1"
                    + " and warmups >= 0; got " + describe(threads, warmups, runs, endToEndRuns,
                    tokensPerWindow, decoderSteps));
        }
        if (PROMPT_TOKENS + decoderSteps > 448 / 2) {
            throw new IllegalArgumentException("decoderSteps " + decoderSteps + " is more than half the decoder context");
        }
    }

    private static String describe(int t, int w, int r, int e, int tok, int steps) {
        return "threads=" + t + " warmups=" + w + " runs=" + r + " endToEndRuns=" + e + " tokensPerWindow=" + tok
                + " decoderSteps=" + steps;
    }
}
