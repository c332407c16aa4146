package io.github.asr4j.output;

import io.github.asr4j.Segment;
import io.github.asr4j.Transcript;
import io.github.asr4j.decode.TextMetrics;
import java.io.IOException;
import java.io.Writer;

/**
 * openai-whisper's {@code WriteTSV}: a {@code start\tend\ttext} header, then per segment the start
 * and end in integer milliseconds ({@code round(1000 * t)}, half to even) and the stripped text
 * with tabs turned into spaces.
 */
final class TsvWriter implements TranscriptWriter {
    @Override
    public String extension() {
        return "tsv";
    }

    @Override
    public void write(Transcript transcript, Writer out, SubtitleOptions options) throws IOException {
        out.write("start\tend\ttext\n");
        for (Segment segment : transcript.segments()) {
            out.write(Timestamps.milliseconds(segment.start()) + "\t" + Timestamps.milliseconds(segment.end()) + "\t"
                    + TextMetrics.pythonStrip(segment.text()).replace('\t', ' ') + "\n");
        }
        out.flush();
    }
}
