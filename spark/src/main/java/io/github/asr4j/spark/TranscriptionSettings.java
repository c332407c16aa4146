package io.github.asr4j.spark;

import io.github.asr4j.Task;
import io.github.asr4j.TranscribeOptions;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * What a partition needs to transcribe: the transformer's parameters as plain values, so the
 * closure Spark ships to executors holds these few fields and never a model.
 *
 * @param modelPath the model folder as executors see it
 * @param language a language code, or empty to detect it per file
 * @param task {@code transcribe} or {@code translate}
 * @param temperatures the fallback schedule, tried in order while a window's decode looks failed
 * @param maxTokensPerWindow the most tokens chosen per 30 s window; 0: the model's half context (224)
 * @param beamSize beams at temperature 0; 0: greedy
 * @param wordTimestamps add word timings to each segment
 * @param batchSize files decoded side by side in one {@code transcribeAll} call
 * @param threads kernel threads of the executor's shared transcriber; 0: the task's {@code spark.task.cpus}
 */
record TranscriptionSettings(String modelPath, String language, String task, List<Double> temperatures,
                             int maxTokensPerWindow, int beamSize, boolean wordTimestamps, int batchSize, int threads)
        implements Serializable {

    TranscriptionSettings {
        if (modelPath == null || modelPath.isBlank()) {
            throw new IllegalArgumentException("modelPath is not set");
        }
        temperatures = List.copyOf(temperatures);
        if (maxTokensPerWindow < 0) {
            throw new IllegalArgumentException("maxTokensPerWindow must be >= 0 (0: the model's default), got "
                    + maxTokensPerWindow);
        }
        if (beamSize < 0) {
            throw new IllegalArgumentException("beamSize must be >= 0 (0: greedy), got " + beamSize);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0: spark.task.cpus), got " + threads);
        }
        parseTask(task);
    }

    /** The per-call options; everything not set here keeps openai-whisper's default. */
    TranscribeOptions options() {
        return TranscribeOptions.builder()
                .language(language)
                .task(parseTask(task))
                .temperatures(temperatures)
                .maxTokensPerWindow(maxTokensPerWindow == 0 ? null : maxTokensPerWindow)
                .beamSize(beamSize == 0 ? null : beamSize)
                .wordTimestamps(wordTimestamps)
                // VAD: when TranscribeOptions gains a voice-activity filter (issue #13), it becomes a
                // transformer parameter carried here and set on this builder.
                .build();
    }

    /** Which shared transcriber serves these settings on an executor whose tasks get {@code taskCpus} cores. */
    TranscriberKey key(int taskCpus) {
        return new TranscriberKey(modelPath, threads > 0 ? threads : Math.max(1, taskCpus), batchSize);
    }

    private static Task parseTask(String task) {
        return switch (task == null ? "" : task.strip().toLowerCase(Locale.ROOT)) {
            case "transcribe" -> Task.TRANSCRIBE;
            case "translate" -> Task.TRANSLATE;
            default -> throw new IllegalArgumentException("task must be transcribe or translate, got " + task);
        };
    }
}
