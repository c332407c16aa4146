package io.github.asr4j.audio;

/**
 * The log-mel spectrogram of one input as the encoder reads it: 30-second windows of
 * {@value AudioConstants#N_FRAMES} frames, as openai-whisper's {@code transcribe()} slices the
 * spectrogram of the whole input followed by 30 s of silence. Implementations hold the whole
 * spectrogram ({@link LogMel.Spectrogram}) or compute each window from the file when it is asked
 * for ({@link StreamingSpectrogram}), with identical values.
 */
public interface WindowSource {
    /** Frames that belong to the audio itself (the rest is the appended silence). */
    int contentFrames();

    /** Frames {@code start .. start + min(3000, length) - 1} as [nMels, 3000], the rest 0. */
    float[] window(int start, int length);
}
