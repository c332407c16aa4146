package io.github.asr4j.audio;

import io.github.asr4j.AudioFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Decodes RIFF/WAVE: PCM (8-bit unsigned, 16/24/32-bit signed), IEEE float (32/64-bit) and
 * WAVE_FORMAT_EXTENSIBLE with a PCM or float SubFormat; any channel count (averaged to mono) and
 * any sample rate.
 *
 * <p>Chunks are walked by their declared sizes (odd sizes are followed by one pad byte) and
 * unknown ones ({@code LIST}, {@code fact}, {@code JUNK}, ...) are skipped by reading, so a size
 * that points past the end of the file is reported as such instead of being trusted. Decoding
 * stops at the end of the {@code data} chunk; bytes after it are ignored.
 *
 * <p>Truncation policy: when the {@code data} chunk declares more bytes than the file holds, the
 * complete sample frames that are present are returned (a trailing partial frame is dropped) and
 * a warning is logged. A file with no {@code data} chunk is an error.
 */
final class WavDecoder implements AudioStream {
    private static final System.Logger LOG = System.getLogger(WavDecoder.class.getName());

    private static final int TAG_PCM = 0x0001;
    private static final int TAG_FLOAT = 0x0003;
    private static final int TAG_EXTENSIBLE = 0xFFFE;
    /** The bytes 2..15 shared by every KSDATAFORMAT_SUBTYPE GUID (the first two hold the format tag). */
    private static final byte[] GUID_TAIL = {
        0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71
    };
    /** A real {@code fmt } chunk is 16 to 40 bytes; anything larger than this is not one. */
    private static final int MAX_FMT_SIZE = 1 << 16;
    private static final int BLOCK_BYTES = 1 << 16;

    private final InputStream source;
    private final CountingInput in;
    private final String name;
    private final Format format;
    private final long declared;    // bytes the data chunk declares
    private final long dataStart;
    private final long chunkStart;
    private long remaining;         // declared bytes not yet read
    private long frameIndex;
    private byte[] block = new byte[0];
    private boolean ended;  // the file ended inside the data chunk, or all of it was read
    private boolean warned;

    private WavDecoder(InputStream source, String name) throws IOException {
        this.source = source;
        this.in = new CountingInput(source);
        this.name = name;
        long[] data = new long[2];
        this.format = header(data);
        this.chunkStart = data[0];
        this.declared = data[1];
        this.remaining = declared;
        this.dataStart = in.position();
    }

    /** Opens a stream positioned at the {@code RIFF} magic: reads the chunks up to the samples. */
    static WavDecoder open(InputStream in, String name) {
        try {
            return new WavDecoder(in, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    @Override
    public int sampleRate() {
        return format.sampleRate;
    }

    @Override
    public int channels() {
        return format.channels;
    }

    @Override
    public void close() {
        try {
            source.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + name, e);
        }
    }

    private record Format(int tag, int channels, int sampleRate, int blockAlign, int bitsPerSample, int bytesPerSample) {}

    /** Walks the chunks to the {@code data} chunk; {@code data} gets its offset and declared size. */
    private Format header(long[] data) throws IOException {
        byte[] header = in.readUpTo(12);
        if (header.length < 12 || !ascii(header, 0).equals("RIFF") || !ascii(header, 8).equals("WAVE")) {
            throw error("not a RIFF/WAVE file", 0);
        }
        Format format = null;
        while (true) {
            long chunkStart = in.position();
            byte[] chunkHeader = in.readUpTo(8);
            if (chunkHeader.length < 8) {
                throw error("no 'data' chunk before the end of the file (" + in.position() + " bytes)", chunkStart);
            }
            String id = ascii(chunkHeader, 0);
            long size = u32(chunkHeader, 4);
            if (id.equals("fmt ")) {
                if (size < 16 || size > MAX_FMT_SIZE) {
                    throw error("'fmt ' chunk size " + size + " is not a valid format chunk (16..40 bytes expected)", chunkStart);
                }
                byte[] fmt = in.readUpTo((int) size);
                if (fmt.length < size) {
                    throw error("'fmt ' chunk declares " + size + " bytes but the file ends after " + fmt.length, chunkStart);
                }
                format = parseFormat(fmt, chunkStart);
                in.skipUpTo(size & 1);
            } else if (id.equals("data")) {
                if (format == null) {
                    throw error("'data' chunk comes before any 'fmt ' chunk", chunkStart);
                }
                data[0] = chunkStart;
                data[1] = size;
                return format;
            } else {
                long skipped = in.skipUpTo(size + (size & 1));
                if (skipped < size) {
                    throw error("no 'data' chunk: chunk '" + printable(chunkHeader) + "' declares " + size
                            + " bytes, beyond the end of the file (" + in.position() + " bytes)", chunkStart);
                }
            }
        }
    }

    private Format parseFormat(byte[] fmt, long offset) {
        int tag = u16(fmt, 0);
        int channels = u16(fmt, 2);
        long sampleRate = u32(fmt, 4);
        int blockAlign = u16(fmt, 12);
        int bits = u16(fmt, 14);
        int containerBits = bits;
        if (tag == TAG_EXTENSIBLE) {
            if (fmt.length < 40 || u16(fmt, 16) < 22) {
                throw error("WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is " + fmt.length + " bytes; 40 expected", offset);
            }
            int validBits = u16(fmt, 18);
            int subTag = u16(fmt, 24);
            for (int i = 0; i < GUID_TAIL.length; i++) {
                if (fmt[26 + i] != GUID_TAIL[i]) {
                    throw error("unsupported WAVE_FORMAT_EXTENSIBLE SubFormat GUID (not PCM or IEEE float)", offset + 8 + 24);
                }
            }
            tag = subTag;
            if (validBits != 0 && validBits <= bits) {
                // Samples sit left-justified in their container: scale by the container, as the
                // spec intends; validBits only says how many low bits are zero.
                bits = validBits;
            }
        }
        if (channels < 1) {
            throw error("channel count is 0", offset + 10);
        }
        SupportedRates.check(sampleRate, name + " (WAV 'fmt ' chunk at byte offset " + offset + ")");
        if (blockAlign == 0 || blockAlign % channels != 0) {
            throw error("block align " + blockAlign + " is not a multiple of the " + channels + " channels", offset + 20);
        }
        int bytesPerSample = blockAlign / channels;
        switch (tag) {
            case TAG_PCM -> {
                if (bytesPerSample < 1 || bytesPerSample > 4 || bits < 1 || bits > bytesPerSample * 8
                        || containerBits > bytesPerSample * 8) {
                    throw error("unsupported PCM layout: " + containerBits + " bits per sample in "
                            + bytesPerSample + "-byte samples (8, 16, 24 or 32-bit PCM supported)", offset + 8);
                }
            }
            case TAG_FLOAT -> {
                if (!((bytesPerSample == 4 && containerBits == 32) || (bytesPerSample == 8 && containerBits == 64))) {
                    throw error("unsupported IEEE float layout: " + containerBits + " bits in "
                            + bytesPerSample + "-byte samples (32 or 64-bit supported)", offset + 8);
                }
            }
            default -> throw error("unsupported WAV format tag 0x" + String.format("%04X", tag)
                    + describeTag(tag) + " (PCM, IEEE float and WAVE_FORMAT_EXTENSIBLE supported)", offset + 8);
        }
        return new Format(tag, channels, (int) sampleRate, blockAlign, bits, bytesPerSample);
    }

    private static String describeTag(int tag) {
        return switch (tag) {
            case 0x0002 -> " (MS ADPCM)";
            case 0x0006 -> " (A-law)";
            case 0x0007 -> " (mu-law)";
            case 0x0011 -> " (IMA ADPCM)";
            case 0x0055 -> " (MP3)";
            default -> "";
        };
    }

    @Override
    public int read(float[] dst, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        Format f = format;
        if (ended || remaining < f.blockAlign) {
            finish();
            return -1;
        }
        // (ended is set below only when the file ends early; a complete chunk ends by remaining.)
        int want = (int) Math.min((long) Math.min(length, BLOCK_BYTES / f.blockAlign + 1) * f.blockAlign,
                remaining - remaining % f.blockAlign);
        if (block.length < want) {
            block = new byte[want];
        }
        int got;
        try {
            got = in.readInto(block, want);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
        int frames = got / f.blockAlign;
        for (int fr = 0; fr < frames; fr++, frameIndex++) {
            double sum = 0;
            int base = fr * f.blockAlign;
            for (int c = 0; c < f.channels; c++) {
                int off = base + c * f.bytesPerSample;
                double v = sample(block, off, f);
                if (!Double.isFinite(v)) {
                    throw error("non-finite float sample (" + v + ") at sample frame " + frameIndex
                            + ", channel " + c, dataStart + (long) (off - base) + frameIndex * f.blockAlign);
                }
                sum += v;
            }
            dst[offset + fr] = (float) (sum / f.channels);
        }
        remaining -= got;
        if (got < want) {
            ended = true;
        }
        if (frames == 0) {
            finish();
            return -1;
        }
        return frames;
    }

    /** At the end: warns once when the file ended before the data chunk did (see the truncation policy). */
    private void finish() {
        if (ended && !warned && remaining >= format.blockAlign) {
            warned = true;
            long present = declared - remaining;
            LOG.log(System.Logger.Level.WARNING, () -> name + ": 'data' chunk at byte offset " + chunkStart
                    + " declares " + declared + " bytes but only " + present + " are present; using the "
                    + (present / format.blockAlign) + " complete sample frames");
        }
        ended = true;
    }

    private static double sample(byte[] b, int off, Format f) {
        if (f.tag == TAG_FLOAT) {
            if (f.bytesPerSample == 4) {
                return Float.intBitsToFloat(s32(b, off));
            }
            return Double.longBitsToDouble((s32(b, off) & 0xFFFFFFFFL) | ((long) s32(b, off + 4) << 32));
        }
        return switch (f.bytesPerSample) {
            case 1 -> ((b[off] & 0xFF) - 128) / 128.0;
            case 2 -> (short) ((b[off] & 0xFF) | (b[off + 1] << 8)) / 32768.0;
            case 3 -> ((b[off] & 0xFF) | ((b[off + 1] & 0xFF) << 8) | (b[off + 2] << 16)) / 8388608.0;
            default -> s32(b, off) / 2147483648.0;
        };
    }

    private AudioFormatException error(String what, long offset) {
        return new AudioFormatException(name + ": " + what + " (byte offset " + offset + ")");
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) | ((b[off + 1] & 0xFF) << 8);
    }

    private static int s32(byte[] b, int off) {
        return (b[off] & 0xFF) | ((b[off + 1] & 0xFF) << 8) | ((b[off + 2] & 0xFF) << 16) | (b[off + 3] << 24);
    }

    private static long u32(byte[] b, int off) {
        return s32(b, off) & 0xFFFFFFFFL;
    }

    private static String ascii(byte[] b, int off) {
        return new String(b, off, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** A chunk id for a message: printable ASCII as is, anything else as hex. */
    private static String printable(byte[] b) {
        StringBuilder s = new StringBuilder();
        boolean text = true;
        for (int i = 0; i < 4; i++) {
            text &= b[i] >= 0x20 && b[i] < 0x7F;
        }
        for (int i = 0; i < 4; i++) {
            s.append(text ? String.valueOf((char) b[i]) : String.format("%s%02X", i == 0 ? "0x" : "", b[i] & 0xFF));
        }
        return s.toString();
    }

    /** An input stream that knows how many bytes it has consumed, for error offsets. */
    private static final class CountingInput {
        private final InputStream in;
        private long position;

        CountingInput(InputStream in) {
            this.in = in;
        }

        long position() {
            return position;
        }

        /** Reads up to {@code n} bytes; fewer only at the end of the stream. */
        byte[] readUpTo(int n) throws IOException {
            byte[] b = in.readNBytes(n);
            position += b.length;
            return b;
        }

        /** Reads up to {@code n} bytes into {@code b}; fewer only at the end of the stream. */
        int readInto(byte[] b, int n) throws IOException {
            int got = in.readNBytes(b, 0, n);
            position += got;
            return got;
        }

        /**
         * Skips up to {@code n} bytes by reading them, returning how many were really there.
         * (InputStream.skip on a file may "skip" past its end, so it cannot reveal a forged size.)
         */
        long skipUpTo(long n) throws IOException {
            byte[] scratch = new byte[(int) Math.min(n, 1 << 14)];
            long done = 0;
            while (done < n) {
                int got = in.read(scratch, 0, (int) Math.min(scratch.length, n - done));
                if (got < 0) {
                    break;
                }
                done += got;
            }
            position += done;
            return done;
        }
    }
}
