package io.github.asr4j.profile;

import io.github.asr4j.audio.AudioConstants;
import io.github.asr4j.decode.GreedyDecoder;
import io.github.asr4j.audio.Audio;
import io.github.asr4j.audio.AudioReader;
import io.github.asr4j.audio.LogMel;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.loader.GenerationConfig;
import io.github.asr4j.loader.ModelConfig;
import io.github.asr4j.model.DecoderSession;
import io.github.asr4j.model.WhisperModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A profiled transcription of an audio file's first 30-second window, straight on the network:
 * the encoder pass, then greedy decoding of up to {@code maxTokens} tokens after the
 * start-of-transcript sequence (English, transcribe, no timestamps where the model has them).
 * Unprofiled warm-up runs come first so the profile shows compiled code, not the JIT at work.
 */
public final class ProfileRun {

    /**
     * @param threads    kernel threads; 0 for one per core
     * @param maxTokens  text tokens to decode at most (decoding also stops at end-of-text)
     * @param warmupRuns unprofiled encoder passes and decodes before the profiled one
     */
    public record Options(int threads, int maxTokens, int warmupRuns) {
        public Options {
            if (threads < 0 || maxTokens < 1 || warmupRuns < 0) {
                throw new IllegalArgumentException("threads >= 0, maxTokens >= 1, warmupRuns >= 0 expected, got "
                        + threads + ", " + maxTokens + ", " + warmupRuns);
            }
        }

        public static Options defaults() {
            return new Options(0, 32, 1);
        }
    }

    /**
     * @param profile    the spans of the profiled window
     * @param prompt     the start-of-transcript sequence fed first
     * @param tokens     the greedily decoded tokens (without the prompt)
     * @param audioSeconds the length of the whole input
     */
    public record Result(Profile profile, int[] prompt, int[] tokens, double audioSeconds) {}

    private ProfileRun() {}

    /** Loads the model from {@code modelDir}, profiles the first window of {@code audioFile}, and releases both. */
    public static Result run(Path modelDir, Path audioFile, Options options) {
        Audio audio = AudioReader.read(audioFile);
        try (Backend backend = options.threads() > 0 ? Backends.cpu(options.threads()) : Backends.cpu();
             WhisperModel model = WhisperModel.load(modelDir, backend, null)) { // the KV cache transcribe keeps (kvCacheFor)
            ModelConfig c = model.config();
            float[] mel = new LogMel(c.numMelBins()).firstWindow(audio.samplesAt(AudioConstants.SAMPLE_RATE));
            Path generation = modelDir.resolve("generation_config.json");
            GenerationConfig g = Files.exists(generation)
                    ? GenerationConfig.read(generation, c) : GenerationConfig.defaults(c);
            Result r = run(model, mel, startSequence(g), g.eosTokenId(), options);
            return new Result(r.profile(), r.prompt(), r.tokens(), audio.durationSeconds());
        }
    }

    /** Profiles one window {@code mel} on a loaded model. */
    public static Result run(WhisperModel model, float[] mel, int[] prompt, int eosTokenId, Options options) {
        for (int i = 0; i < options.warmupRuns(); i++) {
            decode(model, model.encode(mel), prompt, eosTokenId, options.maxTokens(), Profiler.off());
        }
        RecordingProfiler profiler = Profiler.recording();
        int[] tokens;
        try (Span window = profiler.begin("window 0", SpanLevel.WINDOW)) {
            float[] audio = model.encode(mel, profiler);
            tokens = decode(model, audio, prompt, eosTokenId, options.maxTokens(), profiler);
        }
        return new Result(profiler.snapshot(), prompt.clone(), tokens, 30.0);
    }

    /** {@code <|startoftranscript|>}, then {@code <|en|>} and {@code <|transcribe|>} and {@code <|notimestamps|>} where the model has them. */
    public static int[] startSequence(GenerationConfig g) {
        List<Integer> ids = new ArrayList<>();
        ids.add(g.decoderStartTokenId());
        int english = g.isMultilingual() ? g.languageTokenId("en") : -1;
        if (english >= 0) {
            ids.add(english);
        }
        Integer transcribe = g.taskToId().get("transcribe");
        if (g.isMultilingual() && transcribe != null) {
            ids.add(transcribe);
        }
        if (g.noTimestampsTokenId() >= 0) {
            ids.add(g.noTimestampsTokenId());
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] decode(WhisperModel model, float[] audio, int[] prompt, int eos, int maxTokens,
                                Profiler profiler) {
        DecoderSession session = model.newSession(audio, profiler);
        int room = session.maxPositions() - prompt.length;
        int limit = Math.min(maxTokens, room);
        List<Integer> out = new ArrayList<>();
        float[] logits = session.step(prompt);
        for (int i = 0; i < limit; i++) {
            int next = GreedyDecoder.argmax(logits);
            if (next == eos) {
                break;
            }
            out.add(next);
            if (i + 1 < limit) {
                logits = session.stepInPlace(new int[] {next}); // as transcription steps: into the session's own row
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
