package io.github.asr4j.qwen;

import io.github.asr4j.AudioFormatException;
import io.github.asr4j.audio.AudioStream;
import java.util.Arrays;

/**
 * Reads pieces of a stream in order, holding only the current piece: samples before a piece's
 * start are dropped (pieces may overlap the one before, never start before it). Not thread-safe.
 */
final class PieceReader implements AutoCloseable {
    private final AudioStream in;
    private float[] buffer = new float[1 << 16];
    private int first;  // input index of buffer[0]
    private int length; // samples held

    PieceReader(AudioStream in) {
        this.in = in;
    }

    /**
     * Holds {@code [start, end)} and returns the buffer, whose element 0 is sample {@link #first()}.
     *
     * @throws AudioFormatException when the stream ends before {@code end}
     */
    float[] hold(int start, int end) {
        if (start < first || end < start) {
            throw new IllegalStateException("piece [" + start + ", " + end + ") after one from " + first);
        }
        int drop = Math.min(start - first, length);
        System.arraycopy(buffer, drop, buffer, 0, length - drop);
        length -= drop;
        first += drop;
        while (first < start) { // length is 0: skip to the start
            first += read(0, Math.min(buffer.length, start - first), end);
        }
        if (end - first > buffer.length) {
            buffer = Arrays.copyOf(buffer, end - first);
        }
        while (first + length < end) {
            length += read(length, end - first - length, end);
        }
        return buffer;
    }

    /** A copy of {@code [start, end)}. */
    float[] copy(int start, int end) {
        float[] held = hold(start, end);
        return Arrays.copyOfRange(held, start - first, end - first);
    }

    int first() {
        return first;
    }

    private int read(int offset, int count, int end) {
        int n = in.read(buffer, offset, count);
        if (n < 0) {
            throw new AudioFormatException("the audio ended at sample " + (first + offset) + " when read again, before "
                    + end + "; it changed between the readings");
        }
        return n;
    }

    @Override
    public void close() {
        in.close();
    }
}
