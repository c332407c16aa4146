package io.github.asr4j.output;

import io.github.asr4j.Transcript;
import java.io.IOException;
import java.io.Writer;

/** openai-whisper's {@code WriteVTT}: {@code WEBVTT}, a blank line, then cues with {@code mm:ss.mmm} times. */
final class VttWriter implements TranscriptWriter {
    private final SubtitleCues cues = new SubtitleCues(false, '.');

    @Override
    public String extension() {
        return "vtt";
    }

    @Override
    public void write(Transcript transcript, Writer out, SubtitleOptions options) throws IOException {
        out.write("WEBVTT\n\n");
        for (Cue cue : cues.cues(transcript.segments(), options)) {
            out.write(cue.start() + " --> " + cue.end() + "\n" + cue.text() + "\n\n");
        }
        out.flush();
    }
}
