package io.github.asr4j;

import io.github.asr4j.audio.AudioReader;
import io.github.asr4j.decode.DecodeResult;
import io.github.asr4j.decode.GreedyDecoder;
import io.github.asr4j.decode.LanguageDetector;
import io.github.asr4j.decode.LogitFilter;
import io.github.asr4j.decode.SuppressAtBegin;
import io.github.asr4j.decode.SuppressTokens;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.loader.GenerationConfig;
import io.github.asr4j.model.DecoderSession;
import io.github.asr4j.model.WhisperModel;
import io.github.asr4j.tokenizer.WhisperTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Speech to text with a Whisper-architecture model folder: the entry point of asr4j.
 *
 * <pre>{@code
 * try (Transcriber t = Transcriber.of(Path.of("whisper-small"))) {
 *     System.out.println(t.transcribe(Path.of("speech.wav")).text());
 * }
 * }</pre>
 *
 * <p>Loading is the expensive part; a Transcriber is immutable and thread-safe, so load it once
 * and share it: concurrent {@code transcribe} calls each keep their own decoder state.
 */
public final class Transcriber implements AutoCloseable {
    private final WhisperModel model;
    private final Backend backend;
    private final WhisperTokenizer tokenizer;
    private final GenerationConfig generation;
    private final TranscribeOptions defaults;
    private final AudioFeatures features;

    private Transcriber(Path modelDir, int threads, TranscribeOptions defaults) {
        this.backend = threads > 0 ? Backends.cpu(threads) : Backends.cpu();
        try {
            this.model = WhisperModel.load(modelDir, backend);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        this.tokenizer = WhisperTokenizer.load(modelDir);
        Path generationFile = modelDir.resolve("generation_config.json");
        this.generation = Files.exists(generationFile)
                ? GenerationConfig.read(generationFile)
                : GenerationConfig.defaults(model.config());
        this.defaults = defaults;
        this.features = new AudioFeatures(model.config().numMelBins(), 2 * model.config().maxSourcePositions());
    }

    /** Loads the model folder with default options and one worker thread per core. */
    public static Transcriber of(Path modelDir) {
        return builder(modelDir).build();
    }

    public static Builder builder(Path modelDir) {
        return new Builder(modelDir);
    }

    /** Reads an audio file (WAV or FLAC, any rate and channel count) and transcribes it with the default options. */
    public Transcript transcribe(Path audioFile) {
        return transcribe(audioFile, defaults);
    }

    public Transcript transcribe(Path audioFile, TranscribeOptions options) {
        return transcribe(features.read16k(audioFile), options);
    }

    /** Transcribes mono samples at 16 kHz in [-1, 1] with the default options. */
    public Transcript transcribe(float[] samples16k) {
        return transcribe(samples16k, defaults);
    }

    public Transcript transcribe(float[] samples16k, TranscribeOptions options) {
        AudioFeatures.checkSamples(samples16k);
        if (samples16k.length == 0) {
            return new Transcript("", options.language(), Map.of(), List.of());
        }
        AudioFeatures.Mel mel = features.logMel(samples16k);
        String language = options.language();
        Map<String, Double> languageProbabilities = Map.of();
        List<Segment> segments = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int seek = 0; seek < mel.contentFrames(); seek += mel.windowFrames()) {
            float[] encoded = model.encode(mel.window(seek));
            DecoderSession session = model.newSession(encoded);
            if (language == null && tokenizer.isMultilingual()) {
                LanguageDetector.Detection detection =
                        LanguageDetector.detect(session::step, tokenizer.sot(), languageTokens());
                language = detection.language();
                languageProbabilities = detection.probabilities();
                session.reset();
            }
            int[] prompt = tokenizer.prompt(tokenizer.isMultilingual() ? language : null,
                    options.task().tokenName(), false);
            DecodeResult result = decoder().decode(session::step, prompt, options.maxTokensPerWindow(),
                    model.config().maxTargetPositions() - prompt.length);
            String windowText = tokenizer.decodeText(result.tokens());
            double start = seek * AudioFeatures.SECONDS_PER_FRAME;
            double end = Math.min(seek + mel.windowFrames(), mel.contentFrames()) * AudioFeatures.SECONDS_PER_FRAME;
            segments.add(new Segment(segments.size(), seek, start, end, windowText, toList(result.tokens()), 0.0,
                    result.sumLogProb() / (result.tokens().length + 1), Double.NaN, Double.NaN, List.of()));
            text.append(windowText);
        }
        return new Transcript(text.toString().strip(), language, languageProbabilities, segments);
    }

    /** The options used when a call gives none. */
    public TranscribeOptions defaultOptions() {
        return defaults;
    }

    /** A one-line description of the loaded model and backend, for logs. */
    public String describe() {
        var c = model.config();
        return "whisper d=" + c.dModel() + " enc=" + c.encoderLayers() + " dec=" + c.decoderLayers()
                + " mels=" + c.numMelBins() + " vocab=" + c.vocabSize() + " on " + backend.name();
    }

    @Override
    public void close() {
        model.close();
        backend.close();
    }

    private GreedyDecoder decoder() {
        List<LogitFilter> filters = new ArrayList<>();
        List<Integer> suppress = new ArrayList<>(generation.suppressTokens());
        // openai-whisper never lets the model emit these control tokens as text
        suppress.addAll(List.of(tokenizer.transcribe(), tokenizer.translate(), tokenizer.sot(),
                tokenizer.startOfPrev(), tokenizer.startOfLm()));
        if (tokenizer.noSpeech() >= 0) {
            suppress.add(tokenizer.noSpeech());
        }
        filters.add(new SuppressTokens(suppress));
        filters.add(new SuppressAtBegin(generation.beginSuppressTokens()));
        return new GreedyDecoder(filters, tokenizer.eot());
    }

    private Map<String, Integer> languageTokens() {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (String code : tokenizer.languages()) {
            ids.put(code, tokenizer.languageId(code));
        }
        return ids;
    }

    private static List<Integer> toList(int[] tokens) {
        List<Integer> list = new ArrayList<>(tokens.length);
        for (int t : tokens) {
            list.add(t);
        }
        return list;
    }

    /** Configures a {@link Transcriber}. */
    public static final class Builder {
        private final Path modelDir;
        private int threads;
        private TranscribeOptions options = TranscribeOptions.defaults();

        private Builder(Path modelDir) {
            this.modelDir = modelDir;
        }

        /** Worker threads for the kernels; 0 (default) means one per available core. */
        public Builder threads(int threads) {
            if (threads < 0) {
                throw new IllegalArgumentException("threads must be >= 0, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** The options used by calls that give none. */
        public Builder options(TranscribeOptions options) {
            this.options = options;
            return this;
        }

        public Transcriber build() {
            if (!Files.isDirectory(modelDir)) {
                throw new ModelNotFoundException(modelDir);
            }
            return new Transcriber(modelDir, threads, options);
        }
    }
}
