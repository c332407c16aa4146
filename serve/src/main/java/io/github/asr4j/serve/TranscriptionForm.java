package io.github.asr4j.serve;

import io.github.asr4j.Task;
import io.github.asr4j.TranscribeOptions;
import io.github.asr4j.output.SubtitleOptions;
import io.vertx.core.MultiMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The fields of one {@code POST /v1/audio/transcriptions} (or {@code translations}) form, read and
 * checked: OpenAI's fields, plus asr4j's decoding options under the command line's names
 * ({@code beam_size}, {@code best_of}, {@code word_timestamps}, ...). Fields it does not know are ignored.
 *
 * @param audio the uploaded file, as the body handler stored it
 * @param words whether {@code timestamp_granularities[]} asked for words (verbose_json lists them)
 * @param segments whether verbose_json lists segments (asked for, or no granularity given)
 */
record TranscriptionForm(Path audio, TranscribeOptions options, ResponseFormat format, boolean stream,
                         boolean words, boolean segments, SubtitleOptions subtitles) {

    private static final String GRANULARITIES = "timestamp_granularities[]";

    /**
     * @param audio the upload of the {@code file} field, null when missing
     * @throws ApiError.Failure (400) naming the field at fault
     */
    static TranscriptionForm read(MultiMap form, Path audio, Task task) {
        if (audio == null) {
            throw ApiError.invalid("file", "you must provide an audio file in the 'file' field").failure();
        }
        Fields f = new Fields(form);
        ResponseFormat format = ResponseFormat.parse(f.text("response_format", "json"));
        List<String> granularities = new ArrayList<>(form.getAll(GRANULARITIES));
        granularities.addAll(form.getAll("timestamp_granularities"));
        for (String g : granularities) {
            if (!g.equals("word") && !g.equals("segment")) {
                throw ApiError.invalid(GRANULARITIES, "unknown timestamp granularity '" + g
                        + "': expected segment or word").failure();
            }
        }
        if (!granularities.isEmpty() && format != ResponseFormat.VERBOSE_JSON) {
            throw ApiError.invalid(GRANULARITIES,
                    "timestamp_granularities[] needs response_format verbose_json").failure();
        }
        boolean words = granularities.contains("word");
        boolean wordTimestamps = words || f.flag("word_timestamps", false);

        TranscribeOptions.Builder b = TranscribeOptions.builder()
                .task(task)
                .language(f.text("language", null))
                .initialPrompt(f.text("prompt", f.text("initial_prompt", null)))
                .temperatures(temperatures(f))
                .wordTimestamps(wordTimestamps)
                .carryInitialPrompt(f.flag("carry_initial_prompt", false))
                .conditionOnPreviousText(f.flag("condition_on_previous_text", true))
                .withoutTimestamps(f.flag("without_timestamps", false))
                .seed(f.number("seed", 0L, Long::valueOf));
        Integer beamSize = f.number("beam_size", null, Integer::valueOf);
        if (beamSize != null && beamSize > 1) { // 1 is greedy, as on the command line
            b.beamSize(beamSize).patience(f.number("patience", null, Double::valueOf));
        }
        b.bestOf(f.number("best_of", null, Integer::valueOf))
                .lengthPenalty(f.number("length_penalty", null, Double::valueOf))
                .maxTokensPerWindow(f.number("max_tokens", null, Integer::valueOf));
        Double compression = f.number("compression_ratio_threshold", null, Double::valueOf);
        if (compression != null) b.compressionRatioThreshold(compression);
        Double logProb = f.number("logprob_threshold", null, Double::valueOf);
        if (logProb != null) b.logProbThreshold(logProb);
        Double noSpeech = f.number("no_speech_threshold", null, Double::valueOf);
        if (noSpeech != null) b.noSpeechThreshold(noSpeech);
        String suppress = f.text("suppress_tokens", null);
        if (suppress != null) b.suppressTokens(f.list("suppress_tokens", suppress, Integer::valueOf));
        String clips = f.text("clip_timestamps", null);
        if (clips != null && !clips.equals("0")) b.clipTimestamps(f.list("clip_timestamps", clips, Double::valueOf));
        String prepend = f.text("prepend_punctuations", null);
        if (prepend != null) b.prependPunctuations(prepend);
        String append = f.text("append_punctuations", null);
        if (append != null) b.appendPunctuations(append);

        TranscribeOptions options;
        SubtitleOptions subtitles;
        try {
            options = b.build();
            subtitles = new SubtitleOptions(f.number("max_line_width", 0, Integer::valueOf),
                    f.number("max_line_count", 0, Integer::valueOf), f.flag("highlight_words", false),
                    f.number("max_words_per_line", 0, Integer::valueOf));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(null, e.getMessage()).failure();
        }
        boolean stream = f.flag("stream", false);
        if (stream && format != ResponseFormat.JSON && format != ResponseFormat.TEXT) {
            throw ApiError.invalid("stream", "stream needs response_format json or text, as OpenAI streams them").failure();
        }
        boolean segments = granularities.isEmpty() || granularities.contains("segment");
        return new TranscriptionForm(audio, options, format, stream, words, segments, subtitles);
    }

    /**
     * OpenAI's {@code temperature}: 0 (the default) lets the decoder raise it when a window fails
     * the thresholds; T starts that fallback schedule at T, stepping by
     * {@code temperature_increment_on_fallback} (0.2; 0 turns fallback off) up to 1, as the command line does.
     */
    private static List<Double> temperatures(Fields f) {
        double start = f.number("temperature", 0.0, Double::valueOf);
        double step = f.number("temperature_increment_on_fallback", 0.2, Double::valueOf);
        if (!(start >= 0 && start <= 1)) {
            throw ApiError.invalid("temperature", "temperature must be between 0 and 1, got " + start).failure();
        }
        List<Double> schedule = new ArrayList<>();
        schedule.add(start);
        for (int i = 1; step > 0 && start + i * step <= 1.0 + 1e-6; i++) {
            schedule.add(start + i * step);
        }
        return schedule;
    }

    /** Typed access to the form's text fields; a malformed value is a 400 naming its field. */
    private record Fields(MultiMap form) {
        String text(String name, String otherwise) {
            String v = form.get(name);
            return v == null || v.isBlank() ? otherwise : v.strip();
        }

        boolean flag(String name, boolean otherwise) {
            String v = text(name, null);
            if (v == null) return otherwise;
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes" -> true;
                case "false", "0", "no" -> false;
                default -> throw ApiError.invalid(name, name + " must be true or false, got '" + v + "'").failure();
            };
        }

        <T> T number(String name, T otherwise, Function<String, T> parse) {
            String v = text(name, null);
            return v == null ? otherwise : parse(name, v, parse);
        }

        <T> List<T> list(String name, String csv, Function<String, T> parse) {
            return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .map(s -> parse(name, s, parse)).toList();
        }

        private static <T> T parse(String name, String v, Function<String, T> parse) {
            try {
                return parse.apply(v);
            } catch (NumberFormatException e) {
                throw ApiError.invalid(name, name + " must be a number, got '" + v + "'").failure();
            }
        }
    }
}
