package io.github.asr4j.output;

import io.github.asr4j.Segment;
import io.github.asr4j.Transcript;
import io.github.asr4j.decode.TextMetrics;
import java.io.IOException;
import java.io.Writer;

/** openai-whisper's {@code WriteTXT}: each segment's text, stripped, one per line. */
final class TxtWriter implements TranscriptWriter {
    @Override
    public String extension() {
        return "txt";
    }

    @Override
    public void write(Transcript transcript, Writer out, SubtitleOptions options) throws IOException {
        for (Segment segment : transcript.segments()) {
            out.write(TextMetrics.pythonStrip(segment.text()));
            out.write('\n');
        }
        out.flush();
    }
}
