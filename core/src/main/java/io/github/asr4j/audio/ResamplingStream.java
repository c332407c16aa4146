package io.github.asr4j.audio;

/**
 * An {@link AudioStream} resampled as it is read, holding only the filter's reach of input: the
 * samples are exactly those {@link Resampler#apply} gives for the whole input at once.
 */
final class ResamplingStream implements AudioStream {
    private final AudioStream source;
    private final Resampler resampler;
    private final int up;
    private final int down;
    private final int taps;
    private float[] buffer;
    private long base;      // absolute input index of buffer[0]
    private int length;     // valid samples in buffer
    private long next;      // next output index
    private long total = -1; // input length once the source has ended
    private long outputs;   // output length once known

    private ResamplingStream(AudioStream source, int outRate) {
        this.source = source;
        this.resampler = new Resampler(source.sampleRate(), outRate);
        this.up = resampler.up();
        this.down = resampler.down();
        this.taps = resampler.taps();
        this.buffer = new float[Math.max(1 << 14, 2 * taps)];
    }

    /** {@code source} at {@code outRate}: itself when the rates match. */
    static AudioStream of(AudioStream source, int outRate) {
        return source.sampleRate() == outRate ? source : new ResamplingStream(source, outRate);
    }

    @Override
    public int sampleRate() {
        return resampler.outRate();
    }

    @Override
    public int channels() {
        return source.channels();
    }

    @Override
    public int read(float[] dst, int offset, int count) {
        int produced = 0;
        while (produced < count) {
            if (total >= 0 && next >= outputs) {
                break;
            }
            long t = next * down;
            long start = Math.floorDiv(t, up) + resampler.firstTap;
            int phase = (int) Math.floorMod(t, up);
            if (total < 0 && start + taps > base + length) {
                fill(start, start + taps);
                continue;
            }
            dst[offset + produced++] = resampler.output(buffer, (int) (start - base), phase, start,
                    total >= 0 ? total : Long.MAX_VALUE / 4); // unknown yet: no end in reach (and no overflow)
            next++;
        }
        return produced == 0 && count > 0 ? -1 : produced;
    }

    /** Drops input before {@code keepFrom} and reads until {@code need} is buffered or the source ends. */
    private void fill(long keepFrom, long need) {
        int drop = (int) Math.max(0, Math.min(length, keepFrom - base));
        if (drop > 0) {
            System.arraycopy(buffer, drop, buffer, 0, length - drop);
            length -= drop;
            base += drop;
        }
        while (base + length < need) {
            if (length == buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
            }
            int got = source.read(buffer, length, buffer.length - length);
            if (got < 0) {
                total = base + length;
                outputs = resampler.outputLength(total);
                return;
            }
            length += got;
        }
    }

    @Override
    public void close() {
        source.close();
    }
}
