package io.github.asr4j.audio;

import io.github.asr4j.AudioFormatException;
import java.io.InputStream;

/**
 * asr4j's own FLAC decoder (the format as RFC 9639 specifies it): STREAMINFO, then frames of
 * CONSTANT, VERBATIM, FIXED and LPC subframes with Rice-coded residuals, stereo decorrelation and
 * wasted bits; any bit depth from 4 to 32 (scaled by 2^(bits-1) into [-1, 1)), up to 8 channels
 * (averaged to mono). Frames are decoded one at a time as samples are read.
 *
 * <p>Strict where a silent wrong answer would otherwise follow: every frame's CRC-8 and CRC-16
 * must match, frames must follow each other without gaps, every sample must fit its bit depth, and
 * when STREAMINFO declares a total the stream must hold exactly that many samples (an ID3v1 tag or
 * other non-frame bytes after the last frame are ignored). Bounded on any input: a frame holds at
 * most 65536 samples of 8 channels, so no declared size drives an allocation, and every step
 * consumes input, so no input can make it loop.
 */
final class FlacStream implements AudioStream {
    private static final int STREAMINFO = 0;
    private static final int MAX_CHANNELS = 8;
    private static final int[] RATE_CODES = {
        0, 88_200, 176_400, 192_000, 8_000, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000, 96_000
    };
    private static final int[] BITS_CODES = {0, 8, 12, -1, 16, 20, 24, 32};

    private final FlacBits in;
    private final InputStream source;
    private final String name;
    private final int sampleRate;
    private final int channels;
    private final int bitsPerSample;
    private final long declaredTotal; // 0: unknown
    private final int maxBlockSize;

    private final long[][] channel = new long[MAX_CHANNELS][];
    private final float[] mono;
    private int monoNext;
    private int monoLimit;
    private long decoded;
    private boolean ended;

    private FlacStream(InputStream source, String name) {
        this.source = source;
        this.in = new FlacBits(source, name);
        this.name = name;
        if (in.bits(32) != 0x664C6143L) { // "fLaC"
            throw in.error("no fLaC stream marker");
        }
        boolean last = in.bits(1) == 1;
        int type = in.uint(7);
        long length = in.bits(24);
        if (type != STREAMINFO || length != 34) {
            throw in.error("the first metadata block is of type " + type + " and " + length
                    + " bytes; a FLAC stream starts with a 34-byte STREAMINFO block");
        }
        int minBlock = in.uint(16);
        maxBlockSize = in.uint(16);
        in.bits(24); // min frame size
        in.bits(24); // max frame size
        sampleRate = in.uint(20);
        channels = in.uint(3) + 1;
        bitsPerSample = in.uint(5) + 1;
        declaredTotal = in.bits(36);
        in.skip(16, "the STREAMINFO MD5");
        if (maxBlockSize == 0 || minBlock > maxBlockSize) {
            throw in.error("STREAMINFO block sizes " + minBlock + ".." + maxBlockSize + " are not valid");
        }
        if (bitsPerSample < 4) {
            throw in.error("STREAMINFO declares " + bitsPerSample + " bits per sample (4..32 supported)");
        }
        SupportedRates.check(sampleRate, name + " (FLAC STREAMINFO)");
        while (!last) {
            last = in.bits(1) == 1;
            type = in.uint(7);
            length = in.bits(24);
            if (type == 127) {
                throw in.error("metadata block type 127 is invalid");
            }
            in.skip(length, "metadata block of type " + type); // comments, seek table, pictures: not needed
        }
        mono = new float[maxBlockSize];
    }

    /** Opens a stream positioned at the {@code fLaC} marker and reads its metadata. */
    static FlacStream open(InputStream in, String name) {
        return new FlacStream(in, name);
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int read(float[] dst, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        while (monoNext == monoLimit) {
            if (ended || !nextFrame()) {
                ended = true;
                return -1;
            }
        }
        int n = Math.min(length, monoLimit - monoNext);
        System.arraycopy(mono, monoNext, dst, offset, n);
        monoNext += n;
        return n;
    }

    @Override
    public void close() {
        try {
            source.close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot close " + name, e);
        }
    }

    /** Decodes the next frame into {@link #mono}; false at the end of the audio. */
    private boolean nextFrame() {
        long frameStart = in.position();
        in.startCrc();
        int b0 = in.byteOrEnd();
        if (b0 < 0) {
            return atEnd(frameStart, false);
        }
        int b1 = in.byteOrEnd();
        boolean sync = b0 == 0xFF && (b1 & 0xFE) == 0xF8;
        if (!sync) {
            // Not a frame: a trailing tag (ID3v1 "TAG", padding) is allowed only after the whole stream.
            return atEnd(frameStart, true);
        }
        if (declaredTotal > 0 && decoded >= declaredTotal) {
            throw new AudioFormatException(name + ": the FLAC stream holds more frames than the " + declaredTotal
                    + " samples its STREAMINFO declares (another frame at byte offset " + frameStart + ")");
        }
        int blockCode = in.uint(4);
        int rateCode = in.uint(4);
        int assignment = in.uint(4);
        int bitsCode = in.uint(3);
        if (in.bits(1) != 0) {
            throw frameError(frameStart, "reserved header bit is set");
        }
        readCodedNumber(frameStart);
        int blockSize = switch (blockCode) {
            case 0 -> throw frameError(frameStart, "block size code 0 is reserved");
            case 1 -> 192;
            case 2, 3, 4, 5 -> 576 << (blockCode - 2);
            case 6 -> in.uint(8) + 1;
            case 7 -> in.uint(16) + 1;
            default -> 256 << (blockCode - 8);
        };
        int rate = switch (rateCode) {
            case 12 -> in.uint(8) * 1000;
            case 13 -> in.uint(16);
            case 14 -> in.uint(16) * 10;
            case 15 -> throw frameError(frameStart, "sample rate code 15 is invalid");
            default -> rateCode == 0 ? sampleRate : RATE_CODES[rateCode];
        };
        int headerCrc = in.crc8();
        if (in.uint(8) != headerCrc) {
            throw frameError(frameStart, "frame header CRC-8 does not match (corrupt stream)");
        }
        if (rate != sampleRate) {
            throw frameError(frameStart, "frame sample rate " + rate + " Hz differs from the stream's " + sampleRate + " Hz");
        }
        if (blockSize > maxBlockSize) {
            throw frameError(frameStart, "block of " + blockSize + " samples exceeds STREAMINFO's maximum " + maxBlockSize);
        }
        int bits = bitsCode == 0 ? bitsPerSample : BITS_CODES[bitsCode];
        if (bits < 0) {
            throw frameError(frameStart, "sample size code 3 is reserved");
        }
        int frameChannels = assignment < 8 ? assignment + 1 : 2;
        if (assignment > 10) {
            throw frameError(frameStart, "channel assignment " + assignment + " is reserved");
        }
        if (frameChannels != channels) {
            throw frameError(frameStart, "frame has " + frameChannels + " channels, STREAMINFO " + channels);
        }
        for (int c = 0; c < frameChannels; c++) {
            boolean side = assignment == 8 && c == 1 || assignment == 9 && c == 0 || assignment == 10 && c == 1;
            if (channel[c] == null || channel[c].length < blockSize) {
                channel[c] = new long[maxBlockSize];
            }
            subframe(channel[c], blockSize, bits + (side ? 1 : 0), frameStart);
        }
        in.align();
        int frameCrc = in.crc16();
        if (in.uint(16) != frameCrc) {
            throw frameError(frameStart, "frame CRC-16 does not match (corrupt stream)");
        }
        decorrelate(assignment, blockSize);
        toMono(blockSize, bits, frameStart);
        decoded += blockSize;
        return true;
    }

    /** The end of the frames: fine when the declared total (if any) has been decoded. */
    private boolean atEnd(long offset, boolean trailingBytes) {
        if (decoded == 0 && trailingBytes) {
            throw new AudioFormatException(name + ": no FLAC frame sync code after the metadata (byte offset " + offset + ")");
        }
        if (declaredTotal > 0 && decoded != declaredTotal) {
            throw new AudioFormatException(name + ": the FLAC stream is truncated: STREAMINFO declares " + declaredTotal
                    + " samples, the frames hold " + decoded + (trailingBytes
                            ? " before bytes that are not a frame (byte offset " + offset + ")" : ""));
        }
        if (declaredTotal == 0 && trailingBytes) {
            throw new AudioFormatException(name + ": bytes that are not a FLAC frame after sample " + decoded
                    + " (byte offset " + offset + ")");
        }
        return false;
    }

    /** The frame or sample number, UTF-8 coded (1 to 7 bytes); checked for form only. */
    private void readCodedNumber(long frameStart) {
        int first = in.uint(8);
        int extra;
        if ((first & 0x80) == 0) {
            extra = 0;
        } else if ((first & 0xE0) == 0xC0) {
            extra = 1;
        } else if ((first & 0xF0) == 0xE0) {
            extra = 2;
        } else if ((first & 0xF8) == 0xF0) {
            extra = 3;
        } else if ((first & 0xFC) == 0xF8) {
            extra = 4;
        } else if ((first & 0xFE) == 0xFC) {
            extra = 5;
        } else if (first == 0xFE) {
            extra = 6;
        } else {
            throw frameError(frameStart, "malformed frame number");
        }
        for (int i = 0; i < extra; i++) {
            if ((in.uint(8) & 0xC0) != 0x80) {
                throw frameError(frameStart, "malformed frame number");
            }
        }
    }

    private void subframe(long[] out, int blockSize, int bits, long frameStart) {
        if (in.bits(1) != 0) {
            throw frameError(frameStart, "subframe padding bit is set");
        }
        int type = in.uint(6);
        int wasted = 0;
        if (in.bits(1) == 1) {
            wasted = (int) in.unary(bits) + 1;
            if (wasted >= bits) {
                throw frameError(frameStart, wasted + " wasted bits in a " + bits + "-bit subframe");
            }
        }
        int width = bits - wasted;
        if (type == 0) {
            long v = in.signed(width);
            java.util.Arrays.fill(out, 0, blockSize, v);
        } else if (type == 1) {
            for (int i = 0; i < blockSize; i++) {
                out[i] = in.signed(width);
            }
        } else if (type >= 8 && type <= 12) {
            fixed(out, blockSize, width, type - 8, frameStart);
        } else if (type >= 32) {
            lpc(out, blockSize, width, type - 31, frameStart);
        } else {
            throw frameError(frameStart, "subframe type " + type + " is reserved");
        }
        if (wasted > 0) {
            for (int i = 0; i < blockSize; i++) {
                out[i] <<= wasted;
            }
        }
    }

    private void fixed(long[] out, int blockSize, int width, int order, long frameStart) {
        warmUp(out, blockSize, width, order, frameStart);
        residual(out, blockSize, order, frameStart);
        for (int i = order; i < blockSize; i++) {
            long prediction = switch (order) {
                case 0 -> 0;
                case 1 -> out[i - 1];
                case 2 -> 2 * out[i - 1] - out[i - 2];
                case 3 -> 3 * out[i - 1] - 3 * out[i - 2] + out[i - 3];
                default -> 4 * out[i - 1] - 6 * out[i - 2] + 4 * out[i - 3] - out[i - 4];
            };
            out[i] = checked(out[i] + prediction, frameStart);
        }
    }

    private void lpc(long[] out, int blockSize, int width, int order, long frameStart) {
        warmUp(out, blockSize, width, order, frameStart);
        int precision = in.uint(4) + 1;
        if (precision == 16) {
            throw frameError(frameStart, "LPC coefficient precision code 15 is invalid");
        }
        int shift = (int) in.signed(5);
        if (shift < 0) {
            throw frameError(frameStart, "negative LPC shift " + shift);
        }
        long[] coefficients = new long[order];
        for (int j = 0; j < order; j++) {
            coefficients[j] = in.signed(precision);
        }
        residual(out, blockSize, order, frameStart);
        for (int i = order; i < blockSize; i++) {
            long sum = 0;
            for (int j = 0; j < order; j++) {
                sum += coefficients[j] * out[i - 1 - j];
            }
            out[i] = checked(out[i] + (sum >> shift), frameStart);
        }
    }

    private void warmUp(long[] out, int blockSize, int width, int order, long frameStart) {
        if (order > blockSize) {
            throw frameError(frameStart, "predictor order " + order + " exceeds the block size " + blockSize);
        }
        for (int i = 0; i < order; i++) {
            out[i] = in.signed(width);
        }
    }

    /** Reads the Rice-coded residual into {@code out[order..blockSize)}. */
    private void residual(long[] out, int blockSize, int order, long frameStart) {
        int method = in.uint(2);
        if (method > 1) {
            throw frameError(frameStart, "residual coding method " + method + " is reserved");
        }
        int paramBits = method == 0 ? 4 : 5;
        int escape = (1 << paramBits) - 1;
        int partitionOrder = in.uint(4);
        int partitions = 1 << partitionOrder;
        int perPartition = blockSize >> partitionOrder;
        if (perPartition << partitionOrder != blockSize || perPartition < order) {
            throw frameError(frameStart, "residual partition order " + partitionOrder + " does not fit a block of "
                    + blockSize + " samples with predictor order " + order);
        }
        int i = order;
        for (int p = 0; p < partitions; p++) {
            int end = (p + 1) * perPartition;
            int parameter = in.uint(paramBits);
            if (parameter == escape) {
                int raw = in.uint(5);
                for (; i < end; i++) {
                    out[i] = in.signed(raw);
                }
            } else {
                for (; i < end; i++) {
                    long high = in.unary(1L << 32);
                    long v = (high << parameter) | in.bits(parameter);
                    out[i] = (v >>> 1) ^ -(v & 1);
                }
            }
        }
    }

    /** Samples and residuals stay far inside a long; anything beyond 2^40 is a corrupt stream. */
    private long checked(long v, long frameStart) {
        if (v > 1L << 40 || v < -(1L << 40)) {
            throw frameError(frameStart, "a predicted sample overflows (corrupt stream)");
        }
        return v;
    }

    private void decorrelate(int assignment, int n) {
        long[] a = channel[0];
        long[] b = channel[1];
        switch (assignment) {
            case 8 -> { // left, side
                for (int i = 0; i < n; i++) {
                    b[i] = a[i] - b[i];
                }
            }
            case 9 -> { // side, right
                for (int i = 0; i < n; i++) {
                    a[i] = a[i] + b[i];
                }
            }
            case 10 -> { // mid, side
                for (int i = 0; i < n; i++) {
                    long side = b[i];
                    long mid = (a[i] << 1) | (side & 1);
                    a[i] = (mid + side) >> 1;
                    b[i] = (mid - side) >> 1;
                }
            }
            default -> { }
        }
    }

    private void toMono(int n, int bits, long frameStart) {
        long min = -(1L << (bits - 1));
        long max = (1L << (bits - 1)) - 1;
        double scale = 1.0 / (1L << (bits - 1)) / channels;
        for (int i = 0; i < n; i++) {
            long sum = 0;
            for (int c = 0; c < channels; c++) {
                long v = channel[c][i];
                if (v < min || v > max) {
                    throw frameError(frameStart, "sample " + (decoded + i) + " of channel " + c + " is " + v
                            + ", outside the " + bits + "-bit range (corrupt stream)");
                }
                sum += v;
            }
            mono[i] = (float) (sum * scale);
        }
        monoNext = 0;
        monoLimit = n;
    }

    private AudioFormatException frameError(long frameStart, String what) {
        return new AudioFormatException(name + ": " + what + " in the FLAC frame at byte offset " + frameStart
                + " (after sample " + decoded + ")");
    }
}
