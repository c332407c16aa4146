package io.github.asr4j.kernels.cpu;

/**
 * The exact GELU {@code x·Φ(x) = x·½·erfc(-x/√2)} via a Chebyshev approximation of the scaled
 * complementary error function {@code Q(z) = e^{z²}·erfc(z)} in the variable {@code t = 2/(2+z)}
 * (smooth over all {@code z ≥ 0}), so that {@code erfc(z) = e^{-z²}·Q(z)} keeps full relative
 * accuracy in the negative tail, where GELU is small.
 *
 * <p>The coefficients are computed once from {@link ErfReference} (a Chebyshev fit, whose relative
 * error is below {@link #FIT_TOLERANCE}) and evaluated by Horner's rule in double.
 */
public final class Gelu {
    /** Relative accuracy targeted for Q (far below float resolution). */
    static final double FIT_TOLERANCE = 1e-11;
    /**
     * The fit's range of |x|/√2. Above it erfc(z) is below 1e-44, but x·½·erfc(z) is still a float subnormal down to
     * x ≈ -14.5 (z ≈ 10.25), and x·½·erfc(Z_MAX) would not vanish for any x: {@link #tailScaledErfc} serves there.
     */
    static final double Z_MAX = 10;
    static final double T_MIN = 2 / (2 + Z_MAX);
    static final double INV_SQRT2 = 0.7071067811865476;

    /** Chebyshev coefficients of Q over s ∈ [-1, 1], s = (2t - 1 - T_MIN)/(1 - T_MIN). */
    static final double[] COEFFS = fit();

    /** The same polynomial in the monomial basis, {@code Q = Σ POLY[k]·s^k}, for Horner evaluation. */
    static final double[] POLY = monomial(COEFFS);

    private Gelu() {}

    /**
     * Converts a Chebyshev series to powers of s (via {@code T_{j+1} = 2s·T_j − T_{j−1}}). For the
     * degree used here the conversion costs under 1e-12 relative accuracy, far below float.
     */
    private static double[] monomial(double[] cheb) {
        int n = cheb.length;
        double[] result = new double[n];
        double[] prev = new double[n];   // T_{j-1}
        double[] cur = new double[n];    // T_j
        prev[0] = 1;
        result[0] += cheb[0];
        if (n > 1) {
            cur[1] = 1;
            result[1] += cheb[1];
        }
        for (int j = 2; j < n; j++) {
            double[] next = new double[n];
            for (int k = 0; k < n; k++) {
                next[k] = (k > 0 ? 2 * cur[k - 1] : 0) - prev[k];
            }
            for (int k = 0; k < n; k++) {
                result[k] += cheb[j] * next[k];
            }
            prev = cur;
            cur = next;
        }
        return result;
    }

    private static double[] fit() {
        int nodes = 80;
        double[] f = new double[nodes];
        for (int k = 0; k < nodes; k++) {
            double s = Math.cos(Math.PI * (k + 0.5) / nodes);
            double t = ((1 - T_MIN) * s + 1 + T_MIN) / 2;
            double z = 2 / t - 2;
            f[k] = ErfReference.scaledErfc(z);
        }
        double[] c = new double[nodes];
        for (int j = 0; j < nodes; j++) {
            double sum = 0;
            for (int k = 0; k < nodes; k++) {
                sum += f[k] * Math.cos(Math.PI * j * (k + 0.5) / nodes);
            }
            c[j] = 2.0 * sum / nodes;
        }
        c[0] /= 2;
        // Q(t) >= Q(z_max) ≈ 0.056; keep terms until the tail drops below the tolerance.
        int degree = nodes - 1;
        double tail = 0;
        while (degree > 0 && tail + Math.abs(c[degree]) < FIT_TOLERANCE * 0.05) {
            tail += Math.abs(c[degree]);
            degree--;
        }
        double[] kept = new double[degree + 1];
        System.arraycopy(c, 0, kept, 0, degree + 1);
        return kept;
    }

    /** {@code e^{z²}·erfc(z)} for {@code 0 ≤ z ≤ Z_MAX}. */
    static double scaledErfc(double z) {
        double t = 2 / (2 + z);
        double s = t * (2 / (1 - T_MIN)) - (1 + T_MIN) / (1 - T_MIN);
        double[] p = POLY;
        double q = p[p.length - 1];
        for (int k = p.length - 2; k >= 0; k--) {
            q = Math.fma(q, s, p[k]);
        }
        return q;
    }

    /**
     * {@code e^{z²}·erfc(z)} for {@code z > Z_MAX} by its asymptotic series {@code 1/(z√π)·(1 − 1/(2z²) + 3/(4z⁴))}
     * (relative error below 15/(8z⁶) ≈ 2e-6 at Z_MAX, where the GELU it feeds is a subnormal of a few bits).
     */
    static double tailScaledErfc(double z) {
        double r = 1 / (z * z);
        return ErfReference.ONE_OVER_SQRT_PI / z * (1 - r * (0.5 - 0.75 * r));
    }

    /**
     * GELU of one value, computed in double. Far in the negative tail it is -0 (where x·Φ(x) is below half the
     * smallest subnormal, and for -∞: the limit), not x times a clamped Φ (which gave -1e30 → -1e-15).
     */
    public static float apply(float x) {
        double xd = x;
        double z = Math.abs(xd) * INV_SQRT2;
        double halfErfc = 0.5 * Math.exp(-z * z) * (z <= Z_MAX ? scaledErfc(z) : tailScaledErfc(z));
        if (halfErfc == 0) {
            return xd >= 0 ? x : -0f; // e^{-z²} underflowed: Φ is 1 or 0 to double precision (and ∞·0 would be NaN)
        }
        return (float) (xd * (xd >= 0 ? 1 - halfErfc : halfErfc));
    }

    /** GELU in place over {@code x[from .. to)}. */
    public static void apply(float[] x, int from, int to) {
        for (int i = from; i < to; i++) {
            x[i] = apply(x[i]);
        }
    }
}
