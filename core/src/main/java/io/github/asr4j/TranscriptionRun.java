package io.github.asr4j;

import io.github.asr4j.audio.AudioConstants;
import io.github.asr4j.decode.DecodedSegment;
import io.github.asr4j.decode.DecodingOptions;
import io.github.asr4j.decode.DecodingResult;
import io.github.asr4j.decode.FallbackDecoder;
import io.github.asr4j.decode.FallbackPolicy;
import io.github.asr4j.decode.LanguageDetector;
import io.github.asr4j.decode.LongFormDecoder;
import io.github.asr4j.decode.LongFormOptions;
import io.github.asr4j.decode.WindowDecoder;
import io.github.asr4j.model.DecoderSession;
import io.github.asr4j.model.WhisperModel;
import io.github.asr4j.profile.Profiler;
import io.github.asr4j.profile.Span;
import io.github.asr4j.profile.SpanLevel;
import io.github.asr4j.timing.WordSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One transcription: openai-whisper's {@code transcribe()} over a spectrogram — detect the
 * language from the first window if needed, then decode window after window with temperature
 * fallback, seeking by the timestamps the model emits.
 */
final class TranscriptionRun {
    private final WhisperModel model;
    private final WhisperVocabulary vocabulary;
    private final TranscribeOptions options;
    private final ProgressListener progress;
    private final Profiler profiler;
    private final StepBatcher.Worker batch;

    /** @param batch the batch worker this run's single-token steps go through; null to step alone */
    TranscriptionRun(WhisperModel model, WhisperVocabulary vocabulary, TranscribeOptions options,
                     ProgressListener progress, Profiler profiler, StepBatcher.Worker batch) {
        this.model = model;
        this.vocabulary = vocabulary;
        this.options = options;
        this.progress = progress;
        this.profiler = profiler;
        this.batch = batch;
    }

    Transcript run(AudioFeatures.Mel mel) {
        String language = options.language();
        Map<String, Double> languageProbabilities = Map.of();
        DecoderSession detector = null; // the language detector's session, done once it has answered
        if (!vocabulary.isMultilingual()) {
            language = "en";
        } else if (language == null) {
            detector = encodeSession(mel.window(0), null);
            LanguageDetector.Detection detection = detectLanguage(detector);
            language = detection.language();
            languageProbabilities = detection.probabilities();
        } else if (!vocabulary.languageTokens().containsKey(language)) {
            throw new IllegalArgumentException("unknown language '" + language + "'; this model knows "
                    + String.join(", ", vocabulary.languageTokens().keySet()));
        }

        var config = model.config();
        WindowDecoder window = new WindowDecoder(vocabulary.special(),
                vocabulary.startSequence(language, options.task()), config.maxTargetPositions(),
                config.maxSourcePositions(), vocabulary::text);
        FallbackDecoder fallback = new FallbackDecoder(window, fallbackPolicy());
        DecodingOptions base = decodingOptions();
        LongFormDecoder longForm = new LongFormDecoder(vocabulary.special(), config.maxTargetPositions(),
                config.maxSourcePositions(), vocabulary::text);

        double totalSeconds = mel.contentFrames() * AudioConstants.SECONDS_PER_FRAME;
        WordTimingHook words = options.wordTimestamps() ? wordTiming(language, mel.contentFrames()) : null;
        int[] windows = {0};
        // the previous window's session (the language detector's before the first): done once the next window starts
        DecoderSession[] finished = {detector};
        ForkPool forks = new ForkPool();     // beams' and samples' copies, reused by every attempt
        LongFormDecoder.Result result = longForm.run(mel.contentFrames(), (seek, frames, prompt) -> {
            try (Span span = profiler.begin("window " + windows[0]++, SpanLevel.WINDOW)) {
                float[] audio = mel.window(seek, frames);
                // (the audio states are held by no local: once projected they are garbage while the window decodes;
                // one file at a time, they are projected from the encoder's buffer, with no host copy at all)
                DecoderSession session = encodeSession(audio, finished[0]);
                // The window's cross-attention K/V are computed once; every fallback attempt rewinds
                // the same session instead of projecting them (and allocating caches) again, and the
                // word-timing pass attends to them too. The session takes over the previous window's
                // memory (its hook has run): no window-sized caches left to the collector per window.
                finished[0] = session;
                if (words != null) {
                    words.windowEncoded(session);
                }
                DecodingResult decoded = fallback.decode(() -> {
                            session.reset();
                            forks.reclaim();
                            return new SessionState(session, batch, forks);
                        },
                        base.toBuilder().prompt(prompt).build(), options.bestOf(),
                        FallbackDecoder.windowSeed(options.seed(), seek));
                progress.progress((seek + frames) * AudioConstants.SECONDS_PER_FRAME, totalSeconds);
                return decoded;
            }
        }, longFormOptions(), words);

        return new Transcript(result.text(), language, languageProbabilities, toSegments(result.segments()));
    }

    /** A window's session: its audio encoded (through the batch worker when there is one), {@code spare}'s memory taken over. */
    private DecoderSession encodeSession(float[] audio, DecoderSession spare) {
        return batch == null ? model.encodeSession(audio, profiler, spare)
                : model.newSession(batch.encode(() -> model.encode(audio, profiler)), profiler, spare);
    }

    /**
     * openai detects from the first 30 s of the padded spectrogram (frames 0..2999 as they are), here
     * {@code session}, which the first window then takes over: its cross-attention K/V and caches are not
     * left to the collector while that window runs (card F16: 37 MiB of G1 humongous regions, at the
     * first window, where the JIT's largest compiles make a fresh JVM's peak RSS).
     */
    private LanguageDetector.Detection detectLanguage(DecoderSession session) {
        return LanguageDetector.detect(new SessionState(session, null)::step,
                vocabulary.special().startOfTranscript(),
                vocabulary.languageTokens());
    }

    private FallbackPolicy fallbackPolicy() {
        double[] temperatures = options.temperatures().stream().mapToDouble(Double::doubleValue).toArray();
        return new FallbackPolicy(temperatures, options.compressionRatioThreshold(), options.logProbThreshold(),
                options.noSpeechThreshold());
    }

    private DecodingOptions decodingOptions() {
        return DecodingOptions.builder()
                .sampleLen(options.maxTokensPerWindow())
                .beamSize(options.beamSize())
                .patience(options.patience())
                .lengthPenalty(options.lengthPenalty())
                .suppressBlank(options.suppressBlank())
                .suppressTokens(vocabulary.suppressTokens(options.suppressTokens()))
                .withoutTimestamps(options.withoutTimestamps())
                .maxInitialTimestamp(options.maxInitialTimestamp())
                .repetitionGuard(options.repetitionGuard())
                .build();
    }

    private LongFormOptions longFormOptions() {
        double[] clips = options.clipTimestamps().stream().mapToDouble(Double::doubleValue).toArray();
        int[] initialPrompt = options.initialPrompt() == null ? null : vocabulary.promptTokens(options.initialPrompt());
        return new LongFormOptions(options.noSpeechThreshold(), options.logProbThreshold(),
                options.conditionOnPreviousText(), initialPrompt, options.carryInitialPrompt(), clips);
    }

    private WordTimingHook wordTiming(String language, int contentFrames) {
        var config = model.config();
        List<int[]> heads = vocabulary.alignmentHeads().isEmpty()
                ? WordTimingHook.defaultAlignmentHeads(config.decoderLayers(), config.decoderAttentionHeads())
                : vocabulary.alignmentHeads();
        WordSplitter splitter = new WordSplitter(vocabulary.tokenizer()::decodeWithTimestamps,
                vocabulary.special().endOfText(), language);
        return new WordTimingHook(heads, vocabulary.startSequence(language, options.task()),
                vocabulary.special().noTimestamps(), splitter, options.prependPunctuations(),
                options.appendPunctuations(), options.hallucinationSilenceThreshold(), contentFrames);
    }

    private static List<Segment> toSegments(List<DecodedSegment> decoded) {
        return decoded.stream().map(TranscriptionRun::toSegment).toList();
    }

    private static Segment toSegment(DecodedSegment d) {
        List<Integer> tokens = new ArrayList<>();
        for (int t : d.tokens()) {
            tokens.add(t);
        }
        return new Segment(d.id(), d.seek(), d.start(), d.end(), d.text(), tokens, d.temperature(),
                d.avgLogProb(), d.compressionRatio(), d.noSpeechProb(), d.words());
    }
}
