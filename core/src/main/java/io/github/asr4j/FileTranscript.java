package io.github.asr4j;

import java.nio.file.Path;

/**
 * The outcome for one file of {@link Transcriber#transcribeAll}: a transcript, or the error that
 * stopped this file (the others go on).
 */
public record FileTranscript(Path file, Transcript transcript, RuntimeException error) {
    public FileTranscript {
        if ((transcript == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of transcript and error must be given");
        }
    }

    static FileTranscript success(Path file, Transcript transcript) {
        return new FileTranscript(file, transcript, null);
    }

    static FileTranscript failure(Path file, RuntimeException error) {
        return new FileTranscript(file, null, error);
    }

    public boolean succeeded() {
        return error == null;
    }
}
