package io.github.asr4j.audio;

import io.github.asr4j.AudioFormatException;
import java.util.function.Supplier;

/**
 * The log-mel windows of an audio file computed from the file as they are asked for, so memory is
 * bounded by one window (about 2 MB of samples and 1 MB of mel values for 80 bins) whatever the
 * recording's length. The values equal {@link LogMel#computePadded} sliced by
 * {@link LogMel.Spectrogram#window(int, int)} bit for bit.
 *
 * <p>openai-whisper floors the spectrogram at 8 below the maximum of the whole input, which
 * is known only at the end; so the file is read twice: once at construction (decoding,
 * resampling and transforming every frame to find that maximum, and to check every sample), then
 * again window by window. Windows are expected in increasing order, as the long-form loop asks
 * for them; an earlier one reopens the file. Not thread-safe: one per transcription.
 */
public final class StreamingSpectrogram implements WindowSource, AutoCloseable {
    /** Frames transformed per step of the first pass. */
    private static final int CHUNK_FRAMES = 512;

    private final Supplier<AudioStream> open;
    private final LogMel logMel;
    private final long samples;     // 16 kHz samples of audio
    private final int frames;       // frames of audio + 30 s of silence
    private final float floor;
    private final LogMel.Scratch scratch = new LogMel.Scratch();

    private AudioStream cursor;     // the second pass
    private float[] buffer = new float[1 << 14];
    private long base;              // absolute index of buffer[0]
    private int length;
    private boolean ended;

    /**
     * @param open opens the audio from its start (called twice, or more when windows go back)
     * @throws AudioFormatException when the audio is malformed or a sample is not finite
     */
    public StreamingSpectrogram(Supplier<AudioStream> open, LogMel logMel) {
        this.open = open;
        this.logMel = logMel;
        long[] count = new long[1];
        double max = firstPass(count);
        this.samples = count[0];
        long total = samples / AudioConstants.HOP_LENGTH + AudioConstants.N_FRAMES;
        if (total > Integer.MAX_VALUE - 2) {
            throw new AudioFormatException("audio of " + samples + " samples is too long (over 2^31 mel frames)");
        }
        this.frames = (int) total;
        this.floor = LogMel.floorOf(Math.max(max, -10)); // the silent frames of the padding are log10(1e-10)
    }

    /** Decodes the whole input once: counts the samples, checks them, and finds the largest log-mel value. */
    private double firstPass(long[] count) {
        double max = Double.NEGATIVE_INFINITY;
        float[] out = new float[logMel.nMels() * CHUNK_FRAMES];
        float[] buf = new float[CHUNK_FRAMES * AudioConstants.HOP_LENGTH + 2 * AudioConstants.N_FFT];
        long bufBase = 0; // absolute index of buf[0]
        int bufLen = 0;
        int t = 0;        // next frame to transform (even)
        try (AudioStream in = ResamplingStream.of(open.get(), AudioConstants.SAMPLE_RATE)) {
            boolean end = false;
            while (!end) {
                while (bufLen < buf.length) {
                    int got = in.read(buf, bufLen, buf.length - bufLen);
                    if (got < 0) {
                        end = true;
                        break;
                    }
                    LogMel.requireFinite(buf, bufLen, got, bufBase + bufLen);
                    bufLen += got;
                }
                long known = bufBase + bufLen;
                if (!end) {
                    // Frames whose 400 samples are all read; none of them is among the last frames.
                    int ready = (int) (Math.max(0, (known - AudioConstants.N_FFT) / AudioConstants.HOP_LENGTH) & ~1L);
                    LogMel.Samples view = new LogMel.Samples(buf, bufBase, Long.MAX_VALUE, Long.MAX_VALUE);
                    for (; t < ready; t += CHUNK_FRAMES) {
                        int tEnd = Math.min(t + CHUNK_FRAMES, ready);
                        max = Math.max(max, logMel.computeFrames(view, t, tEnd, Integer.MAX_VALUE, out, CHUNK_FRAMES, scratch));
                    }
                    t = ready;
                    long keep = Math.max(0, (long) t * AudioConstants.HOP_LENGTH - AudioConstants.N_FFT / 2);
                    int drop = (int) (keep - bufBase);
                    System.arraycopy(buf, drop, buf, 0, bufLen - drop);
                    bufLen -= drop;
                    bufBase = keep;
                } else {
                    int total = (int) Math.min(known / AudioConstants.HOP_LENGTH + AudioConstants.N_FRAMES, Integer.MAX_VALUE - 2);
                    // Frames from here on start past the audio: all zeros, log10(1e-10) each (see the constructor).
                    int audible = (int) Math.min(total, ((known + AudioConstants.N_FFT) / AudioConstants.HOP_LENGTH + 2) & ~1L);
                    LogMel.Samples view = new LogMel.Samples(buf, bufBase, known, known + AudioConstants.N_SAMPLES);
                    for (; t < audible; t += CHUNK_FRAMES) {
                        int tEnd = Math.min(t + CHUNK_FRAMES, audible);
                        max = Math.max(max, logMel.computeFrames(view, t, tEnd, total, out, CHUNK_FRAMES, scratch));
                    }
                }
            }
            count[0] = bufBase + bufLen;
        }
        return max;
    }

    @Override
    public int contentFrames() {
        return (int) (samples / AudioConstants.HOP_LENGTH);
    }

    /** Frames of audio and appended silence. */
    public int frames() {
        return frames;
    }

    @Override
    public float[] window(int start, int length) {
        if (start < 0 || start > frames) {
            throw new IllegalArgumentException("window start " + start + " outside 0.." + frames);
        }
        int nMels = logMel.nMels();
        int w = AudioConstants.N_FRAMES;
        int copy = Math.max(0, Math.min(Math.min(w, length), frames - start));
        float[] out = new float[nMels * w];
        if (copy == 0) {
            return out;
        }
        int tStart = start & ~1;
        int tEnd = start + copy;
        float[] cols = new float[nMels * (tEnd - tStart)];
        long first = (long) tStart * AudioConstants.HOP_LENGTH - AudioConstants.N_FFT / 2;
        long last = (long) tEnd * AudioConstants.HOP_LENGTH + AudioConstants.N_FFT; // exclusive, with room for the pair's second frame
        bufferRange(Math.max(0, first), Math.min(last, samples), first < 0);
        LogMel.Samples view = new LogMel.Samples(buffer, base, samples, samples + AudioConstants.N_SAMPLES);
        logMel.computeFrames(view, tStart, tEnd, frames, cols, tEnd - tStart, scratch);
        LogMel.applyFloor(cols, cols.length, floor);
        int skip = start - tStart;
        for (int m = 0; m < nMels; m++) {
            System.arraycopy(cols, m * (tEnd - tStart) + skip, out, m * w, copy);
        }
        return out;
    }

    /** Makes {@link #buffer} hold the samples {@code from .. to - 1} that the file has (0..200 too at the start, for the reflection). */
    private void bufferRange(long from, long to, boolean atStart) {
        if (atStart) {
            from = 0;
        }
        if (cursor == null || from < base) {
            restart();
        }
        if (from >= base + length) {
            base += length; // skip ahead, reading and dropping what lies between
            length = 0;
            while (base < from && !ended) {
                int got = cursor.read(buffer, 0, (int) Math.min(buffer.length, from - base));
                if (got < 0) {
                    ended = true;
                } else {
                    base += got;
                }
            }
        } else {
            int drop = (int) (from - base);
            System.arraycopy(buffer, drop, buffer, 0, length - drop);
            length -= drop;
            base = from;
        }
        int need = (int) Math.max(0, to - base);
        if (buffer.length < need) {
            buffer = java.util.Arrays.copyOf(buffer, need);
        }
        while (length < need && !ended) {
            int got = cursor.read(buffer, length, need - length);
            if (got < 0) {
                ended = true;
            } else {
                length += got;
            }
        }
    }

    private void restart() {
        if (cursor != null) {
            cursor.close();
        }
        cursor = ResamplingStream.of(open.get(), AudioConstants.SAMPLE_RATE);
        base = 0;
        length = 0;
        ended = false;
    }

    @Override
    public void close() {
        if (cursor != null) {
            cursor.close();
            cursor = null;
        }
    }
}
