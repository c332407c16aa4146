package io.github.asr4j.vad;

/**
 * A stretch of speech, in 16 kHz samples of the input: {@code [startSample, endSample)}.
 */
public record SpeechSegment(long startSample, long endSample) {
    public SpeechSegment {
        if (startSample < 0 || endSample < startSample) {
            throw new IllegalArgumentException("speech segment [" + startSample + ", " + endSample + ") is not a range");
        }
    }

    /** Seconds from the start of the input. */
    public double start() {
        return startSample / (double) SileroVad.SAMPLE_RATE;
    }

    /** Seconds from the start of the input. */
    public double end() {
        return endSample / (double) SileroVad.SAMPLE_RATE;
    }

    public long samples() {
        return endSample - startSample;
    }
}
