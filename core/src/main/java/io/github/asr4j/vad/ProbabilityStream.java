package io.github.asr4j.vad;

import java.util.Arrays;
import java.util.Objects;

/**
 * {@link SpeechProbabilities#of} for an input pushed piece by piece: the same probabilities (one
 * per 512-sample window, the last padded with zeros) while holding only a block of samples, so
 * a long recording's segments ({@link SpeechSegmenter}) cost 4 bytes per 512 samples.
 * Not thread-safe: one per stream.
 */
public final class ProbabilityStream {
    private static final int BLOCK_WINDOWS = 64;
    private final SileroVad.Session session;
    private final float[] pending = new float[BLOCK_WINDOWS * SileroVad.WINDOW];
    private int pendingLength;
    private float[] probabilities = new float[1024];
    private int count;
    private long samples;

    public ProbabilityStream(SileroVad vad) {
        this.session = vad.newSession();
    }

    /**
     * Feeds {@code samples[offset .. offset + length)}.
     *
     * @throws io.github.asr4j.AudioFormatException naming the first sample that is not finite
     */
    public void push(float[] input, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, input.length);
        int end = offset + length;
        while (offset < end) {
            int n = Math.min(pending.length - pendingLength, end - offset);
            System.arraycopy(input, offset, pending, pendingLength, n);
            pendingLength += n;
            offset += n;
            samples += n;
            if (pendingLength == pending.length) {
                judge(BLOCK_WINDOWS);
            }
        }
    }

    /** How many samples were pushed. */
    public long samples() {
        return samples;
    }

    /** The probabilities of all windows pushed, a partial last one padded with zeros. */
    public float[] finish() {
        int windows = (pendingLength + SileroVad.WINDOW - 1) / SileroVad.WINDOW;
        Arrays.fill(pending, pendingLength, windows * SileroVad.WINDOW, 0f);
        judge(windows);
        return Arrays.copyOf(probabilities, count);
    }

    private void judge(int windows) {
        if (count + windows > probabilities.length) {
            probabilities = Arrays.copyOf(probabilities, Math.max(count + windows, 2 * probabilities.length));
        }
        session.probabilities(pending, 0, windows, probabilities, count);
        count += windows;
        pendingLength = 0;
    }
}
