package io.github.asr4j.output;

import java.util.Locale;

/** The transcript file formats of openai-whisper's {@code --output_format}. */
public enum OutputFormat {
    TXT, VTT, SRT, TSV, JSON,
    /** Every format above, one file each. */
    ALL;

    /** The file extension (no dot); {@code ALL} has none. */
    public String extension() {
        if (this == ALL) throw new IllegalStateException("'all' stands for several formats and has no extension");
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a name as given on openai's command line: {@code txt, vtt, srt, tsv, json, all} (any case). */
    public static OutputFormat parse(String name) {
        for (OutputFormat f : values()) {
            if (f.name().equalsIgnoreCase(name.strip())) return f;
        }
        throw new IllegalArgumentException("unknown output format '" + name
                + "': expected one of txt, vtt, srt, tsv, json, all");
    }
}
