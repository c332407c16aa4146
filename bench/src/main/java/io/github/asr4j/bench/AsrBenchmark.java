package io.github.asr4j.bench;

import io.github.asr4j.audio.AudioConstants;
import io.github.asr4j.Segment;
import io.github.asr4j.TranscribeOptions;
import io.github.asr4j.Transcriber;
import io.github.asr4j.Transcript;
import io.github.asr4j.audio.AudioReader;
import io.github.asr4j.audio.LogMel;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.WeightFormat;
import io.github.asr4j.model.DecoderSession;
import io.github.asr4j.model.WhisperModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Measures asr4j on one model folder in this process: the encoder pass and decoder step through
 * {@link WhisperModel}, then a whole transcription through {@link Transcriber}, and the peak RSS.
 *
 * <p>Run it in a fresh JVM per configuration: the peak RSS is the process's high-water mark.
 * The model used for the stage timings is closed (and the heap collected) before the transcriber
 * loads its own, so the two are never resident together.
 */
public final class AsrBenchmark {
    /** Whisper's end-of-text id in the 51865/51866-token vocabularies. */
    private static final int EOT = 50257;
    /** SOT, English, transcribe, no-timestamps in the multilingual vocabulary (clamped for small ones). */
    private static final int[] PROMPT = {50258, 50259, 50359, 50363};
    /** Any ordinary text token: the step's cost does not depend on which. */
    private static final int TEXT_TOKEN = 440;

    private AsrBenchmark() {}

    /**
     * Measures {@code modelDir} on {@code audio} (WAV or FLAC) as {@code settings} say, the kernels keeping
     * the weights in {@code format}.
     */
    public static AsrFigures run(Path modelDir, Path audio, BenchSettings settings, WeightFormat format) {
        float[] samples = AudioReader.read(audio).samplesAt(AudioConstants.SAMPLE_RATE);
        double audioSeconds = samples.length / (double) AudioConstants.SAMPLE_RATE;
        double encoderS;
        double decoderMs;
        String backendName;
        int vocabSize;
        StageConditions conditions;
        // The KV cache the Transcriber keeps for these weights (null: WhisperModel.kvCacheFor), so the step
        // timed is a user's step, and the kernels warmed here are those the transcription below runs.
        try (Backend backend = Backends.cpu(settings.threads(), format);
             WhisperModel model = WhisperModel.load(modelDir, backend, null)) {
            backendName = backend.name();
            vocabSize = model.config().vocabSize();
            float[] mel = new LogMel(model.config().numMelBins()).firstWindow(samples);
            float[][] encoded = new float[1][];
            Samples.Settled encoder = Samples.medianSecondsSettled(settings.warmups(), maxWarmups(settings), settings.runs(), () -> {
                long t = System.nanoTime();
                encoded[0] = model.encode(mel);
                return Samples.since(t);
            });
            encoderS = encoder.medianSeconds();
            Samples.Settled decoder = decoderStepSeconds(model, encoded[0], settings);
            decoderMs = 1000 * decoder.medianSeconds();
            conditions = new StageConditions(model.kvCache().name(), encoder.warmups(), decoder.warmups(),
                    decoder.jitMsWhileTimed());
        }
        System.gc(); // let the stage model's heap go before the transcriber allocates its own

        TranscribeOptions options = forcedLengthOptions(settings.tokensPerWindow(), vocabSize);
        int[] tokens = new int[2];
        double endToEndS;
        try (Transcriber transcriber = Transcriber.builder(modelDir).threads(settings.threads())
                .weightFormat(format).options(options).build()) {
            if (settings.warmups() > 0) { // one window is enough to warm the decoding loop
                transcriber.transcribe(Arrays.copyOf(samples, Math.min(samples.length, AudioConstants.N_SAMPLES)), options);
            }
            endToEndS = Samples.medianSeconds(0, settings.endToEndRuns(), () -> {
                long t = System.nanoTime();
                Transcript transcript = transcriber.transcribe(audio, options);
                double s = Samples.since(t);
                List<Segment> segments = transcript.segments();
                tokens[0] = (int) segments.stream().mapToInt(Segment::seek).distinct().count();
                tokens[1] = segments.stream().mapToInt(seg -> seg.tokens().size()).sum();
                return s;
            });
        }
        return new AsrFigures(encoderS, decoderMs, endToEndS / audioSeconds, PeakRss.megabytes(),
                weightsMegabytes(modelDir), audioSeconds, tokens[0], tokens[1], endToEndS, backendName, conditions);
    }

    /**
     * Greedy, text only, one temperature, no fallback, no silence skipping, no previous-text prompt, and
     * every special token suppressed (end-of-text, language, task and timestamp tokens: ids from 50257
     * up): every window generates exactly {@code tokensPerWindow} text tokens and is one segment, so the
     * work per window is fixed even though random weights would otherwise stop, or cut the window at
     * timestamp pairs, anywhere.
     */
    public static TranscribeOptions forcedLengthOptions(int tokensPerWindow, int vocabSize) {
        List<Integer> specials = IntStream.range(EOT, vocabSize).boxed().toList();
        return TranscribeOptions.builder().language("en").temperature(0).withoutTimestamps(true)
                .conditionOnPreviousText(false).compressionRatioThreshold(null).logProbThreshold(null)
                .noSpeechThreshold(null).suppressTokens(specials).suppressBlank(false)
                .maxTokensPerWindow(tokensPerWindow).build();
    }

    /**
     * Untimed runs at most: past {@code settings.warmups()}, runs go on until the JIT compilers are quiet
     * (a step compiled in C2 is what every step of a transcription after its first seconds costs); none
     * when none were asked for.
     */
    static int maxWarmups(BenchSettings settings) {
        return settings.warmups() == 0 ? 0 : settings.warmups() + MORE_WARMUPS;
    }

    /** Warm-up runs beyond {@code --warmup} that a stage may take while the JIT still compiles. */
    private static final int MORE_WARMUPS = 8;

    /** Median over runs of the mean time of {@code decoderSteps} single-token steps after the prompt. */
    private static Samples.Settled decoderStepSeconds(WhisperModel model, float[] encoderOut, BenchSettings settings) {
        int vocab = model.config().vocabSize();
        int[] prompt = Arrays.stream(PROMPT).map(id -> Math.min(id, vocab - 1)).toArray();
        int[] next = {Math.min(TEXT_TOKEN, vocab - 1)};
        return Samples.medianSecondsSettled(settings.warmups(), maxWarmups(settings), settings.runs(), () -> {
            DecoderSession session = model.newSession(encoderOut); // cross-attention K/V: once per window, not timed
            session.step(prompt);
            long t = System.nanoTime();
            for (int i = 0; i < settings.decoderSteps(); i++) {
                session.stepInPlace(next); // as transcription steps: into the session's own row
            }
            return Samples.since(t) / settings.decoderSteps();
        });
    }

    private static double weightsMegabytes(Path modelDir) {
        try (var files = Files.list(modelDir)) {
            long bytes = 0;
            for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".safetensors")).toList()) {
                bytes += Files.size(p);
            }
            return bytes / (1024.0 * 1024.0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
