package io.github.asr4j.audio;

/** {@link AudioStream}s made from samples in memory, or from another stream at a new rate. */
public final class SampleStreams {
    private SampleStreams() {}

    /** The samples (mono, at {@code sampleRate}) read as a stream; the array is not copied. */
    public static AudioStream of(float[] samples, int sampleRate) {
        return new AudioStream() {
            private int next;

            @Override
            public int sampleRate() {
                return sampleRate;
            }

            @Override
            public int channels() {
                return 1;
            }

            @Override
            public int read(float[] dst, int offset, int length) {
                if (length == 0) {
                    return 0;
                }
                if (next == samples.length) {
                    return -1;
                }
                int n = Math.min(length, samples.length - next);
                System.arraycopy(samples, next, dst, offset, n);
                next += n;
                return n;
            }

            @Override
            public void close() {}
        };
    }

    /** {@code source} resampled to {@code rate} as it is read, exactly as {@link Resampler} does it whole. */
    public static AudioStream resampled(AudioStream source, int rate) {
        return ResamplingStream.of(source, rate);
    }
}
