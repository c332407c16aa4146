package io.github.asr4j.audio;

import io.github.asr4j.AudioFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** Raw signed 16-bit little-endian PCM (no header), one channel: ffmpeg's output, or a pipeline's standard input. */
public final class Pcm16 {
    /** 2^30 samples: over 18 hours at 16 kHz, far beyond any input asr4j is meant for; refused, not an OutOfMemoryError. */
    public static final int MAX_SAMPLES = 1 << 30;

    private Pcm16() {}

    /**
     * Reads the stream to its end (it is not closed) into samples in [-1, 1).
     *
     * @param name used in error messages
     * @throws AudioFormatException when the byte count is odd or the input is longer than {@link #MAX_SAMPLES}
     */
    public static float[] read(InputStream in, String name) {
        float[] samples = new float[1 << 16];
        int count = 0;
        byte[] buf = new byte[1 << 16];
        int carry = 0; // 0 or 1 byte left over from the previous read
        try {
            for (int n; (n = in.read(buf, carry, buf.length - carry)) > 0; ) {
                int avail = carry + n;
                int pairs = avail / 2;
                if ((long) count + pairs > MAX_SAMPLES) {
                    throw new AudioFormatException(name + ": more than " + MAX_SAMPLES + " samples of raw PCM; split the input");
                }
                if (count + pairs > samples.length) {
                    samples = Arrays.copyOf(samples, (int) Math.min(MAX_SAMPLES, Math.max((long) samples.length * 2, count + pairs)));
                }
                for (int i = 0; i < pairs; i++) {
                    samples[count++] = (short) ((buf[2 * i] & 0xFF) | (buf[2 * i + 1] << 8)) / 32768f;
                }
                carry = avail - 2 * pairs;
                if (carry == 1) {
                    buf[0] = buf[avail - 1];
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read raw PCM from " + name, e);
        }
        if (carry != 0) {
            throw new AudioFormatException(name + ": raw 16-bit PCM must have an even byte count; got "
                    + (2L * count + 1) + " bytes (the last sample is cut)");
        }
        return Arrays.copyOf(samples, count);
    }
}
