package io.github.asr4j.output;

import io.github.asr4j.Transcript;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** openai-whisper's {@code get_writer}: the writer of a format, or all of them for {@code all}. */
public final class Writers {
    private Writers() {}

    /**
     * The writer of one format.
     *
     * @throws IllegalArgumentException for {@link OutputFormat#ALL}, which is several writers: use {@link #forFormats}
     */
    public static TranscriptWriter forFormat(OutputFormat format) {
        return switch (format) {
            case TXT -> new TxtWriter();
            case VTT -> new VttWriter();
            case SRT -> new SrtWriter();
            case TSV -> new TsvWriter();
            case JSON -> new JsonWriter();
            case ALL -> throw new IllegalArgumentException("'all' is several writers: use Writers.forFormats");
        };
    }

    /** The writers of a format; for {@code all}, txt, vtt, srt, tsv and json in openai's order. */
    public static List<TranscriptWriter> forFormats(OutputFormat format) {
        if (format != OutputFormat.ALL) return List.of(forFormat(format));
        List<TranscriptWriter> all = new ArrayList<>();
        for (OutputFormat f : OutputFormat.values()) {
            if (f != OutputFormat.ALL) all.add(forFormat(f));
        }
        return all;
    }

    /**
     * Writes the transcript of {@code audioPath} into {@code outputDir} in the given format(s), as
     * openai's CLI does with {@code get_writer(output_format, output_dir)(result, audio_path, options)}.
     *
     * @return the files written
     */
    public static List<Path> writeFiles(OutputFormat format, Transcript transcript, Path audioPath, Path outputDir,
                                        SubtitleOptions options) throws IOException {
        List<Path> written = new ArrayList<>();
        for (TranscriptWriter writer : forFormats(format)) {
            written.add(writer.write(transcript, audioPath, outputDir, options));
        }
        return written;
    }
}
