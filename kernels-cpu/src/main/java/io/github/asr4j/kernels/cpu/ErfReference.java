package io.github.asr4j.kernels.cpu;

/**
 * Slow, double-precision-accurate erfc, used once to fit {@link Gelu}'s approximation and by
 * tests as the reference. Relative error below about 1e-14 for all {@code z ≥ 0}.
 */
final class ErfReference {
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    static final double ONE_OVER_SQRT_PI = 0.5641895835477563;

    private ErfReference() {}

    /**
     * {@code exp(z²)·erfc(z)} for {@code z ≥ 0} (the scaled complementary error function).
     * Below 2 it comes from the all-positive series {@code erf(z) = 2/√π·e^{-z²}·Σ 2ⁿz^{2n+1}/(2n+1)!!},
     * which has no cancellation; from 2 on from the continued fraction of erfc, evaluated
     * by the modified Lentz method.
     */
    static double scaledErfc(double z) {
        if (z < 0) {
            throw new IllegalArgumentException("z must be >= 0: " + z);
        }
        if (z < 2) {
            return Math.exp(z * z) * (1 - erf(z));
        }
        // erfc(z) = e^{-z²}/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + 2/(z + ...)))))
        double tiny = 1e-300;
        double f = z;
        double c = z;
        double d = 0;
        for (int n = 1; n < 500; n++) {
            double a = n / 2.0;
            d = z + a * d;
            d = d == 0 ? tiny : d;
            c = z + a / c;
            c = c == 0 ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-17) {
                break;
            }
        }
        return ONE_OVER_SQRT_PI / f;
    }

    /** erf(z) for {@code 0 ≤ z < 6}, by the positive series. */
    static double erf(double z) {
        double term = z;
        double sum = z;
        double z2 = 2 * z * z;
        for (int n = 1; n < 1000; n++) {
            term *= z2 / (2 * n + 1);
            sum += term;
            if (term < sum * 1e-18) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * Math.exp(-z * z) * sum;
    }

    /** erfc(z) for z ≥ 0. */
    static double erfc(double z) {
        return Math.exp(-z * z) * scaledErfc(z);
    }

    /** The exact GELU {@code x·Φ(x)}, in double. */
    static double gelu(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double halfErfc = 0.5 * erfc(z);
        return x * (x >= 0 ? 1 - halfErfc : halfErfc);
    }
}
