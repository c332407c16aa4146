package io.github.asr4j.kernels.cpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * F16 weights re-encoded for the scaled few-row kernels ({@code F16Weights.Simd}), so that their decode gives
 * only normal floats. The kernels decode a half by a shift and a mask, which places a subnormal half (|w| below
 * 2⁻¹⁴; 0.13 % of the card decoder's weights, in 44 % of its rows) on a subnormal float, and on Intel cores an
 * FMA with a subnormal operand takes a microcode assist: measured on the Xeon VM (2 threads, weights cycled from
 * DRAM), fc1 with 5 input rows took 857 µs with the subnormal halves kept and 401 µs with them set to zero, 16
 * rows 2,609 vs 785 µs, one row 365 vs 301 µs (AMD's Zen 5 showed no such cost: its kernels ran at 150-190
 * GFLOP/s with the same weights).
 *
 * <p>Here each half keeps its sign and 10-bit mantissa, and its exponent is rebased so that a true exponent of
 * -24 (the smallest subnormal) becomes 1: a subnormal half is written normalized. The kernels' decode then gives
 * {@code w · 2⁻¹⁰²}, a normal float for every finite half of magnitude below 2⁷, and their inputs are scaled by
 * {@link #SCALE} instead of 2¹¹²: each product {@code x·2¹⁰² · w·2⁻¹⁰²} equals {@code x·w} exactly, so every FMA
 * rounds as before and each sum keeps its bits. Matrices outside that range, with an infinity or NaN, or with
 * rows the kernels end with a scalar tail (those decode the halves as IEEE) are left as they are, and so is
 * every matrix on a machine whose FMA takes subnormals at full speed ({@link #wanted}).
 *
 * <p>Once a matrix has its copy, every kernel of it reads the copy (the unscaled ones and the widening multiply
 * the decode by {@link #SCALE} instead of 2¹¹², which gives each weight's float exactly), so a mapped file's pages
 * of the matrix are unloaded as it is copied: the copy takes their place in the resident set instead of adding to it.
 */
final class F16Normals {
    /** The inputs' scale for re-encoded rows: 2¹⁰², as 2¹¹² for the IEEE halves. */
    static final float SCALE = 0x1p102f;
    /** {@code true} or {@code false} forces the copies on or off; else {@link SlowSubnormals} decides. */
    static final String PROPERTY = "asr4j.f16.normals";

    private F16Normals() {
    }

    /**
     * Whether matrices are copied here: where a subnormal operand slows this machine's FMA (a start-up
     * measurement, {@link SlowSubnormals}), unless {@link #PROPERTY} says otherwise. On a core without the
     * assist (AMD's Zen 5 ran these kernels at 150-190 GFLOP/s with subnormal halves) a copy gains nothing
     * and costs its memory.
     */
    static boolean wanted() {
        return slowSubnormalsUnlessForced(PROPERTY);
    }

    /** {@code true} or {@code false} forces {@link #subnormalRowsApart} on or off; else {@link SlowSubnormals} decides. */
    static final String ROWS_APART_PROPERTY = "asr4j.f16.subnormalRowsApart";

    /**
     * Whether the sixteen-row F16 kernel takes a matrix's rows holding a subnormal half apart, where the matrix kept
     * its halves (no copy): where a subnormal operand slows this machine's FMA, unless {@link #ROWS_APART_PROPERTY}
     * says otherwise.
     */
    static boolean subnormalRowsApart() {
        return slowSubnormalsUnlessForced(ROWS_APART_PROPERTY);
    }

    /**
     * The system property {@code property} as a boolean where it is set; else whether this machine's FMA is slow
     * on a subnormal operand ({@link SlowSubnormals}).
     */
    private static boolean slowSubnormalsUnlessForced(String property) {
        String forced = System.getProperty(property);
        return forced != null ? Boolean.parseBoolean(forced) : SlowSubnormals.SLOW;
    }

    /**
     * Times a chain of scalar FMAs with a normal and with a subnormal operand (best of five, ~2 ms once):
     * measured here 12.8 vs 60 ns per FMA (interpreted; ratio 4.5 in three JVMs), i.e. ~150 cycles of assist.
     * Slow where the subnormal chain takes over twice as long.
     */
    private static final class SlowSubnormals {
        static final boolean SLOW = measure();
        private static float sink;

        static boolean measure() {
            long normal = Long.MAX_VALUE;
            long subnormal = Long.MAX_VALUE;
            for (int round = 0; round < 5; round++) {
                normal = Math.min(normal, chain(0x1p-120f));
                subnormal = Math.min(subnormal, chain(0x1.8p-130f));
            }
            return subnormal > 2 * normal;
        }

        private static long chain(float w) {
            float acc = 0f;
            long t0 = System.nanoTime();
            for (int i = 0; i < 4000; i++) {
                acc = Math.fma(1.5f, w, acc);
            }
            long t = System.nanoTime() - t0;
            sink += acc;
            return t;
        }
    }

    /**
     * Fewest subnormal halves, as a fraction of all, that make a copy pay: the copy is anonymous memory on 4 KB
     * pages, where the model's file mapping came on 2 MB pages here, and the card's logits matrix (51865 x 768,
     * 0.012 % subnormal) read by the one-row kernel at 28-31 GB/s from the file and 19-23 GB/s from a copy
     * (greedy step +1.1 ms); its layers (0.13-0.34 %) gained in every product. A bound between the two.
     */
    static final long MIN_SUBNORMAL_SHARE = 2048;

    /**
     * The {@code halves} halves from {@code data} re-encoded (a new segment, 64-byte aligned), or null where one
     * of them cannot be ({@link #code}) or fewer than one in {@link #MIN_SUBNORMAL_SHARE} is subnormal. A mapped
     * {@code data}'s pages are unloaded as they are copied: the caller reads only the copy from then on.
     */
    static MemorySegment recode(MemorySegment data, long halves) {
        long subnormals = 0;
        for (long i = 0; i < halves; i++) {
            if (F16Weights.subnormal(data.get(WeightMatrix.I16_LE, 2 * i))) {
                subnormals++;
            }
        }
        if (subnormals * MIN_SUBNORMAL_SHARE < halves) {
            return null;
        }
        MemorySegment out = Arena.ofAuto().allocate(2 * halves, 64);
        long first = innerPageStart(data.address(), 0); // bytes of data before its first whole page
        long unloaded = first; // bytes of data before the next page to unload
        long end = innerPageEnd(data.address(), 2 * halves);
        if (data.isMapped() && end > first) {
            NoHugePages.advise(data.asSlice(first, end - first)); // before any unload: see PAGE
        }
        for (long from = 0; from < halves; from += UNLOAD_HALVES) {
            long to = Math.min(halves, from + UNLOAD_HALVES);
            for (long i = from; i < to; i++) {
                int code = code(data.get(WeightMatrix.I16_LE, 2 * i));
                if (code < 0) {
                    return null; // the halves stay in use: pages unloaded so far come back from the file
                }
                out.set(WeightMatrix.I16_LE, 2 * i, (short) code);
            }
            long copied = innerPageEnd(data.address(), 2 * to); // whole pages copied so far (to <= halves)
            if (data.isMapped() && copied > unloaded) {
                // from the first page each time: a read past the pages unloaded so far maps the whole 2 MB
                // folio around it back (on 4 KB entries once advised), the unloaded pages before it with it
                data.asSlice(first, copied - first).unload();
                unloaded = copied;
            }
        }
        return out;
    }

    /**
     * Pages unloaded are whole pages of the matrix only. A page it shares with the tensor before or after it stays
     * mapped: unloading it would unmap that neighbour's page too, and when the neighbour is next read (the cross
     * attention's key and value projections, read once a window, lie between re-encoded matrices) Linux maps
     * back the whole page-cache folio around it (2 MB here), the unloaded pages of this matrix with it: +16 MB of
     * the card's file in the resident set from the second window on. Nor is that enough where the file is mapped
     * on 2 MB folios: unloading part of one drops its whole 2 MB mapping, and the neighbour's next read maps it
     * back whole (+16 MB of the card's file from the first window on). So the whole pages are first advised
     * {@link NoHugePages} (where it can be done): their own mapping, whose ends keep the neighbours on 4 KB pages.
     */
    static final long PAGE = 4096;

    /** Offset in a segment at {@code address} of its first page boundary at or after {@code offset}. */
    static long innerPageStart(long address, long offset) {
        return Math.ceilDiv(address + offset, PAGE) * PAGE - address;
    }

    /** Offset in a segment at {@code address} of its last page boundary at or before {@code offset}. */
    static long innerPageEnd(long address, long offset) {
        return Math.floorDiv(address + offset, PAGE) * PAGE - address;
    }

    /**
     * Halves copied between unloads of a mapped source's pages (1 MB): a matrix's copy then replaces its pages in
     * the resident set as it is made, rather than both being resident at the end (4.5 MB for the card's fc1).
     */
    private static final long UNLOAD_HALVES = 1 << 19;

    /**
     * Half {@code h} with its exponent rebased (true exponent + 25 in the 5 bits; zero stays zero), or -1 for an
     * infinity, a NaN or a magnitude of 2⁷ or more.
     */
    static int code(short h) {
        int sign = h & 0x8000;
        int e = (h >>> 10) & 0x1F;
        int m = h & 0x3FF;
        if (e == 0) {
            if (m == 0) {
                return sign;
            }
            int p = 31 - Integer.numberOfLeadingZeros(m); // m = 2^p + rest: true exponent p - 24
            return sign | (p + 1) << 10 | (m - (1 << p)) << (10 - p);
        }
        int rebased = e + 10; // true exponent e - 15
        return rebased > 0x1F ? -1 : sign | rebased << 10 | m;
    }
}
