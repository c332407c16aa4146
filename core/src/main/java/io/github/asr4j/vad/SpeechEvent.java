package io.github.asr4j.vad;

/**
 * A speech boundary found by a {@link SpeechDetector}.
 *
 * @param start true where speech begins, false where it ends
 * @param sample the boundary in 16 kHz samples since the detector's first sample (padding included)
 */
public record SpeechEvent(boolean start, long sample) {
    /** Seconds since the detector's first sample. */
    public double seconds() {
        return sample / (double) SileroVad.SAMPLE_RATE;
    }
}
