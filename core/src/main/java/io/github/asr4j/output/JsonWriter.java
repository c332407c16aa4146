package io.github.asr4j.output;

import io.github.asr4j.Segment;
import io.github.asr4j.Transcript;
import io.github.asr4j.Word;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * openai-whisper's {@code WriteJSON}: {@code json.dump(result, file)} of
 * {@code {"text", "segments", "language"}}, with Python's defaults: {@code ", "} and {@code ": "}
 * separators, every non-ASCII character escaped as {@code \\uXXXX}, floats as Python's
 * {@code repr}, no trailing newline. Written by hand rather than with Jackson because those three
 * defaults (separators, ASCII escaping, float layout) are what makes the bytes equal.
 *
 * <p>A segment has {@code "words"} (last, after {@code no_speech_prob}) when any segment of the
 * transcript has word timings (openai adds the key to every segment when word timestamps were asked
 * for) and, as {@code "words": []}, when it was cleared (zero length or blank text: openai's
 * {@code transcribe()} empties its text, tokens and words).
 */
final class JsonWriter implements TranscriptWriter {
    @Override
    public String extension() {
        return "json";
    }

    @Override
    public void write(Transcript transcript, Writer out, SubtitleOptions options) throws IOException {
        boolean withWords = SubtitleCues.hasWordTimings(transcript.segments());
        StringBuilder json = new StringBuilder();
        json.append("{\"text\": ");
        string(json, transcript.text());
        json.append(", \"segments\": [");
        List<Segment> segments = transcript.segments();
        for (int i = 0; i < segments.size(); i++) {
            if (i > 0) json.append(", ");
            Segment s = segments.get(i);
            segment(json, s, withWords || s.text().isEmpty()); // only a cleared segment has no text
        }
        json.append("], \"language\": ");
        if (transcript.language() == null) json.append("null");
        else string(json, transcript.language());
        json.append('}');
        out.write(json.toString());
        out.flush();
    }

    private static void segment(StringBuilder json, Segment s, boolean withWords) {
        json.append("{\"id\": ").append(s.id())
                .append(", \"seek\": ").append(s.seek())
                .append(", \"start\": ").append(PythonFloat.repr(s.start()))
                .append(", \"end\": ").append(PythonFloat.repr(s.end()))
                .append(", \"text\": ");
        string(json, s.text());
        json.append(", \"tokens\": [");
        for (int i = 0; i < s.tokens().size(); i++) {
            if (i > 0) json.append(", ");
            json.append(s.tokens().get(i).intValue());
        }
        json.append("], \"temperature\": ").append(PythonFloat.repr(s.temperature()))
                .append(", \"avg_logprob\": ").append(PythonFloat.repr(s.avgLogProb()))
                .append(", \"compression_ratio\": ").append(PythonFloat.repr(s.compressionRatio()))
                .append(", \"no_speech_prob\": ").append(PythonFloat.repr(s.noSpeechProb()));
        if (withWords) {
            json.append(", \"words\": [");
            for (int i = 0; i < s.words().size(); i++) {
                if (i > 0) json.append(", ");
                Word w = s.words().get(i);
                json.append("{\"word\": ");
                string(json, w.word());
                json.append(", \"start\": ").append(PythonFloat.repr(w.start()))
                        .append(", \"end\": ").append(PythonFloat.repr(w.end()))
                        .append(", \"probability\": ").append(PythonFloat.repr(w.probability()))
                        .append('}');
            }
            json.append(']');
        }
        json.append('}');
    }

    /** Python's {@code json.encoder.encode_basestring_ascii}. */
    static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c >= ' ' && c <= '~') {
                        json.append(c);
                    } else { // controls, DEL and all non-ASCII; a supplementary character is already two UTF-16 units
                        String hex = Integer.toHexString(c);
                        json.append("\\u").append("0".repeat(4 - hex.length())).append(hex);
                    }
                }
            }
        }
        json.append('"');
    }
}
