package io.github.asr4j.cli;

import io.github.asr4j.Task;
import io.github.asr4j.TranscribeOptions;
import io.github.asr4j.Transcriber;
import io.github.asr4j.Transcript;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code asr4j transcribe --model DIR FILE...}: prints the text of each file. */
@Command(name = "transcribe", mixinStandardHelpOptions = true,
        description = "Transcribe audio files (WAV or FLAC) and print the text.")
final class TranscribeCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "Hugging Face Whisper model folder (config.json, model.safetensors, tokenizer files).")
    Path model;

    @Option(names = "--language", paramLabel = "CODE",
            description = "Spoken language, e.g. en; detected from the first 30 s when omitted.")
    String language;

    @Option(names = "--task", defaultValue = "transcribe", paramLabel = "TASK",
            description = "transcribe (default) or translate (into English).")
    String task;

    @Option(names = "--max-tokens", defaultValue = "" + TranscribeOptions.DEFAULT_MAX_TOKENS, paramLabel = "N",
            description = "Most text tokens per 30 s window (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "Kernel threads; 0 = one per core (default).")
    int threads;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Audio files.")
    List<Path> files;

    @Override
    public Integer call() {
        TranscribeOptions options = TranscribeOptions.builder()
                .language(language)
                .task(Task.valueOf(task.toUpperCase(Locale.ROOT)))
                .maxTokensPerWindow(maxTokens)
                .build();
        int failures = 0;
        try (Transcriber transcriber = Transcriber.builder(model).threads(threads).options(options).build()) {
            for (Path file : files) {
                try {
                    Transcript transcript = transcriber.transcribe(file);
                    if (files.size() > 1) {
                        System.out.println(file + ":");
                    }
                    System.out.println(transcript.text());
                } catch (RuntimeException e) {
                    System.err.println("asr4j: " + file + ": " + e.getMessage());
                    failures++;
                }
            }
        }
        return failures == 0 ? 0 : 1;
    }
}
