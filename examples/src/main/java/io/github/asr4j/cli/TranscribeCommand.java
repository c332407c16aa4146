package io.github.asr4j.cli;

import io.github.asr4j.FileTranscript;
import io.github.asr4j.Task;
import io.github.asr4j.TranscribeOptions;
import io.github.asr4j.Transcriber;
import io.github.asr4j.Segment;
import io.github.asr4j.output.OutputFormat;
import io.github.asr4j.output.SubtitleOptions;
import io.github.asr4j.output.Timestamps;
import io.github.asr4j.output.Writers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
        description = "Transcribe audio files (WAV or FLAC) and print the text.")
final class TranscribeCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "Hugging Face Whisper model folder (config.json, model.safetensors, tokenizer files).")
    Path model;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Audio files.")
    List<Path> files;

    @Option(names = "--language", paramLabel = "CODE",
            description = "Spoken language, e.g. en; detected from the first 30 s when omitted.")
    String language;

    @Option(names = "--task", defaultValue = "transcribe", paramLabel = "TASK",
            description = "transcribe (default) or translate (into English).")
    String task;

    @Option(names = "--temperature", defaultValue = "0", paramLabel = "T",
            description = "Sampling temperature (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--temperature_increment_on_fallback", defaultValue = "0.2", paramLabel = "DT",
            description = "Temperature step when a window's decode fails the thresholds; 0 turns fallback off (default: ${DEFAULT-VALUE}).")
    double temperatureIncrement;

    @Option(names = "--best_of", defaultValue = "5", paramLabel = "N",
            description = "Candidates when sampling with non-zero temperature (default: ${DEFAULT-VALUE}).")
    int bestOf;

    @Option(names = "--beam_size", defaultValue = "5", paramLabel = "N",
            description = "Beams in beam search at temperature 0; 1 = greedy (default: ${DEFAULT-VALUE}).")
    int beamSize;

    @Option(names = "--patience", paramLabel = "P", description = "Beam-search patience (default: 1.0).")
    Double patience;

    @Option(names = "--length_penalty", paramLabel = "ALPHA",
            description = "Length penalty alpha in [0, 1]; default: simple length normalisation.")
    Double lengthPenalty;

    @Option(names = "--suppress_tokens", defaultValue = "-1", paramLabel = "IDS",
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

    @Option(names = "--compression_ratio_threshold", defaultValue = "2.4", paramLabel = "R")
    double compressionRatioThreshold;

    @Option(names = "--logprob_threshold", defaultValue = "-1.0", paramLabel = "L")
    double logProbThreshold;

    @Option(names = "--no_speech_threshold", defaultValue = "0.6", paramLabel = "P")
    double noSpeechThreshold;

    @Option(names = "--clip_timestamps", defaultValue = "0", paramLabel = "S,E,...",
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
            description = "Kernel threads; 0 = one per core (default).")
    int threads;

    @Option(names = "--weights", defaultValue = "stored", paramLabel = "FORMAT",
            description = "stored (F32/F16/BF16 as in the file, default) or int8 (quantized at load).")
    String weights;

    @Option(names = "--batch_size", defaultValue = "8", paramLabel = "N",
            description = "Files decoded together, sharing decoder passes (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = {"--output_format", "-f"}, paramLabel = "FORMAT",
            description = "Write txt, vtt, srt, tsv, json or all into --output_dir; without it the text is printed.")
    String outputFormat;

    @Option(names = {"--output_dir", "-o"}, defaultValue = ".", paramLabel = "DIR",
            description = "Where --output_format files go (default: ${DEFAULT-VALUE}).")
    Path outputDir;

    @Option(names = "--verbose", defaultValue = "false", arity = "0..1", paramLabel = "BOOL",
            description = "Print every segment with its times.")
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

    @Option(names = "--max_line_width", defaultValue = "0", paramLabel = "N",
            description = "Most characters per subtitle line (needs --word_timestamps).")
    int maxLineWidth;

    @Option(names = "--max_line_count", defaultValue = "0", paramLabel = "N",
            description = "Most lines per subtitle (needs --word_timestamps).")
    int maxLineCount;

    @Option(names = "--max_words_per_line", defaultValue = "0", paramLabel = "N",
            description = "Most words per subtitle line (needs --word_timestamps).")
    int maxWordsPerLine;

    @CommandLine.Mixin
    SilenceGuardFlags silenceGuards = new SilenceGuardFlags();

    @Option(names = "--progress", defaultValue = "true", arity = "0..1", paramLabel = "BOOL",
            description = "Progress bars on stderr for batches and files longer than 30 s (default: ${DEFAULT-VALUE}).")
    boolean progress;

    @Override
    public Integer call() throws java.io.IOException {
        TranscribeOptions options = options();
        OutputFormat format = outputFormat == null ? null : OutputFormat.parse(outputFormat);
        SubtitleOptions subtitles = new SubtitleOptions(maxLineWidth, maxLineCount, highlightWords, maxWordsPerLine);
        if (format != null) {
            java.nio.file.Files.createDirectories(outputDir); // as openai's os.makedirs(output_dir, exist_ok=True)
        }
        int failures = 0;
        try (Transcriber transcriber = Transcriber.builder(model).threads(threads).batchSize(batchSize)
                .weightFormat(io.github.asr4j.kernels.WeightFormat.valueOf(weights.toUpperCase(Locale.ROOT)))
                .options(options).build();
             ProgressBars bars = new ProgressBars(files.size(), progress && !verbose)) {
            for (FileTranscript result : transcriber.transcribeAll(files, options, bars::forFile)) {
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
                    for (Path written : Writers.writeFiles(format, result.transcript(), result.file(), outputDir,
                            subtitles)) {
                        System.err.println("asr4j: wrote " + written);
                    }
                } else if (!verbose) {
                    if (files.size() > 1) {
                        System.out.println(result.file() + ":");
                    }
                    System.out.println(result.transcript().text().strip());
                }
            }
        }
        return failures == 0 ? 0 : 1;
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
                .task(Task.valueOf(task.toUpperCase(Locale.ROOT)))
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
                .beamSize(beamSize > 1 ? beamSize : null)
                .patience(beamSize > 1 ? patience : null)
                .bestOf(bestOf)
                .lengthPenalty(lengthPenalty)
                .suppressTokens(Arrays.stream(suppressTokens.split(",")).map(String::strip)
                        .filter(s -> !s.isEmpty()).map(Integer::valueOf).toList())
                .maxTokensPerWindow(maxTokens)
                .seed(seed))
                .build();
    }

    /** openai's schedule: temperature, temperature + increment, ... up to 1.0. */
    private List<Double> temperatures() {
        List<Double> schedule = new ArrayList<>();
        if (temperatureIncrement <= 0) {
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
