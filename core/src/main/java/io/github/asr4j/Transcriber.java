package io.github.asr4j;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.kernels.WeightFormat;
import io.github.asr4j.loader.hub.HuggingFaceHub;
import io.github.asr4j.profile.Profiler;
import io.github.asr4j.qwen.ModelType;
import io.github.asr4j.vad.SileroVad;
import io.github.asr4j.vad.VadModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Speech to text with a Whisper-architecture or Qwen3-ASR model folder (chosen by {@code config.json}'s
 * {@code model_type}): the entry point of asr4j.
 *
 * <pre>{@code
 * try (Transcriber t = Transcriber.of(Path.of("whisper-small"))) {
 *     System.out.println(t.transcribe(Path.of("speech.wav")).text());
 * }
 * }</pre>
 *
 * <p>Loading is the expensive part; a Transcriber is immutable and thread-safe, so load it once
 * and share it: concurrent {@code transcribe} calls each keep their own decoder state.
 * Decoding follows openai-whisper's {@code transcribe()} (see {@link TranscribeOptions}) for
 * Whisper, and the official {@code Qwen3ASRModel.transcribe} for Qwen3-ASR (see the README for the
 * options that do not apply to it, which are refused).
 */
public final class Transcriber implements AutoCloseable {
    private final Engine engine;
    private final Backend backend;
    private final TranscribeOptions defaults;
    private final int batchSize;
    /** Silero networks for vadFilter (and Qwen3-ASR's timed pieces), loaded on first use. */
    private final Map<VadModel, SileroVad> vads = new ConcurrentHashMap<>();

    private Transcriber(Path modelDir, int threads, WeightFormat weights, BufferType kvCache, TranscribeOptions defaults,
                        Profiler profiler, int batchSize) {
        this.backend = Backends.cpuFor(WeightFiles.bytes(modelDir),
                threads > 0 ? threads : Runtime.getRuntime().availableProcessors(), weights);
        try {
            Function<VadModel, SileroVad> vad = model -> vads.computeIfAbsent(model, SileroVad::load);
            this.engine = switch (ModelFamily.of(modelDir)) {
                case WHISPER -> new WhisperEngine(modelDir, backend, kvCache, profiler, vad); // null: WhisperModel.kvCacheFor
                case QWEN3_ASR -> QwenEngine.load(modelDir, backend, vad);
            };
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        this.defaults = defaults;
        this.batchSize = batchSize;
    }

    /** Loads the model folder with default options and one worker thread per core. */
    public static Transcriber of(Path modelDir) {
        return builder(modelDir).build();
    }

    public static Builder builder(Path modelDir) {
        return new Builder(Objects.requireNonNull(modelDir, "modelDir must not be null"));
    }

    /**
     * Loads a model by name with default options: a local folder, or a Hugging Face model id
     * ({@code "openai/whisper-small"}, {@code "openai/whisper-small@main"}) found in the Hugging Face
     * cache or downloaded into it (see {@link #builder(String)}).
     */
    public static Transcriber of(String model) {
        return builder(model).build();
    }

    /**
     * Configures a model named by a local folder or a Hugging Face id {@code org/name[@revision]}.
     * An id is looked up in the cache huggingface_hub uses ({@code $HF_HUB_CACHE}, {@code $HF_HOME/hub}
     * or {@code ~/.cache/huggingface/hub}); missing files are downloaded from {@code $HF_ENDPOINT}
     * (with {@code $HF_TOKEN}) unless {@code $HF_HUB_OFFLINE} is set.
     *
     * @throws ModelNotFoundException when the name is neither a folder nor a hub id
     * @throws io.github.asr4j.loader.hub.HubException when the hub or the cache cannot provide the model
     */
    public static Builder builder(String model) {
        Objects.requireNonNull(model, "model must not be null");
        return new Builder(HubModels.locate(model, HuggingFaceHub.fromEnvironment()));
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
        Objects.requireNonNull(audioFile, "audioFile must not be null");
        requireArguments(options, progress);
        return transcribe(audioFile, options, progress, null);
    }

    /** As above, its single-token steps going through {@code seat}'s batch (null: alone; see {@link SharedDecoding}). */
    Transcript transcribe(Path audioFile, TranscribeOptions options, ProgressListener progress, StepBatcher.Worker seat) {
        return engine.transcribe(audioFile, options, progress, seat);
    }

    /** Transcribes mono samples at 16 kHz in [-1, 1] with the default options. */
    public Transcript transcribe(float[] samples16k) {
        return transcribe(samples16k, defaults);
    }

    public Transcript transcribe(float[] samples16k, TranscribeOptions options) {
        return transcribe(samples16k, options, ProgressListener.NONE);
    }

    public Transcript transcribe(float[] samples16k, TranscribeOptions options, ProgressListener progress) {
        Objects.requireNonNull(samples16k, "samples16k must not be null");
        requireArguments(options, progress);
        return engine.transcribe(samples16k, options, progress, null);
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
        Objects.requireNonNull(audioFiles, "audioFiles must not be null");
        for (int i = 0; i < audioFiles.size(); i++) {
            Objects.requireNonNull(audioFiles.get(i), "audioFiles[" + i + "] is null");
        }
        Objects.requireNonNull(options, "options must not be null");
        Objects.requireNonNull(progress, "progress must not be null (use file -> ProgressListener.NONE)");
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
            return FileTranscript.success(file, transcribe(file, options, progress.apply(file), seat));
        } catch (RuntimeException e) {
            return FileTranscript.failure(file, e);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // One file's failure, not the batch's: its buffers are garbage now, the others go on.
            return FileTranscript.failure(file, new IllegalStateException(file + ": " + e, e));
        }
    }

    private static void requireArguments(TranscribeOptions options, ProgressListener progress) {
        Objects.requireNonNull(options, "options must not be null (use TranscribeOptions.defaults())");
        Objects.requireNonNull(progress, "progress must not be null (use ProgressListener.NONE)");
    }

    /** The options used when a call gives none. */
    public TranscribeOptions defaultOptions() {
        return defaults;
    }

    /** The loaded model's {@code config.json} {@code model_type}: {@code "whisper"} or {@code "qwen3_asr"}. */
    public String modelType() {
        return engine instanceof QwenEngine ? ModelType.QWEN3_ASR : "whisper";
    }

    /** A one-line description of the loaded model and backend, for logs. */
    public String describe() {
        return engine.describe();
    }

    @Override
    public void close() {
        vads.values().forEach(SileroVad::close);
        engine.close();
        backend.close();
    }

    /** Configures a {@link Transcriber}. */
    public static final class Builder {
        /** The most files decoded side by side: each holds a decoder state and a thread. */
        public static final int MAX_BATCH_SIZE = 64;

        private final Path modelDir;
        private int threads;
        private TranscribeOptions options = TranscribeOptions.defaults();
        private Profiler profiler = Profiler.off();
        private int batchSize = 8;
        private WeightFormat weights = WeightFormat.STORED;
        private BufferType kvCache;   // null: as the weights suggest (WhisperModel.kvCacheFor)

        private Builder(Path modelDir) {
            this.modelDir = modelDir;
        }

        /**
         * Worker threads for the kernels; 0 (default) means one per available core; at most
         * {@link Backends#maxThreads()} ({@value Backends#THREADS_PER_CORE} per core).
         */
        public Builder threads(int threads) {
            if (threads < 0 || threads > Backends.maxThreads()) {
                throw new IllegalArgumentException("threads must be between 0 (one per core) and " + Backends.maxThreads()
                        + " (" + Backends.THREADS_PER_CORE + " per available core), got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** The options used by calls that give none. */
        public Builder options(TranscribeOptions options) {
            this.options = Objects.requireNonNull(options, "options must not be null");
            return this;
        }

        /**
         * Records every forward pass (window, encoder, decoder steps, layers, ops) into
         * {@code profiler}; pass {@code Profiler.recording()} and read its snapshot afterwards.
         * Off by default, at no cost.
         */
        public Builder profiler(Profiler profiler) {
            this.profiler = Objects.requireNonNull(profiler, "profiler must not be null (use Profiler.off())");
            return this;
        }

        /**
         * How the weight matrices are held: as stored (F32, F16 or BF16; default), or quantized at
         * load to int8 with per-block scales (less memory traffic per decoder step, at a measured
         * accuracy cost: about 1% of the largest logit on the test checkpoints).
         */
        public Builder weightFormat(WeightFormat format) {
            this.weights = Objects.requireNonNull(format, "weight format must not be null");
            return this;
        }

        /**
         * How the decoder's key/value caches are held: F32, F16, which halves the bytes each decoder
         * step reads from the cross-attention cache (values rounded to half precision), or Q8, which
         * keeps the cross-attention cache in 8 bits (blocks of 32 with a scale each) and the self
         * caches in F16 (less memory per window; faster where a step is bound by its reads). Default
         * ({@code WhisperModel.kvCacheFor}): Q8 for int8 weights, F16 for a checkpoint stored as float16,
         * else F32. Qwen3-ASR models keep theirs as they are.
         */
        public Builder kvCache(BufferType type) {
            this.kvCache = java.util.Objects.requireNonNull(type, "type");
            return this;
        }

        /** How many files {@link Transcriber#transcribeAll} decodes together (default 8; 1 = one after another; at most {@value #MAX_BATCH_SIZE}). */
        public Builder batchSize(int files) {
            if (files < 1 || files > MAX_BATCH_SIZE) {
                throw new IllegalArgumentException("batchSize must be between 1 and " + MAX_BATCH_SIZE + ", got " + files);
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
