package io.github.asr4j;

/** Told after each 30 s window how far a transcription has come, for progress bars. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total) -> {};

    /**
     * @param doneSeconds audio decoded so far
     * @param totalSeconds the audio's length
     */
    void progress(double doneSeconds, double totalSeconds);
}
