package io.github.asr4j.kernels.cpu;

/**
 * The exact GELU {@code x·Φ(x) = x·½·erfc(-x/√2)} via a Chebyshev approximation of the scaled
 * complementary error function {@code Q(z) = e^{z²}·erfc(z)} in the variable {@code t = 2/(2+z)}
 * (smooth over all {@code z ≥ 0}), so that {@code erfc(z) = e^{-z²}·Q(z)} keeps full relative
 * accuracy in the negative tail, where GELU is small.
 *
 * <p>The coefficients are computed once from {@link ErfReference}; the fit's relative error is
 * below {@link #FIT_TOLERANCE}.
 */
public final class Gelu {
    /** Relative accuracy targeted for Q (far below float resolution). */
    static final double FIT_TOLERANCE = 1e-11;
    /** Above this |x|/√2, erfc(z) is below 1e-43 and treated as 0 (GELU is then x or 0 in float). */
    static final double Z_MAX = 10;
    static final double T_MIN = 2 / (2 + Z_MAX);
    static final double INV_SQRT2 = 0.7071067811865476;

    /** Chebyshev coefficients of Q over s ∈ [-1, 1], s = (2t - 1 - T_MIN)/(1 - T_MIN). */
    static final double[] COEFFS = fit();

    private Gelu() {}

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
        double s = (2 * t - 1 - T_MIN) / (1 - T_MIN);
        double twoS = 2 * s;
        double b1 = 0;
        double b2 = 0;
        double[] c = COEFFS;
        for (int j = c.length - 1; j >= 1; j--) {
            double b = Math.fma(twoS, b1, c[j] - b2);
            b2 = b1;
            b1 = b;
        }
        return Math.fma(s, b1, c[0] - b2);
    }

    /** GELU of one value, computed in double. */
    public static float apply(float x) {
        double xd = x;
        double z = Math.min(Math.abs(xd) * INV_SQRT2, Z_MAX);
        double halfErfc = 0.5 * Math.exp(-z * z) * scaledErfc(z);
        return (float) (xd * (xd >= 0 ? 1 - halfErfc : halfErfc));
    }

    /** GELU in place over {@code x[from .. to)}. */
    public static void apply(float[] x, int from, int to) {
        for (int i = from; i < to; i++) {
            x[i] = apply(x[i]);
        }
    }
}
