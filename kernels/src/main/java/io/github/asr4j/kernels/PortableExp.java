package io.github.asr4j.kernels;

/**
 * e^x in double with the same bits on every machine, JIT tier and SIMD lane: the Vector kernels'
 * double exp written per element. Cody-Waite reduction {@code x = n·ln2 + r}, a Taylor polynomial to
 * {@code r^13} by fused multiply-adds, {@code 2^n} put into the exponent bits. Each step is one
 * correctly rounded IEEE operation ({@link Math#exp} is an intrinsic whose bits may differ between
 * machines and tiers). Relative error below 3e-16.
 */
public final class PortableExp {
    /** The lowest argument with a non-zero result (the true value below it is under 4e-308). */
    public static final double MIN = -708.0;
    /** The highest argument with a finite result. */
    public static final double MAX = 709.0;
    private static final double LOG2E = 1.4426950408889634;
    private static final double LN2_HI = 0.6931471803691238;    // ln2 split so n·LN2_HI is exact for |n| < 2^20
    private static final double LN2_LO = 1.9082149292705877e-10;
    private static final double ROUND = 6755399441055744.0;     // 1.5·2^52: adding it rounds to an integer

    private PortableExp() {}

    /** e^x; 0 below -708, +inf above 709, NaN for NaN. */
    public static double exp(double x) {
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
