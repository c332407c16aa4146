package io.github.asr4j;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.kernels.WeightFormat;
import io.github.asr4j.loader.GenerationConfig;
import io.github.asr4j.model.WhisperModel;
import io.github.asr4j.profile.Profiler;
import io.github.asr4j.tokenizer.WhisperTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

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
 * Decoding follows openai-whisper's {@code transcribe()} (see {@link TranscribeOptions}).
 */
public final class Transcriber implements AutoCloseable {
    private final WhisperModel model;
    private final Backend backend;
    private final WhisperVocabulary vocabulary;
    private final TranscribeOptions defaults;
    private final AudioFeatures features;
    private final Profiler profiler;
    private final int batchSize;

    private Transcriber(Path modelDir, int threads, WeightFormat weights, BufferType kvCache, TranscribeOptions defaults,
                        Profiler profiler, int batchSize) {
        this.backend = Backends.cpu(threads > 0 ? threads : Runtime.getRuntime().availableProcessors(), weights);
        try {
            this.model = WhisperModel.load(modelDir, backend, kvCache);
            Path generationFile = modelDir.resolve("generation_config.json");
            GenerationConfig generation = Files.exists(generationFile)
                    ? GenerationConfig.read(generationFile)
                    : GenerationConfig.defaults(model.config());
            this.vocabulary = new WhisperVocabulary(WhisperTokenizer.load(modelDir), generation);
            this.features = new AudioFeatures(model.config().numMelBins(), 2 * model.config().maxSourcePositions());
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        this.defaults = defaults;
        this.profiler = profiler;
        this.batchSize = batchSize;
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
        return transcribe(audioFile, options, ProgressListener.NONE);
    }

    /** As {@link #transcribe(Path, TranscribeOptions)}, telling {@code progress} after each window. */
    public Transcript transcribe(Path audioFile, TranscribeOptions options, ProgressListener progress) {
        return transcribe(features.read16k(audioFile), options, progress);
    }

    /** Transcribes mono samples at 16 kHz in [-1, 1] with the default options. */
    public Transcript transcribe(float[] samples16k) {
        return transcribe(samples16k, defaults);
    }

    public Transcript transcribe(float[] samples16k, TranscribeOptions options) {
        return transcribe(samples16k, options, ProgressListener.NONE);
    }

    public Transcript transcribe(float[] samples16k, TranscribeOptions options, ProgressListener progress) {
        return new TranscriptionRun(model, vocabulary, options, progress, profiler, null).run(features.logMel(samples16k));
    }

    /**
     * Transcribes many files with the default options; a file that fails is reported in its
     * result without stopping the others. Results are in input order.
     */
    public List<FileTranscript> transcribeAll(List<Path> audioFiles) {
        return transcribeAll(audioFiles, defaults);
    }

    public List<FileTranscript> transcribeAll(List<Path> audioFiles, TranscribeOptions options) {
        return transcribeAll(audioFiles, options, file -> ProgressListener.NONE);
    }

    /**
     * As {@link #transcribeAll(List, TranscribeOptions)}, with a progress listener per file.
     *
     * <p>Up to {@link Builder#batchSize} files are transcribed at once, worker {@code w} taking
     * files {@code w, w + k, w + 2k, ...}; their decoder steps run as shared batched passes. The
     * grouping is fixed by the file order, so the same list gives the same output every time; it
     * may differ from transcribing a file alone in the last bits of the logits (a batch takes the
     * matrix-matrix kernel where one sequence takes the matrix-vector one).
     */
    public List<FileTranscript> transcribeAll(List<Path> audioFiles, TranscribeOptions options,
                                              Function<Path, ProgressListener> progress) {
        try {
            return transcribeBatch(audioFiles, options, progress);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while transcribing a batch", e);
        }
    }

    private List<FileTranscript> transcribeBatch(List<Path> audioFiles, TranscribeOptions options,
                                                 Function<Path, ProgressListener> progress)
            throws InterruptedException {
        int workers = Math.min(batchSize, audioFiles.size());
        FileTranscript[] results = new FileTranscript[audioFiles.size()];
        if (workers <= 1) {
            for (int i = 0; i < results.length; i++) {
                results[i] = transcribeOne(audioFiles.get(i), options, progress, null);
            }
            return List.of(results);
        }
        StepBatcher batcher = new StepBatcher();
        List<StepBatcher.Worker> seats = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            seats.add(batcher.join(w)); // all seated before any starts: round i always holds every worker's i-th step
        }
        Throwable[] crash = new Throwable[1];
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int first = w;
            StepBatcher.Worker seat = seats.get(w);
            threads.add(Thread.ofPlatform().name("asr4j-batch-" + w).start(() -> {
                try (seat) {
                    for (int i = first; i < results.length; i += workers) {
                        results[i] = transcribeOne(audioFiles.get(i), options, progress, seat);
                    }
                } catch (Throwable t) {
                    synchronized (crash) {
                        crash[0] = t;
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join(); // uninterruptible wait would hide a stuck batch; an interrupt ends the call
        }
        if (crash[0] != null) {
            throw new IllegalStateException("a batch worker failed: " + crash[0], crash[0]);
        }
        return List.of(results);
    }

    private FileTranscript transcribeOne(Path file, TranscribeOptions options,
                                         Function<Path, ProgressListener> progress, StepBatcher.Worker seat) {
        try {
            float[] samples = features.read16k(file);
            Transcript t = new TranscriptionRun(model, vocabulary, options, progress.apply(file), profiler, seat)
                    .run(features.logMel(samples));
            return FileTranscript.success(file, t);
        } catch (RuntimeException e) {
            return FileTranscript.failure(file, e);
        }
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

    /** Configures a {@link Transcriber}. */
    public static final class Builder {
        private final Path modelDir;
        private int threads;
        private TranscribeOptions options = TranscribeOptions.defaults();
        private Profiler profiler = Profiler.off();
        private int batchSize = 8;
        private WeightFormat weights = WeightFormat.STORED;
        private BufferType kvCache = BufferType.F32;

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

        /**
         * Records every forward pass (window, encoder, decoder steps, layers, ops) into
         * {@code profiler}; pass {@code Profiler.recording()} and read its snapshot afterwards.
         * Off by default, at no cost.
         */
        public Builder profiler(Profiler profiler) {
            this.profiler = profiler;
            return this;
        }

        /**
         * How the weight matrices are held: as stored (F32, F16 or BF16; default), or quantized at
         * load to int8 with per-block scales (less memory traffic per decoder step, at a measured
         * accuracy cost: about 1% of the largest logit on the test checkpoints).
         */
        public Builder weightFormat(WeightFormat format) {
            this.weights = format;
            return this;
        }

        /**
         * How the decoder's key/value caches are held: F32 (default) or F16, which halves the bytes
         * each decoder step reads from the cross-attention cache (values rounded to half precision).
         */
        public Builder kvCache(BufferType type) {
            this.kvCache = java.util.Objects.requireNonNull(type, "type");
            return this;
        }

        /** How many files {@link Transcriber#transcribeAll} decodes together (default 8; 1 = one after another). */
        public Builder batchSize(int files) {
            if (files < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1, got " + files);
            }
            this.batchSize = files;
            return this;
        }

        public Transcriber build() {
            if (!Files.isDirectory(modelDir)) {
                throw new ModelNotFoundException(modelDir);
            }
            return new Transcriber(modelDir, threads, weights, kvCache, options, profiler, batchSize);
        }
    }
}
