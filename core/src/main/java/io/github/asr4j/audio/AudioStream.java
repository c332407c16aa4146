package io.github.asr4j.audio;

/**
 * Decoded audio read piece by piece: mono samples in [-1, 1) at the source's own rate, so a
 * long recording never has to be held whole. Not thread-safe; close it to release the source.
 */
public interface AudioStream extends AutoCloseable {
    /** The rate of the samples in Hz (the source's rate, not resampled). */
    int sampleRate();

    /** How many channels the source had before the downmix to mono. */
    int channels();

    /**
     * Reads up to {@code length} mono samples into {@code dst} from {@code offset}.
     *
     * @return how many were read, at least one unless {@code length} is 0; -1 at the end
     * @throws io.github.asr4j.AudioFormatException when the source turns out to be malformed
     */
    int read(float[] dst, int offset, int length);

    @Override
    void close();

    /** Reads the rest of the stream into memory. */
    default Audio readAll() {
        SampleBuffer out = new SampleBuffer(0);
        float[] block = new float[1 << 14];
        int n;
        while ((n = read(block, 0, block.length)) >= 0) {
            out.add(block, n);
        }
        return new Audio(out.toArray(), sampleRate(), channels());
    }
}
