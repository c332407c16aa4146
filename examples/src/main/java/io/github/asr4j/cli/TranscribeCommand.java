package io.github.asr4j.cli;

import io.github.asr4j.FileTranscript;
import io.github.asr4j.Task;
import io.github.asr4j.TranscribeOptions;
import io.github.asr4j.Transcriber;
import io.github.asr4j.Segment;
import io.github.asr4j.audio.Pcm16;
import io.github.asr4j.output.OutputFormat;
import io.github.asr4j.output.SubtitleOptions;
import io.github.asr4j.output.Timestamps;
import io.github.asr4j.output.Writers;
import io.github.asr4j.qwen.ModelType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code asr4j transcribe --model DIR FILE...}: prints the text of each file, or writes it in
 * openai-whisper's output formats. Flags are named as openai-whisper's command line names them.
 */
@Command(name = "transcribe", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Transcribe audio files (WAV or FLAC; other formats through ffmpeg) and print the text.")
final class TranscribeCommand implements Callable<Integer> {
    static final Path STDIN = Path.of("-");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR|ORG/NAME[@REV]",
            description = "Hugging Face Whisper or Qwen3-ASR model folder (config.json, model.safetensors, tokenizer files), or a"
                    + " Hugging Face model id such as openai/whisper-small, found in the Hugging Face cache or downloaded"
                    + " into it (HF_HUB_CACHE, HF_HOME, HF_ENDPOINT, HF_TOKEN, HF_HUB_OFFLINE).")
    String model;

    @Option(names = "--model_dir", paramLabel = "DIR",
            description = "Folder that --model is looked up in (openai's download root); default: --model as given.")
    Path modelDir;

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "Audio files: WAV or FLAC, other formats through ffmpeg when it is on the PATH;"
                    + " - reads raw 16-bit little-endian PCM, 16 kHz mono, from standard input.")
    List<Path> files;

    @Option(names = "--language", paramLabel = "LANG", converter = OpenAiValues.Language.class,
            description = "Spoken language, a code (en) or name (English); detected from the first 30 s when omitted or None.")
    String language;

    @Option(names = "--task", defaultValue = "transcribe", paramLabel = "TASK", converter = FlagValues.TaskName.class,
            description = "transcribe (default) or translate (into English).")
    String task;

    @Option(names = "--temperature", defaultValue = "0", paramLabel = "T",
            description = "Sampling temperature (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--temperature_increment_on_fallback", defaultValue = "0.2", paramLabel = "DT",
            converter = OpenAiValues.OptionalDouble.class,
            description = "Temperature step when a window's decode fails the thresholds; None or 0 turns fallback off (default: ${DEFAULT-VALUE}).")
    Double temperatureIncrement;

    @Option(names = "--best_of", defaultValue = "5", paramLabel = "N", converter = OpenAiValues.OptionalInteger.class,
            description = "Candidates when sampling with non-zero temperature; None = 1 (default: ${DEFAULT-VALUE}).")
    Integer bestOf;

    @Option(names = "--beam_size", defaultValue = "5", paramLabel = "N", converter = OpenAiValues.OptionalInteger.class,
            description = "Beams in beam search at temperature 0; 1 or None = greedy (default: ${DEFAULT-VALUE}).")
    Integer beamSize;

    @Option(names = "--patience", paramLabel = "P", description = "Beam-search patience (default: 1.0).")
    Double patience;

    @Option(names = "--length_penalty", paramLabel = "ALPHA",
            description = "Length penalty alpha in [0, 1]; default: simple length normalisation.")
    Double lengthPenalty;

    @Option(names = "--suppress_tokens", defaultValue = "-1", paramLabel = "IDS", converter = FlagValues.IntList.class,
            description = "Comma-separated token ids never to emit; -1 = openai's non-speech symbols (default).")
    String suppressTokens;

    @Option(names = "--initial_prompt", paramLabel = "TEXT", description = "Text to prompt the first window with.")
    String initialPrompt;

    @Option(names = "--carry_initial_prompt", defaultValue = "false", arity = "0..1", paramLabel = "BOOL",
            description = "Keep the initial prompt in every window's prompt.")
    boolean carryInitialPrompt;

    @Option(names = "--condition_on_previous_text", defaultValue = "true", arity = "1", paramLabel = "BOOL",
            description = "Prompt each window with the previous text (default: ${DEFAULT-VALUE}).")
    boolean conditionOnPreviousText;

    @Option(names = "--compression_ratio_threshold", defaultValue = "2.4", paramLabel = "R",
            converter = OpenAiValues.OptionalDouble.class,
            description = "A window whose text compresses (gzip) better than this is repetitive: decode it again"
                    + " at the next temperature; None: never (default: ${DEFAULT-VALUE}).")
    Double compressionRatioThreshold;

    @Option(names = "--logprob_threshold", defaultValue = "-1.0", paramLabel = "L",
            converter = OpenAiValues.OptionalDouble.class,
            description = "A window whose average token log-probability is below this is decoded again at the"
                    + " next temperature; None: never (default: ${DEFAULT-VALUE}).")
    Double logProbThreshold;

    @Option(names = "--no_speech_threshold", defaultValue = "0.6", paramLabel = "P",
            converter = OpenAiValues.OptionalDouble.class,
            description = "A window whose no-speech probability is above this, and whose log-probability is below"
                    + " --logprob_threshold, is taken as silence and skipped; None: never (default: ${DEFAULT-VALUE}).")
    Double noSpeechThreshold;

    @Option(names = "--fp16", arity = "0..1", paramLabel = "BOOL",
            description = "Accepted for openai-whisper's command line and ignored: asr4j computes in float32 on the CPU.")
    Boolean fp16;

    @Option(names = "--clip_timestamps", defaultValue = "0", paramLabel = "S,E,...", converter = FlagValues.NumberList.class,
            description = "Comma-separated start,end seconds of the clips to transcribe (default: all).")
    String clipTimestamps;

    @Option(names = "--without_timestamps", defaultValue = "false", arity = "0..1", paramLabel = "BOOL",
            description = "Decode text only, one segment per 30 s window.")
    boolean withoutTimestamps;

    @Option(names = "--max_tokens", paramLabel = "N", description = "Most tokens per 30 s window (default: 224).")
    Integer maxTokens;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Seed for sampling (default: 0).")
    long seed;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "Kernel threads; 0 = one per core (default); at most 4 per core.")
    int threads;

    @Option(names = "--weights", defaultValue = "stored", paramLabel = "FORMAT", converter = FlagValues.WeightFormatName.class,
            description = "stored (F32/F16/BF16 as in the file, default) or int8 (quantized at load).")
    String weights;

    @Option(names = "--kv_cache", paramLabel = "TYPE", converter = FlagValues.KvCacheName.class,
            description = "Decoder key/value caches: f32, f16 (half the bytes each step reads from the audio's keys "
                    + "and values) or q8 (the audio's keys and values in 8 bits, the rest f16: less memory); "
                    + "default: q8 for --weights int8, f16 for float16 weights, else f32.")
    String kvCache;

    @Option(names = "--batch_size", defaultValue = "8", paramLabel = "N",
            description = "Files decoded together, sharing decoder passes, 1 to 64 (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = {"--output_format", "-f"}, paramLabel = "FORMAT", converter = FlagValues.OutputFormatName.class,
            description = "Write txt, vtt, srt, tsv, json or all into --output_dir; without it the text is printed.")
    String outputFormat;

    @Option(names = {"--output_dir", "-o"}, defaultValue = ".", paramLabel = "DIR",
            description = "Where --output_format files go (default: ${DEFAULT-VALUE}).")
    Path outputDir;

    @Option(names = "--verbose", defaultValue = "false", arity = "0..1", paramLabel = "BOOL",
            description = "Print every segment with its times, and the library's INFO log (the backend chosen).")
    boolean verbose;

    @Option(names = "--word_timestamps", defaultValue = "false", arity = "0..1", paramLabel = "BOOL",
            description = "Time every word from cross-attention.")
    boolean wordTimestamps;

    @Option(names = "--prepend_punctuations", paramLabel = "CHARS",
            description = "With word timestamps: marks merged into the next word.")
    String prependPunctuations;

    @Option(names = "--append_punctuations", paramLabel = "CHARS",
            description = "With word timestamps: marks merged into the previous word.")
    String appendPunctuations;

    @Option(names = "--highlight_words", defaultValue = "false", arity = "0..1", paramLabel = "BOOL",
            description = "Underline each word as it is spoken in srt and vtt (needs --word_timestamps).")
    boolean highlightWords;

    @Option(names = "--max_line_width", paramLabel = "N", converter = OpenAiValues.OptionalInteger.class,
            description = "Most characters per subtitle line (needs --word_timestamps).")
    Integer maxLineWidth;

    @Option(names = "--max_line_count", paramLabel = "N", converter = OpenAiValues.OptionalInteger.class,
            description = "Most lines per subtitle (needs --word_timestamps).")
    Integer maxLineCount;

    @Option(names = "--max_words_per_line", paramLabel = "N", converter = OpenAiValues.OptionalInteger.class,
            description = "Most words per subtitle line (needs --word_timestamps).")
    Integer maxWordsPerLine;

    @CommandLine.Mixin
    SilenceGuardFlags silenceGuards = new SilenceGuardFlags();

    @Option(names = "--progress", defaultValue = "true", arity = "0..1", paramLabel = "BOOL",
            description = "Progress bars on stderr for batches and files longer than 30 s, when stderr is a terminal"
                    + " (default: ${DEFAULT-VALUE}).")
    boolean progress;

    @Override
    public Integer call() throws java.io.IOException {
        if (verbose) {
            CliLogging.verbose();
        }
        TranscribeOptions options = options();
        OutputFormat format = outputFormat == null ? null : OutputFormat.parse(outputFormat);
        SubtitleOptions subtitles = new SubtitleOptions(orZero(maxLineWidth), orZero(maxLineCount), highlightWords,
                orZero(maxWordsPerLine));
        if (Boolean.TRUE.equals(fp16)) {
            System.err.println("asr4j: --fp16 is ignored: asr4j computes in float32 on the CPU");
        }
        String modelName = modelDir == null ? model : modelDir.resolve(model).toString();
        if (!java.nio.file.Files.isDirectory(Path.of(modelName))
                && !io.github.asr4j.loader.hub.HubRepoId.looksLikeId(modelName)) {
            throw new io.github.asr4j.ModelNotFoundException(Path.of(modelName)); // cheap: before the audio checks
        }
        if (java.nio.file.Files.isDirectory(Path.of(modelName)) && ModelType.isQwen3Asr(Path.of(modelName))) {
            QwenFlags.refuseInapplicable(spec.commandLine(), task); // before the model loads (checked again after, for hub ids)
        }
        if (format != null) {
            AudioCheck.createOutputDir(outputDir);
        }
        // Audio faults are reported before the model loads; only readable files are transcribed.
        List<Path> readable = AudioCheck.readable(files, message -> System.err.println("asr4j: " + message));
        int failures = files.size() - readable.size();
        if (readable.isEmpty()) {
            return 1;
        }
        Transcriber.Builder builder = Transcriber.builder(modelName).threads(threads).batchSize(batchSize)
                .weightFormat(io.github.asr4j.kernels.WeightFormat.valueOf(weights.toUpperCase(Locale.ROOT)))
                .options(options);
        if (kvCache != null) {
            builder.kvCache(io.github.asr4j.kernels.BufferType.valueOf(kvCache.toUpperCase(Locale.ROOT)));
        }
        try (Transcriber transcriber = builder.build();
             ProgressBars bars = new ProgressBars(readable.size(), progress && !verbose && Terminal.stderrIsTerminal())) {
            if (ModelType.QWEN3_ASR.equals(transcriber.modelType())) {
                QwenFlags.refuseInapplicable(spec.commandLine(), task);
                options = qwenOptions();
            }
            for (FileTranscript result : transcribeAll(transcriber, readable, options, bars)) {
                if (!result.succeeded()) {
                    String message = String.valueOf(result.error().getMessage());
                    System.err.println("asr4j: " + (message.contains(result.file().toString())
                            ? message : result.file() + ": " + message));
                    failures++;
                    continue;
                }
                if (verbose) {
                    printSegments(result);
                }
                if (format != null) {
                    try {
                        for (Path written : Writers.writeFiles(format, result.transcript(), result.file(), outputDir,
                                subtitles)) {
                            System.err.println("asr4j: wrote " + written);
                        }
                    } catch (java.io.IOException e) {
                        System.err.println("asr4j: cannot write the output for " + result.file() + " into " + outputDir
                                + ": " + io.github.asr4j.FileProblems.reason(e));
                        failures++;
                    }
                } else if (!verbose) {
                    if (readable.size() > 1) {
                        System.out.println(result.file() + ":");
                    }
                    System.out.println(result.transcript().text().strip());
                }
            }
        }
        return failures == 0 ? 0 : 1;
    }

    /** As {@link Transcriber#transcribeAll}, with {@code -} read from standard input, results in the order given. */
    private static List<FileTranscript> transcribeAll(Transcriber transcriber, List<Path> files, TranscribeOptions options,
            ProgressBars bars) {
        if (!files.contains(STDIN)) {
            return transcriber.transcribeAll(files, options, bars::forFile);
        }
        List<Path> onDisk = files.stream().filter(f -> !f.equals(STDIN)).toList();
        Iterator<FileTranscript> fromDisk = transcriber.transcribeAll(onDisk, options, bars::forFile).iterator();
        List<FileTranscript> all = new ArrayList<>();
        for (Path f : files) {
            all.add(f.equals(STDIN) ? transcribeStdin(transcriber, options) : fromDisk.next());
        }
        return all;
    }

    private static FileTranscript transcribeStdin(Transcriber transcriber, TranscribeOptions options) {
        try {
            float[] samples = Pcm16.read(System.in, "standard input (raw 16-bit PCM, 16 kHz mono)");
            return new FileTranscript(STDIN, transcriber.transcribe(samples, options), null);
        } catch (RuntimeException e) {
            return new FileTranscript(STDIN, null, e);
        }
    }

    /** openai-whisper's verbose lines: {@code [00:00.000 --> 00:02.000] text}. */
    private static void printSegments(FileTranscript result) {
        System.out.println(result.file() + " (language: " + result.transcript().language() + ")");
        for (Segment s : result.transcript().segments()) {
            System.out.println("[" + Timestamps.format(s.start(), false, '.') + " --> "
                    + Timestamps.format(s.end(), false, '.') + "] " + s.text());
        }
    }

    TranscribeOptions options() {
        return silenceGuards.applyTo(TranscribeOptions.builder()
                .language(language)
                .task(Task.valueOf(task.toUpperCase(Locale.ROOT))) // checked by FlagValues.TaskName
                .temperatures(temperatures())
                .compressionRatioThreshold(compressionRatioThreshold)
                .logProbThreshold(logProbThreshold)
                .noSpeechThreshold(noSpeechThreshold)
                .conditionOnPreviousText(conditionOnPreviousText)
                .initialPrompt(initialPrompt)
                .carryInitialPrompt(carryInitialPrompt)
                .withoutTimestamps(withoutTimestamps)
                .wordTimestamps(wordTimestamps)
                .prependPunctuations(prependPunctuations)
                .appendPunctuations(appendPunctuations)
                .clipTimestamps(clipTimestamps.equals("0") ? List.of() : parseDoubles(clipTimestamps))
                .beamSize(beamSearch() ? beamSize : null)
                .patience(beamSearch() ? patience : null)
                .bestOf(bestOf)
                .lengthPenalty(lengthPenalty)
                .suppressTokens(Arrays.stream(suppressTokens.split(",")).map(String::strip)
                        .filter(s -> !s.isEmpty()).map(Integer::valueOf).toList())
                .maxTokensPerWindow(maxTokens)
                .seed(seed))
                .build();
    }

    /** The flags that apply to Qwen3-ASR; the rest keep the library's defaults (see {@link QwenFlags}). */
    TranscribeOptions qwenOptions() {
        return silenceGuards.applyTo(TranscribeOptions.builder()
                .language(language)
                .initialPrompt(initialPrompt)
                .withoutTimestamps(withoutTimestamps)
                .maxTokensPerWindow(maxTokens))
                .build();
    }

    private boolean beamSearch() {
        return beamSize != null && beamSize > 1;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    /** openai's schedule: temperature, temperature + increment, ... up to 1.0; only the temperature without an increment. */
    private List<Double> temperatures() {
        List<Double> schedule = new ArrayList<>();
        if (temperatureIncrement == null || temperatureIncrement <= 0) {
            schedule.add(temperature);
            return schedule;
        }
        for (int i = 0; temperature + i * temperatureIncrement <= 1.0 + 1e-6; i++) {
            schedule.add(temperature + i * temperatureIncrement); // as np.arange: 0.6000000000000001 and all
        }
        return schedule;
    }

    private static List<Double> parseDoubles(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).map(Double::valueOf).toList();
    }
}
