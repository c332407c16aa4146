package io.github.asr4j;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.loader.GenerationConfig;
import io.github.asr4j.model.WhisperModel;
import io.github.asr4j.profile.Profiler;
import io.github.asr4j.tokenizer.WhisperTokenizer;
import io.github.asr4j.vad.SileroVad;
import io.github.asr4j.vad.SpeechChunks;
import io.github.asr4j.vad.SpeechDetector;
import io.github.asr4j.vad.VadModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Whisper-architecture transcription: openai-whisper's {@code transcribe()} (see {@link TranscriptionRun}). */
final class WhisperEngine implements Engine {
    private final WhisperModel model;
    private final Backend backend;
    private final WhisperVocabulary vocabulary;
    private final AudioFeatures features;
    private final Profiler profiler;
    /** Silero networks for vadFilter, loaded on first use and shared. */
    private final Function<VadModel, SileroVad> vads;

    /** Loads the folder's model onto {@code backend}; the caller closes the backend if this throws. */
    WhisperEngine(Path modelDir, Backend backend, BufferType kvCache, Profiler profiler, Function<VadModel, SileroVad> vads) {
        this.backend = backend;
        this.model = WhisperModel.load(modelDir, backend, kvCache);
        try {
            Path generationFile = modelDir.resolve("generation_config.json");
            GenerationConfig generation = Files.exists(generationFile)
                    ? GenerationConfig.read(generationFile, model.config()).checkAgainst(model.config(), generationFile)
                    : GenerationConfig.defaults(model.config());
            this.vocabulary = new WhisperVocabulary(WhisperTokenizer.load(modelDir), generation);
            this.features = new AudioFeatures(model.config().numMelBins(), 2 * model.config().maxSourcePositions());
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        this.profiler = profiler;
        this.vads = vads;
    }

    @Override
    public Transcript transcribe(Path audioFile, TranscribeOptions options, ProgressListener progress, StepBatcher.Worker seat) {
        if (options.vadFilter()) { // the detector reads the whole recording: speech is cut out of it
            return transcribe(features.read16k(audioFile), options, progress, seat);
        }
        try (AudioFeatures.Mel mel = features.open(audioFile)) { // streamed: memory bounded by a window
            return new TranscriptionRun(model, vocabulary, options, progress, profiler, seat).run(mel);
        }
    }

    /** With {@link TranscribeOptions#vadFilter()}: only the speech is decoded, and silence-only input not at all. */
    @Override
    public Transcript transcribe(float[] samples16k, TranscribeOptions options, ProgressListener progress, StepBatcher.Worker seat) {
        if (!options.vadFilter()) {
            return new TranscriptionRun(model, vocabulary, options, progress, profiler, seat).run(features.logMel(samples16k));
        }
        SpeechChunks speech = SpeechChunks.of(SpeechDetector.segments(vads.apply(options.vadModel()), samples16k,
                options.vadOptions()));
        if (speech.isEmpty()) {
            String language = vocabulary.isMultilingual() ? options.language() : "en";
            return new Transcript("", language, Map.of(), List.of());
        }
        float[] joined = speech.join(samples16k);
        return speech.restore(new TranscriptionRun(model, vocabulary, options, progress, profiler, seat)
                .run(features.logMel(joined)));
    }

    @Override
    public String describe() {
        var c = model.config();
        return "whisper d=" + c.dModel() + " enc=" + c.encoderLayers() + " dec=" + c.decoderLayers()
                + " mels=" + c.numMelBins() + " vocab=" + c.vocabSize() + " on " + backend.name();
    }

    @Override
    public void close() {
        model.close();
    }
}
