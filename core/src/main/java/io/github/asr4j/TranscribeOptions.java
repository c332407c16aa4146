package io.github.asr4j;

import io.github.asr4j.vad.VadModel;
import io.github.asr4j.vad.VadOptions;
import java.util.List;

/**
 * How to transcribe: openai-whisper's {@code transcribe()} arguments, with its defaults.
 * One value with documented defaults, like whisper.cpp's {@code whisper_full_params}; build it with
 * {@link #builder()} and pass it per call or as a {@link Transcriber}'s default.
 *
 * @param language a language code such as {@code "en"} or a name such as {@code "English"}, kept as
 *     openai's code ({@code "iw"} becomes {@code "he"}), or a Qwen3-ASR language name Whisper has no
 *     name for, kept as that name ({@code "Filipino"}: see {@link LanguageNames}); null: detect it from the first 30 s
 *     (English-only models always use English); an unknown language is refused here, before any model loads
 * @param task transcribe (default) or translate into English
 * @param temperatures tried in order while a window's decode looks failed (0.0, 0.2, ..., 1.0)
 * @param compressionRatioThreshold a decode whose text compresses better than this is repetitive (2.4); null: never
 * @param logProbThreshold a decode whose average log-probability is below this failed (-1.0); null: never
 * @param noSpeechThreshold a window whose no-speech probability is above this, with a failed
 *     log-probability, is skipped as silence (0.6); null: never
 * @param conditionOnPreviousText prompt each window with the text before it (true)
 * @param initialPrompt text to prompt the first window with (spelling, names, style); null: none
 * @param carryInitialPrompt keep the initial prompt in every window's prompt (false)
 * @param withoutTimestamps decode text only, one segment per window (false: timestamps, as openai)
 * @param maxInitialTimestamp the latest first timestamp of a window, in seconds (1.0)
 * @param wordTimestamps add word timings from cross-attention (false)
 * @param prependPunctuations with word timestamps: marks merged into the next word
 * @param appendPunctuations with word timestamps: marks merged into the previous word
 * @param clipTimestamps start,end,... seconds of the parts to transcribe; empty: all
 * @param beamSize beams at temperature 0; null: greedy
 * @param bestOf samples drawn at temperature > 0, the best kept; null: 1
 * @param patience beam-search patience; null: 1.0
 * @param lengthPenalty null: rank by log-probability / length; else Google NMT's alpha in [0, 1]
 * @param suppressTokens token ids never to emit; {@code -1} stands for openai's non-speech symbols;
 *     null: the model's generation_config {@code suppress_tokens}, or {@code [-1]} without one
 * @param suppressBlank never open a window with a blank or end-of-text (true)
 * @param maxTokensPerWindow the most tokens chosen per window; null: half the decoder's context (224)
 * @param seed seeds the sampling at temperature > 0, so results are reproducible (0)
 * @param vadFilter decode only the speech that Silero VAD finds, timestamps mapped back to the
 *     input (false, as openai; faster-whisper's {@code vad_filter})
 * @param vadOptions how speech is found when {@code vadFilter} ({@link VadOptions#transcription()},
 *     faster-whisper's {@code VadOptions()} defaults)
 * @param vadModel the Silero network for {@code vadFilter} (v6, as faster-whisper)
 * @param hallucinationSilenceThreshold with word timestamps: skip silences longer than this many
 *     seconds around a possible hallucination (openai's; null: off)
 * @param repetitionGuard stop an n-gram from repeating without end within a window; null: off (as openai)
 */
public record TranscribeOptions(String language, Task task, List<Double> temperatures,
                                Double compressionRatioThreshold, Double logProbThreshold, Double noSpeechThreshold,
                                boolean conditionOnPreviousText, String initialPrompt, boolean carryInitialPrompt,
                                boolean withoutTimestamps, Double maxInitialTimestamp, boolean wordTimestamps,
                                String prependPunctuations, String appendPunctuations, List<Double> clipTimestamps,
                                Integer beamSize, Integer bestOf, Double patience, Double lengthPenalty,
                                List<Integer> suppressTokens, boolean suppressBlank, Integer maxTokensPerWindow,
                                long seed, boolean vadFilter, VadOptions vadOptions, VadModel vadModel,
                                Double hallucinationSilenceThreshold, RepetitionGuard repetitionGuard) {

    /** openai-whisper's {@code prepend_punctuations}. */
    public static final String DEFAULT_PREPEND_PUNCTUATIONS = "\"'“¿([{-";
    /** openai-whisper's {@code append_punctuations}. */
    public static final String DEFAULT_APPEND_PUNCTUATIONS = "\"'.。,，!！?？:：”)]}、";
    public static final List<Double> DEFAULT_TEMPERATURES = List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0);
    /** The most beams: each is a copy of the decoder state and a pass per token; openai's CLI uses 5. */
    public static final int MAX_BEAM_SIZE = 32;
    /** The most best-of samples per fallback temperature; openai's CLI uses 5. */
    public static final int MAX_BEST_OF = 32;
    /** The most tokens per window: Whisper's whole text context (448); the default is half of it. */
    public static final int MAX_TOKENS_PER_WINDOW = 448;

    public TranscribeOptions {
        if (task == null) {
            throw new IllegalArgumentException("task must not be null");
        }
        if (language != null) {
            language = language.isBlank() ? null : LanguageNames.resolve(language);
        }
        temperatures = List.copyOf(temperatures);
        if (temperatures.isEmpty()) {
            throw new IllegalArgumentException("at least one temperature is needed");
        }
        for (double t : temperatures) {
            if (!(t >= 0) || Double.isInfinite(t)) {
                throw new IllegalArgumentException("temperatures must be finite and >= 0, got " + t);
            }
        }
        clipTimestamps = List.copyOf(clipTimestamps);
        suppressTokens = suppressTokens == null ? null : List.copyOf(suppressTokens);
        requireWithin("maxTokensPerWindow", maxTokensPerWindow, MAX_TOKENS_PER_WINDOW);
        requireWithin("beamSize", beamSize, MAX_BEAM_SIZE);
        requireWithin("bestOf", bestOf, MAX_BEST_OF);
        if (patience != null && beamSize == null) {
            throw new IllegalArgumentException("patience needs beamSize");
        }
        if (lengthPenalty != null && !(lengthPenalty >= 0 && lengthPenalty <= 1)) {
            throw new IllegalArgumentException("lengthPenalty must be in [0, 1], got " + lengthPenalty);
        }
        if (wordTimestamps && withoutTimestamps) {
            throw new IllegalArgumentException("word timestamps need timestamp decoding (withoutTimestamps=false)");
        }
        vadOptions = vadOptions == null ? VadOptions.transcription() : vadOptions;
        if (vadFilter && !clipTimestamps.isEmpty()) {
            throw new IllegalArgumentException("vadFilter and clipTimestamps both choose what to decode; give one");
        }
        vadModel = vadModel == null ? VadModel.V6 : vadModel;
        if (hallucinationSilenceThreshold != null) {
            if (!(hallucinationSilenceThreshold >= 0) || hallucinationSilenceThreshold.isInfinite()) {
                throw new IllegalArgumentException("hallucinationSilenceThreshold must be finite seconds >= 0, got "
                        + hallucinationSilenceThreshold);
            }
            if (!wordTimestamps) {
                throw new IllegalArgumentException("hallucinationSilenceThreshold needs word timestamps (wordTimestamps=true)");
            }
        }
        prependPunctuations = prependPunctuations == null ? DEFAULT_PREPEND_PUNCTUATIONS : prependPunctuations;
        appendPunctuations = appendPunctuations == null ? DEFAULT_APPEND_PUNCTUATIONS : appendPunctuations;
    }

    private static void requireWithin(String name, Integer value, int max) {
        if (value != null && (value < 1 || value > max)) {
            throw new IllegalArgumentException(name + " must be between 1 and " + max + ", got " + value);
        }
    }

    /** openai-whisper's defaults: detect the language, transcribe, greedy with temperature fallback, timestamps. */
    public static TranscribeOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.language = language;
        b.task = task;
        b.temperatures = temperatures;
        b.compressionRatioThreshold = compressionRatioThreshold;
        b.logProbThreshold = logProbThreshold;
        b.noSpeechThreshold = noSpeechThreshold;
        b.conditionOnPreviousText = conditionOnPreviousText;
        b.initialPrompt = initialPrompt;
        b.carryInitialPrompt = carryInitialPrompt;
        b.withoutTimestamps = withoutTimestamps;
        b.maxInitialTimestamp = maxInitialTimestamp;
        b.wordTimestamps = wordTimestamps;
        b.prependPunctuations = prependPunctuations;
        b.appendPunctuations = appendPunctuations;
        b.clipTimestamps = clipTimestamps;
        b.beamSize = beamSize;
        b.bestOf = bestOf;
        b.patience = patience;
        b.lengthPenalty = lengthPenalty;
        b.suppressTokens = suppressTokens;
        b.suppressBlank = suppressBlank;
        b.maxTokensPerWindow = maxTokensPerWindow;
        b.seed = seed;
        b.vadFilter = vadFilter;
        b.vadOptions = vadOptions;
        b.vadModel = vadModel;
        b.hallucinationSilenceThreshold = hallucinationSilenceThreshold;
        b.repetitionGuard = repetitionGuard;
        return b;
    }

    /** Builds {@link TranscribeOptions}; every value starts at openai-whisper's default. */
    public static final class Builder {
        private String language;
        private Task task = Task.TRANSCRIBE;
        private List<Double> temperatures = DEFAULT_TEMPERATURES;
        private Double compressionRatioThreshold = 2.4;
        private Double logProbThreshold = -1.0;
        private Double noSpeechThreshold = 0.6;
        private boolean conditionOnPreviousText = true;
        private String initialPrompt;
        private boolean carryInitialPrompt;
        private boolean withoutTimestamps;
        private Double maxInitialTimestamp = 1.0;
        private boolean wordTimestamps;
        private String prependPunctuations = DEFAULT_PREPEND_PUNCTUATIONS;
        private String appendPunctuations = DEFAULT_APPEND_PUNCTUATIONS;
        private List<Double> clipTimestamps = List.of();
        private Integer beamSize;
        private Integer bestOf;
        private Double patience;
        private Double lengthPenalty;
        private List<Integer> suppressTokens;
        private boolean suppressBlank = true;
        private Integer maxTokensPerWindow;
        private long seed;
        private boolean vadFilter;
        private VadOptions vadOptions = VadOptions.transcription();
        private VadModel vadModel = VadModel.V6;
        private Double hallucinationSilenceThreshold;
        private RepetitionGuard repetitionGuard;

        private Builder() {}

        public Builder language(String v) { language = v; return this; }
        public Builder task(Task v) { task = v; return this; }
        /** One temperature, or a fallback schedule. */
        public Builder temperatures(List<Double> v) { temperatures = v; return this; }
        public Builder temperature(double v) { temperatures = List.of(v); return this; }
        public Builder compressionRatioThreshold(Double v) { compressionRatioThreshold = v; return this; }
        public Builder logProbThreshold(Double v) { logProbThreshold = v; return this; }
        public Builder noSpeechThreshold(Double v) { noSpeechThreshold = v; return this; }
        public Builder conditionOnPreviousText(boolean v) { conditionOnPreviousText = v; return this; }
        public Builder initialPrompt(String v) { initialPrompt = v; return this; }
        public Builder carryInitialPrompt(boolean v) { carryInitialPrompt = v; return this; }
        public Builder withoutTimestamps(boolean v) { withoutTimestamps = v; return this; }
        public Builder maxInitialTimestamp(Double v) { maxInitialTimestamp = v; return this; }
        public Builder wordTimestamps(boolean v) { wordTimestamps = v; return this; }
        public Builder prependPunctuations(String v) { prependPunctuations = v; return this; }
        public Builder appendPunctuations(String v) { appendPunctuations = v; return this; }
        public Builder clipTimestamps(List<Double> v) { clipTimestamps = v; return this; }
        public Builder beamSize(Integer v) { beamSize = v; return this; }
        public Builder bestOf(Integer v) { bestOf = v; return this; }
        public Builder patience(Double v) { patience = v; return this; }
        public Builder lengthPenalty(Double v) { lengthPenalty = v; return this; }
        public Builder suppressTokens(List<Integer> v) { suppressTokens = v; return this; }
        public Builder suppressBlank(boolean v) { suppressBlank = v; return this; }
        public Builder maxTokensPerWindow(Integer v) { maxTokensPerWindow = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder vadFilter(boolean v) { vadFilter = v; return this; }
        public Builder vadOptions(VadOptions v) { vadOptions = v; return this; }
        public Builder vadModel(VadModel v) { vadModel = v; return this; }
        public Builder hallucinationSilenceThreshold(Double v) { hallucinationSilenceThreshold = v; return this; }
        public Builder repetitionGuard(RepetitionGuard v) { repetitionGuard = v; return this; }

        public TranscribeOptions build() {
            return new TranscribeOptions(language, task, temperatures, compressionRatioThreshold, logProbThreshold,
                    noSpeechThreshold, conditionOnPreviousText, initialPrompt, carryInitialPrompt, withoutTimestamps,
                    maxInitialTimestamp, wordTimestamps, prependPunctuations, appendPunctuations, clipTimestamps,
                    beamSize, bestOf, patience, lengthPenalty, suppressTokens, suppressBlank, maxTokensPerWindow,
                    seed, vadFilter, vadOptions, vadModel, hallucinationSilenceThreshold, repetitionGuard);
        }
    }
}
