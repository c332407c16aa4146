package io.github.asr4j.audio;

import io.github.asr4j.AudioFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The bit reader under {@link FlacStream}: most significant bit first, bytes pulled from the
 * stream one at a time only when a read needs them, so the CRC-8 and CRC-16 that FLAC frames
 * carry are computed over exactly the bytes consumed. Every byte it hands out is a byte of the
 * input: a read can never spin without consuming, and the end of the input is an
 * {@link AudioFormatException} naming the byte offset.
 */
final class FlacBits {
    private final InputStream in;
    private final String name;
    private final byte[] buffer = new byte[1 << 16];
    private int next;
    private int limit;
    private long cache;   // the low {@code avail} bits are unread
    private int avail;
    private long position; // bytes consumed
    private int crc8;
    private int crc16;

    FlacBits(InputStream in, String name) {
        this.in = in;
        this.name = name;
    }

    long position() {
        return position;
    }

    /** Starts both checksums at the current byte (a frame header begins here). */
    void startCrc() {
        crc8 = 0;
        crc16 = 0;
    }

    int crc8() {
        return crc8;
    }

    int crc16() {
        return crc16;
    }

    boolean byteAligned() {
        return avail == 0;
    }

    /** Drops the bits left in the current byte (frames are padded with zeros to a byte). */
    void align() {
        avail = 0;
        cache = 0;
    }

    /** Unsigned {@code n}-bit value, 0 <= n <= 32. */
    long bits(int n) {
        if (n == 0) {
            return 0;
        }
        while (avail < n) {
            pull();
        }
        long v = (cache >>> (avail - n)) & ((1L << n) - 1);
        avail -= n;
        cache &= (1L << avail) - 1;
        return v;
    }

    int uint(int n) {
        return (int) bits(n);
    }

    /** Two's-complement {@code n}-bit value, 0 <= n <= 33. */
    long signed(int n) {
        if (n == 0) {
            return 0;
        }
        if (n > 32) {
            long high = bits(n - 32);
            long v = (high << 32) | bits(32);
            return (v << (64 - n)) >> (64 - n);
        }
        long v = bits(n);
        return (v << (64 - n)) >> (64 - n);
    }

    /** Counts zero bits up to and including the next one bit; fails past {@code limit} zeros. */
    long unary(long limit) {
        long zeros = 0;
        while (true) {
            if (avail == 0) {
                pull();
            }
            if (cache == 0) {
                zeros += avail;
                avail = 0;
                if (zeros > limit) {
                    throw error("a Rice code runs on past " + limit + " zero bits");
                }
                continue;
            }
            int lead = Long.numberOfLeadingZeros(cache) - (64 - avail);
            zeros += lead;
            avail -= lead + 1;
            cache &= (1L << avail) - 1;
            if (zeros > limit) {
                throw error("a Rice code runs on past " + limit + " zero bits");
            }
            return zeros;
        }
    }

    /** One whole byte, or -1 at the end of the input; only when byte aligned. */
    int byteOrEnd() {
        int b = read();
        if (b >= 0) {
            consumed(b);
        }
        return b;
    }

    /** Skips {@code n} bytes by reading them (a forged length meets the real end of the input). */
    void skip(long n, String what) {
        long done = 0;
        while (done < n) {
            if (next == limit && !fill()) {
                throw error(what + " declares " + n + " bytes but the file ends after " + done + " (truncated file)");
            }
            int got = (int) Math.min(limit - next, n - done);
            next += got;
            done += got;
            position += got;
        }
    }

    AudioFormatException error(String what) {
        return new AudioFormatException(name + ": " + what + " (FLAC, byte offset " + position + ")");
    }

    private void pull() {
        int b = read();
        if (b < 0) {
            throw error("the stream ends inside a FLAC header or frame (truncated file)");
        }
        consumed(b);
        cache = (cache << 8) | b;
        avail += 8;
    }

    private void consumed(int b) {
        position++;
        crc8 = CRC8[(crc8 ^ b) & 0xFF];
        crc16 = ((crc16 << 8) ^ CRC16[((crc16 >>> 8) ^ b) & 0xFF]) & 0xFFFF;
    }

    private int read() {
        if (next == limit && !fill()) {
            return -1;
        }
        return buffer[next++] & 0xFF;
    }

    private boolean fill() {
        try {
            int got = in.read(buffer, 0, buffer.length);
            next = 0;
            limit = Math.max(got, 0);
            return got > 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    private static final int[] CRC8 = table(0x07, 8);
    private static final int[] CRC16 = table(0x8005, 16);

    /** MSB-first CRC table for a polynomial of {@code width} bits (FLAC: CRC-8 0x07, CRC-16 0x8005, init 0). */
    private static int[] table(int poly, int width) {
        int top = 1 << (width - 1);
        int mask = (1 << width) - 1;
        int[] t = new int[256];
        for (int i = 0; i < 256; i++) {
            int c = i << (width - 8);
            for (int k = 0; k < 8; k++) {
                c = (c & top) != 0 ? (c << 1) ^ poly : c << 1;
            }
            t[i] = c & mask;
        }
        return t;
    }
}
