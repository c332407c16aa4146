import jdk.incubator.vector.*;
import java.util.*;

/**
 * xl3 side probe: one thread's streaming read rate (4 accumulators of 512-bit short loads, as the ceilings' loop) over
 * 192 arrays of 2.3 MB (a cross cache's K and V, cycled) vs one array of the same 442 MB, vs the same many arrays
 * allocated after each other with no other allocation between. GB/s per pass, median of rounds.
 */
public class StreamShape {
    static final VectorSpecies<Short> S = ShortVector.SPECIES_512;

    static long sum(short[] a, int from, int to) {
        ShortVector s0 = ShortVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int step = 4 * S.length();
        for (int i = from; i + step <= to; i += step) {
            s0 = s0.add(ShortVector.fromArray(S, a, i));
            s1 = s1.add(ShortVector.fromArray(S, a, i + S.length()));
            s2 = s2.add(ShortVector.fromArray(S, a, i + 2 * S.length()));
            s3 = s3.add(ShortVector.fromArray(S, a, i + 3 * S.length()));
        }
        return s0.add(s1).add(s2).add(s3).reduceLanes(VectorOperators.ADD);
    }

    /** One scalar load per 64-byte line, one running sum (touchChunk's pattern). */
    static long touch(short[] a, int from, int to) {
        int sum = 0;
        for (int i = from; i < to; i += 32) sum += a[i];
        return sum;
    }

    /** One scalar load per line, four lines per iteration into four sums. */
    static long touch4(short[] a, int from, int to) {
        int s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = from;
        for (; i + 96 < to; i += 128) {
            s0 += a[i];
            s1 += a[i + 32];
            s2 += a[i + 64];
            s3 += a[i + 96];
        }
        for (; i < to; i += 32) s0 += a[i];
        return s0 + s1 + s2 + s3;
    }

    /** One 512-bit load per line into one accumulator. */
    static long or1(short[] a, int from, int to) {
        ShortVector acc = ShortVector.zero(S);
        for (int i = from; i + S.length() <= to; i += S.length()) acc = acc.or(ShortVector.fromArray(S, a, i));
        return acc.reduceLanes(VectorOperators.OR);
    }

    /** touchChunk's loop: a key line and a value line per iteration, one running sum. */
    static long touchKv(short[] k, short[] v, int from, int to) {
        int sum = 0;
        for (int i = from; i < to; i += 32) sum += k[i] + v[i];
        return sum;
    }

    /** As touchKv, two key and two value lines per iteration into four sums. */
    static long touchKv4(short[] k, short[] v, int from, int to) {
        int s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = from;
        for (; i + 32 < to; i += 64) {
            s0 += k[i];
            s1 += v[i];
            s2 += k[i + 32];
            s3 += v[i + 32];
        }
        for (; i < to; i += 32) s0 += k[i] + v[i];
        return s0 + s1 + s2 + s3;
    }

    /** RowParts.touch's loop: one long per line from a memory segment, one running XOR. */
    static long segTouch(java.lang.foreign.MemorySegment m, long from, long to) {
        long x = 0;
        for (long b = from; b <= to - 8; b += 64) x ^= m.get(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, b);
        return x;
    }

    /** As segTouch, four lines per iteration into four XORs. */
    static long segTouch4(java.lang.foreign.MemorySegment m, long from, long to) {
        long x0 = 0, x1 = 0, x2 = 0, x3 = 0;
        long b = from;
        for (; b + 192 <= to - 8; b += 256) {
            x0 ^= m.get(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, b);
            x1 ^= m.get(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, b + 64);
            x2 ^= m.get(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, b + 128);
            x3 ^= m.get(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, b + 192);
        }
        for (; b <= to - 8; b += 64) x0 ^= m.get(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, b);
        return x0 ^ x1 ^ x2 ^ x3;
    }

    static long read(String how, short[] a, int from, int to) {
        return switch (how) {
            case "touch" -> touch(a, from, to);
            case "touch4" -> touch4(a, from, to);
            case "or1" -> or1(a, from, to);
            default -> sum(a, from, to);
        };
    }

    public static void main(String[] args) {
        String arm = args[0], how = args.length > 1 ? args[1] : "sum4";
        int n = 1500 * 768, count = 192, rounds = 9;
        short[][] many = null;
        short[] big = null;
        if (arm.equals("seg")) {
        } else if (arm.equals("big")) {
            big = new short[n * count];
            for (int i = 0; i < big.length; i += 2048) big[i] = 1;
        } else {
            many = new short[count][];
            for (int c = 0; c < count; c++) {
                many[c] = new short[n];
                for (int i = 0; i < n; i += 2048) many[c][i] = 1;
            }
        }
        long sink = 0;
        java.lang.foreign.MemorySegment seg = null;
        if (arm.equals("seg")) {
            seg = java.lang.foreign.Arena.ofAuto().allocate(2L * n * count, 4096);
            for (long i = 0; i < seg.byteSize(); i += 4096) seg.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) 1);
        }
        double[] gbs = new double[rounds];
        for (int r = -2; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (int c = 0; c < count; c++) {
                if (seg != null) {
                    long f = 2L * n * c, t = 2L * n * (c + 1);
                    sink += how.equals("seg4") ? segTouch4(seg, f, t) : segTouch(seg, f, t);
                    continue;
                }
                if (how.startsWith("kv")) {
                    sink += how.equals("kv") ? touchKv(many[c], many[c + 1], 0, n) : touchKv4(many[c], many[c + 1], 0, n);
                    c++;
                    continue;
                }
                sink += big != null ? read(how, big, c * n, (c + 1) * n) : read(how, many[c], 0, n);
            }
            long t1 = System.nanoTime();
            if (r >= 0) gbs[r] = 2.0 * n * count / (t1 - t0);
        }
        Arrays.sort(gbs);
        System.out.printf(Locale.ROOT, "%s %s: %.1f GB/s (min %.1f max %.1f) %d%n", arm, how, gbs[rounds / 2], gbs[0], gbs[rounds - 1], sink & 1);
    }
}
