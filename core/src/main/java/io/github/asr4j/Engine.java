package io.github.asr4j;

import java.nio.file.Path;

/** One model family's transcription behind {@link Transcriber}; thread-safe. */
interface Engine extends AutoCloseable {
    /** @param seat the batch this call's single-token steps go through; null to step alone */
    Transcript transcribe(Path audioFile, TranscribeOptions options, ProgressListener progress, StepBatcher.Worker seat);

    Transcript transcribe(float[] samples16k, TranscribeOptions options, ProgressListener progress, StepBatcher.Worker seat);

    String describe();

    @Override
    void close();
}
