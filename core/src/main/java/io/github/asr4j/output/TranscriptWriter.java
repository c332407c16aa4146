package io.github.asr4j.output;

import io.github.asr4j.Transcript;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a transcript in one file format, byte for byte as openai-whisper's writer of that format. */
public interface TranscriptWriter {
    /** The file extension without the dot, e.g. {@code srt}. */
    String extension();

    /** Writes the transcript to {@code out}; lines end with {@code \n}. Does not close {@code out}. */
    void write(Transcript transcript, Writer out, SubtitleOptions options) throws IOException;

    /**
     * Writes {@code <outputDir>/<audio file name without its extension>.<extension>} in UTF-8, as
     * openai's {@code ResultWriter.__call__}, replacing an existing file.
     *
     * @return the file written
     */
    default Path write(Transcript transcript, Path audioPath, Path outputDir, SubtitleOptions options)
            throws IOException {
        Path target = OutputPaths.outputPath(audioPath, outputDir, extension());
        try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            write(transcript, out, options);
        }
        return target;
    }
}
