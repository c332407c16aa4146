package io.github.asr4j.serve;

import io.github.asr4j.Segment;
import io.github.asr4j.Task;
import io.github.asr4j.Transcript;
import io.github.asr4j.Word;
import io.github.asr4j.output.OutputFormat;
import io.github.asr4j.output.SubtitleOptions;
import io.github.asr4j.output.Writers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** A transcript as OpenAI's audio API answers it, in each response format and as stream events. */
final class ResponseBodies {
    private ResponseBodies() {}

    /**
     * @param durationSeconds the audio's length (verbose_json's {@code duration})
     */
    static String render(Transcript t, TranscriptionForm form, Task task, double durationSeconds) {
        return switch (form.format()) {
            case JSON -> new JsonObject().put("text", t.text()).encode();
            case TEXT -> t.text().strip() + "\n"; // what the command line prints
            case SRT -> subtitles(OutputFormat.SRT, t, form.subtitles());
            case VTT -> subtitles(OutputFormat.VTT, t, form.subtitles());
            case VERBOSE_JSON -> verbose(t, form, task, durationSeconds).encode();
        };
    }

    /** The command line's own srt and vtt writers, so the bytes are those of its files. */
    private static String subtitles(OutputFormat format, Transcript t, SubtitleOptions options) {
        StringWriter out = new StringWriter();
        try {
            Writers.forFormat(format).write(t, out, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static JsonObject verbose(Transcript t, TranscriptionForm form, Task task, double durationSeconds) {
        JsonObject body = new JsonObject()
                .put("task", task.name().toLowerCase(java.util.Locale.ROOT))
                .put("language", t.language())
                .put("duration", durationSeconds)
                .put("text", t.text());
        if (form.segments()) {
            JsonArray segments = new JsonArray();
            for (Segment s : t.segments()) {
                segments.add(new JsonObject().put("id", s.id()).put("seek", s.seek()).put("start", s.start())
                        .put("end", s.end()).put("text", s.text()).put("tokens", new JsonArray(s.tokens()))
                        .put("temperature", s.temperature()).put("avg_logprob", finite(s.avgLogProb()))
                        .put("compression_ratio", finite(s.compressionRatio()))
                        .put("no_speech_prob", finite(s.noSpeechProb())));
            }
            body.put("segments", segments);
        }
        if (form.words()) {
            JsonArray words = new JsonArray();
            for (Segment s : t.segments()) {
                for (Word w : s.words()) {
                    words.add(new JsonObject().put("word", w.word().strip()).put("start", w.start()).put("end", w.end())
                            .put("probability", finite(w.probability())));
                }
            }
            body.put("words", words);
        }
        return body;
    }

    /** JSON has no NaN or infinity: a value not computed is null. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** The server-sent events of a streamed transcript: one delta per segment, then the whole text. */
    static List<String> streamEvents(Transcript t) {
        List<String> events = new java.util.ArrayList<>();
        for (Segment s : t.segments()) {
            events.add(event(new JsonObject().put("type", "transcript.text.delta").put("delta", s.text())));
        }
        events.add(event(new JsonObject().put("type", "transcript.text.done").put("text", t.text())));
        return events;
    }

    private static String event(JsonObject data) {
        return "data: " + data.encode() + "\n\n";
    }
}
