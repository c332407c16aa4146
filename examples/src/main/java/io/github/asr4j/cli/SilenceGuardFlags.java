package io.github.asr4j.cli;

import io.github.asr4j.TranscribeOptions;
import io.github.asr4j.RepetitionGuard;
import io.github.asr4j.vad.VadModel;
import io.github.asr4j.vad.VadOptions;
import picocli.CommandLine.Option;

/**
 * The transcribe flags against decoding silence and loops: faster-whisper's VAD filter (named as
 * in faster-whisper / whisper-ctranslate2), openai's {@code --hallucination_silence_threshold},
 * and asr4j's n-gram repetition guard.
 */
final class SilenceGuardFlags {
    @Option(names = "--vad_filter", defaultValue = "false", arity = "0..1", paramLabel = "BOOL",
            description = "Decode only the speech Silero VAD finds; times stay those of the input (default: False).")
    boolean vadFilter;

    @Option(names = "--vad_model", defaultValue = "v6", paramLabel = "v5|v6",
            description = "Silero VAD network for --vad_filter (default: ${DEFAULT-VALUE}).")
    String vadModel;

    @Option(names = "--vad_threshold", defaultValue = "0.5", paramLabel = "P",
            description = "Speech probability threshold (default: ${DEFAULT-VALUE}).")
    double vadThreshold;

    @Option(names = "--vad_neg_threshold", paramLabel = "P",
            description = "Probability below which speech ends (default: threshold - 0.15).")
    Double vadNegThreshold;

    @Option(names = "--vad_min_speech_duration_ms", defaultValue = "0", paramLabel = "MS",
            description = "Drop speech not longer than this (default: ${DEFAULT-VALUE}).")
    int vadMinSpeechMs;

    @Option(names = "--vad_max_speech_duration_s", paramLabel = "S",
            description = "Split longer speech at its longest silence (default: no limit).")
    Double vadMaxSpeechS;

    @Option(names = "--vad_min_silence_duration_ms", defaultValue = "2000", paramLabel = "MS",
            description = "Silence that ends speech (default: ${DEFAULT-VALUE}).")
    int vadMinSilenceMs;

    @Option(names = "--vad_speech_pad_ms", defaultValue = "400", paramLabel = "MS",
            description = "Padding on each side of speech (default: ${DEFAULT-VALUE}).")
    int vadSpeechPadMs;

    @Option(names = "--hallucination_silence_threshold", paramLabel = "S",
            description = "(requires --word_timestamps True) skip silences longer than this around a possible hallucination.")
    Double hallucinationSilenceThreshold;

    @Option(names = "--repetition_ngram_size", paramLabel = "N",
            description = "Guard against loops: an N-token sequence may repeat at most --repetition_max_repeats times per window (default: off; 4 recommended).")
    Integer repetitionNgramSize;

    @Option(names = "--repetition_max_repeats", defaultValue = "3", paramLabel = "K",
            description = "Occurrences allowed per window with --repetition_ngram_size (default: ${DEFAULT-VALUE}).")
    int repetitionMaxRepeats;

    TranscribeOptions.Builder applyTo(TranscribeOptions.Builder b) {
        return b.vadFilter(vadFilter)
                .vadModel(VadModel.parse(vadModel))
                .vadOptions(new VadOptions(vadThreshold, vadNegThreshold, vadMinSpeechMs,
                        vadMaxSpeechS == null ? Double.POSITIVE_INFINITY : vadMaxSpeechS, vadMinSilenceMs, vadSpeechPadMs))
                .hallucinationSilenceThreshold(hallucinationSilenceThreshold)
                .repetitionGuard(repetitionNgramSize == null ? null
                        : new RepetitionGuard(repetitionNgramSize, repetitionMaxRepeats));
    }
}
