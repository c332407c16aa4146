package io.github.asr4j.output;

import io.github.asr4j.Transcript;
import java.io.IOException;
import java.io.Writer;

/** openai-whisper's {@code WriteSRT}: numbered cues from 1 with {@code hh:mm:ss,mmm} times. */
final class SrtWriter implements TranscriptWriter {
    private final SubtitleCues cues = new SubtitleCues(true, ',');

    @Override
    public String extension() {
        return "srt";
    }

    @Override
    public void write(Transcript transcript, Writer out, SubtitleOptions options) throws IOException {
        int index = 1;
        for (Cue cue : cues.cues(transcript.segments(), options)) {
            out.write(index++ + "\n" + cue.start() + " --> " + cue.end() + "\n" + cue.text() + "\n\n");
        }
        out.flush();
    }
}
