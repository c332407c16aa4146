package io.github.asr4j.kernels.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * How the few-row kernels cut long weight rows into parts ({@link F16PairParts}, {@link Int8Parts}): a run of
 * weight rows passes over one part of the input rows before the next, so the part (five input rows of
 * {@link #PART} floats: 20 KB) stays in L1 for the whole run, where whole rows (five of 3,072 floats: 60 KB,
 * over the 48 KB L1d) came back from L2 for every weight row. Read a part at a time, the weights would come from
 * memory as short pieces of many rows, which the hardware prefetcher follows badly (F16: 16-25 % slower than
 * whole rows from DRAM), so the run's rows are first read once in order ({@link #touch}: one sequential stream
 * into L2) and the parts then take them from L2. The kernels keep each row's accumulators in an array between
 * parts, so every lane's FMAs run in the whole-row kernel's order and each sum keeps its bits.
 */
final class RowParts {
    /**
     * Input floats per part; the last part takes the rest. A multiple of two vectors at any lane count (F16's
     * even/odd vectors) and of two int8 blocks of 32 (int8's even/odd blocks), so parts keep each lane's order.
     */
    static final int PART = 1024;

    /** Where {@link #touch}'s XORs go (never read: it keeps the loads). */
    private static long touched;

    private RowParts() {
    }

    /** Whether rows of {@code len} floats are cut into parts: at least two whole parts. */
    static boolean cuts(int len) {
        return len >= 2 * PART;
    }

    /** Where the part that starts at {@code from} ends: one {@link #PART} on, or {@code len} for the last. */
    static int partEnd(int from, int len) {
        return len - from < 2 * PART ? len : from + PART;
    }

    /** How many parts {@link #partEnd} cuts rows of {@code len} floats into (one where {@link #cuts} says no). */
    static int parts(int len) {
        return Math.max(1, len / PART);
    }

    /**
     * Reads one long of every cache line of {@code bytes} bytes from {@code from}, in order (their XOR is kept
     * so that the loads are): brings a run's weight rows into L2 as one sequential stream.
     */
    static void touch(MemorySegment seg, long from, long bytes) {
        long x = 0;
        long end = from + bytes - Long.BYTES;
        for (long b = from; b <= end; b += 64) {
            x ^= seg.get(ValueLayout.JAVA_LONG_UNALIGNED, b);
        }
        touched ^= x;
    }
}
