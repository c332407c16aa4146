package io.github.asr4j.kernels;

import java.util.Objects;
import java.util.ServiceLoader;

/**
 * {@link Reductions} in plain Java: the reference the vector implementation matches bit for bit.
 *
 * <p>e^x is the Vector kernels' double exp written per element: Cody-Waite reduction
 * {@code x = n·ln2 + r}, a Taylor polynomial to {@code r^13} by fused multiply-adds, {@code 2^n}
 * put into the exponent bits. Each step is one correctly rounded IEEE operation, so SIMD lanes,
 * the interpreter and compiled code all give these bits ({@link Math#exp} may differ between
 * them and between machines). Below -708 it gives 0 (the true value is below 4e-308).
 */
final class PlainReductions implements Reductions {
    static final PlainReductions INSTANCE = new PlainReductions();

    /** Partial sums of {@link #logSumExp}: element {@code from + k} goes to sum {@code k % SUMS}. */
    static final int SUMS = 8;

    private static final double LOG2E = 1.4426950408889634;
    private static final double LN2_HI = 0.6931471803691238;    // ln2 split so n·LN2_HI is exact for |n| < 2^20
    private static final double LN2_LO = 1.9082149292705877e-10;
    private static final double ROUND = 6755399441055744.0;     // 1.5·2^52: adding it rounds to an integer
    private static final double MIN = -708.0;
    private static final double MAX = 709.0;

    private PlainReductions() {}

    /** The lookup of {@link Reductions#best()}, run when it is first called. */
    static final class Best {
        static final Reductions INSTANCE = ServiceLoader.load(Reductions.class, Reductions.class.getClassLoader())
                .findFirst().orElse(PlainReductions.INSTANCE);

        private Best() {}
    }

    @Override
    public float max(float[] x, int from, int to) {
        Objects.checkFromToIndex(from, to, x.length);
        float max = Float.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            max = Math.max(max, x[i]);
        }
        return max;
    }

    @Override
    public int argmax(float[] x, int from, int to) {
        Objects.checkFromToIndex(from, to, x.length);
        if (from == to) {
            throw new IllegalArgumentException("argmax of an empty range");
        }
        int best = from;
        for (int i = from + 1; i < to; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public int firstAbove(float[] x, int from, int to, float threshold) {
        Objects.checkFromToIndex(from, to, x.length);
        int i = from;
        while (i < to && !(x[i] > threshold)) {
            i++;
        }
        return i;
    }

    @Override
    public double logSumExp(float[] x, int from, int to) {
        double max = max(x, from, to);
        if (max == Double.NEGATIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        // Double: a float sum of 152k terms would lose ~1e-4 relative, more than the decoders may.
        // Eight sums in a fixed assignment (a SIMD register of doubles or two) make the order fixed
        // and the same for every vector width.
        double[] sums = new double[SUMS];
        for (int i = from; i < to; i++) {
            sums[(i - from) % SUMS] += exp(x[i] - max);
        }
        return max + StrictMath.log(total(sums));
    }

    /** The partial sums added pairwise in the order every implementation uses. */
    static double total(double[] s) {
        return ((s[0] + s[4]) + (s[2] + s[6])) + ((s[1] + s[5]) + (s[3] + s[7]));
    }

    /** e^x; 0 below -708, +inf above 709, NaN for NaN. */
    static double exp(double x) {
        double c = Math.min(Math.max(x, MIN), MAX);
        double n = Math.fma(c, LOG2E, ROUND) - ROUND;
        double r = Math.fma(n, -LN2_HI, c);
        r = Math.fma(n, -LN2_LO, r);
        // e^r for |r| <= 0.347: Taylor to r^13 (truncation ~2e-17 relative)
        double p = Math.fma(r, 1.0 / 6227020800.0, 1.0 / 479001600.0);
        p = Math.fma(p, r, 1.0 / 39916800.0);
        p = Math.fma(p, r, 1.0 / 3628800.0);
        p = Math.fma(p, r, 1.0 / 362880.0);
        p = Math.fma(p, r, 1.0 / 40320.0);
        p = Math.fma(p, r, 1.0 / 5040.0);
        p = Math.fma(p, r, 1.0 / 720.0);
        p = Math.fma(p, r, 1.0 / 120.0);
        p = Math.fma(p, r, 1.0 / 24.0);
        p = Math.fma(p, r, 1.0 / 6.0);
        p = Math.fma(p, r, 0.5);
        p = Math.fma(p, r, 1.0);
        p = Math.fma(p, r, 1.0);
        double result = p * Double.longBitsToDouble(((long) n + 1023) << 52);
        return x < MIN ? 0.0 : x > MAX ? Double.POSITIVE_INFINITY : result;
    }
}
