package io.github.asr4j.audio;

/**
 * Decoded audio: mono samples in [-1, 1) at the file's own rate.
 *
 * @param samples mono samples (multi-channel input is averaged), normalised to [-1, 1)
 * @param sampleRate the rate of {@code samples} in Hz (the file's rate, not resampled)
 * @param channels how many channels the source had before the downmix
 */
public record Audio(float[] samples, int sampleRate, int channels) {
    public Audio {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        if (channels <= 0) {
            throw new IllegalArgumentException("channel count must be positive: " + channels);
        }
    }

    /** The samples at {@code rate} Hz: these samples when the rate already matches, else resampled. */
    public float[] samplesAt(int rate) {
        return rate == sampleRate ? samples : new Resampler(sampleRate, rate).apply(samples);
    }

    /** Duration in seconds. */
    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }
}
