package io.github.asr4j.decode;

import io.github.asr4j.RepetitionGuard;
import java.util.List;

/**
 * How to decode one window: openai-whisper's {@code DecodingOptions} less task and language
 * (which the caller has already turned into the start-of-transcript sequence) and fp16.
 *
 * @param temperature 0 for greedy or beam search; above 0 to sample
 * @param sampleLen the most tokens to choose, end-of-text included; null: half the text context (224)
 * @param bestOf independent samples to draw at temperature > 0, the best of which is kept; null: 1
 * @param beamSize beams at temperature 0; null: greedy
 * @param patience beam-search patience (arXiv:2204.05424); null: 1.0
 * @param lengthPenalty null: rank candidates by log-probability / length; else Google NMT's alpha in [0, 1]
 * @param prompt previous-text tokens, put after {@code <|startofprev|>}; null or empty: none
 * @param prefix tokens forced after the start-of-transcript sequence; null or empty: none
 * @param suppressBlank suppress {@code encode(" ")} and end-of-text at the first step
 * @param suppressTokens ids never to choose, already resolved (see {@link SuppressTokens#resolve});
 *     empty: none
 * @param withoutTimestamps add {@code <|notimestamps|>} to the prompt and sample text only
 * @param maxInitialTimestamp the latest first timestamp in seconds; null or 0: no limit
 * @param repetitionGuard the n-gram repeat limit; null: none (as openai)
 */
public record DecodingOptions(double temperature, Integer sampleLen, Integer bestOf, Integer beamSize,
                              Double patience, Double lengthPenalty, int[] prompt, int[] prefix,
                              boolean suppressBlank, List<Integer> suppressTokens, boolean withoutTimestamps,
                              Double maxInitialTimestamp, RepetitionGuard repetitionGuard) {

    /** Checks what openai's {@code _verify_options} checks, and that counts are positive. */
    public DecodingOptions {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and >= 0, got " + temperature);
        }
        if (beamSize != null && bestOf != null) {
            throw new IllegalArgumentException("beam_size and best_of can't be given together");
        }
        if (temperature == 0 && bestOf != null) {
            throw new IllegalArgumentException("best_of with greedy sampling (T=0) is not compatible");
        }
        if (patience != null && beamSize == null) {
            throw new IllegalArgumentException("patience requires beam_size to be given");
        }
        if (lengthPenalty != null && !(lengthPenalty >= 0 && lengthPenalty <= 1)) {
            throw new IllegalArgumentException("length_penalty (alpha) should be a value between 0 and 1, got "
                    + lengthPenalty);
        }
        requirePositive("sampleLen", sampleLen);
        requirePositive("bestOf", bestOf);
        requirePositive("beamSize", beamSize);
        prompt = prompt == null ? new int[0] : prompt.clone();
        prefix = prefix == null ? new int[0] : prefix.clone();
        suppressTokens = suppressTokens == null ? List.of() : List.copyOf(suppressTokens);
    }

    private static void requirePositive(String name, Integer value) {
        if (value != null && value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }

    @Override
    public int[] prompt() {
        return prompt.clone();
    }

    @Override
    public int[] prefix() {
        return prefix.clone();
    }

    /** openai's defaults: greedy, timestamps on, blank suppressed, no token list, 1.0 s initial timestamp. */
    public static DecodingOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().temperature(temperature).sampleLen(sampleLen).bestOf(bestOf).beamSize(beamSize)
                .patience(patience).lengthPenalty(lengthPenalty).prompt(prompt).prefix(prefix)
                .suppressBlank(suppressBlank).suppressTokens(suppressTokens).withoutTimestamps(withoutTimestamps)
                .maxInitialTimestamp(maxInitialTimestamp).repetitionGuard(repetitionGuard);
    }

    /** Builds {@link DecodingOptions}; unset values take openai's defaults. */
    public static final class Builder {
        private double temperature;
        private Integer sampleLen;
        private Integer bestOf;
        private Integer beamSize;
        private Double patience;
        private Double lengthPenalty;
        private int[] prompt;
        private int[] prefix;
        private boolean suppressBlank = true;
        private List<Integer> suppressTokens = List.of();
        private boolean withoutTimestamps;
        private Double maxInitialTimestamp = ApplyTimestampRules.DEFAULT_MAX_INITIAL_TIMESTAMP;
        private RepetitionGuard repetitionGuard;

        private Builder() {}

        public Builder temperature(double v) { temperature = v; return this; }
        public Builder sampleLen(Integer v) { sampleLen = v; return this; }
        public Builder bestOf(Integer v) { bestOf = v; return this; }
        public Builder beamSize(Integer v) { beamSize = v; return this; }
        public Builder patience(Double v) { patience = v; return this; }
        public Builder lengthPenalty(Double v) { lengthPenalty = v; return this; }
        public Builder prompt(int[] v) { prompt = v; return this; }
        public Builder prefix(int[] v) { prefix = v; return this; }
        public Builder repetitionGuard(RepetitionGuard v) { repetitionGuard = v; return this; }
        public Builder suppressBlank(boolean v) { suppressBlank = v; return this; }
        public Builder suppressTokens(List<Integer> v) { suppressTokens = v; return this; }
        public Builder withoutTimestamps(boolean v) { withoutTimestamps = v; return this; }
        public Builder maxInitialTimestamp(Double v) { maxInitialTimestamp = v; return this; }

        public DecodingOptions build() {
            return new DecodingOptions(temperature, sampleLen, bestOf, beamSize, patience, lengthPenalty, prompt,
                    prefix, suppressBlank, suppressTokens, withoutTimestamps, maxInitialTimestamp,
                    repetitionGuard);
        }
    }
}
