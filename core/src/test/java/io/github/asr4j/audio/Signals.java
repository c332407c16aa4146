package io.github.asr4j.audio;

/** Small signal measures for tests. */
final class Signals {
    private Signals() {}

    /** Equal length and bit-identical values (AssertJ's containsExactly is too slow for 10^5 floats). */
    static void assertSameSamples(float[] actual, float[] expected) {
        org.assertj.core.api.Assertions.assertThat(actual).hasSameSizeAs(expected);
        int i = java.util.Arrays.mismatch(actual, expected);
        org.assertj.core.api.Assertions.assertThat(i)
                .as(() -> "first differing sample " + i + ": " + actual[i] + " vs " + expected[i])
                .isEqualTo(-1);
    }

    static double rms(float[] x) {
        double s = 0;
        for (float v : x) {
            s += (double) v * v;
        }
        return Math.sqrt(s / x.length);
    }

    /** Pearson correlation of two equally long signals. */
    static double correlation(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(a.length + " vs " + b.length);
        }
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            double x = a[i] - ma, y = b[i] - mb;
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }
        return ab / Math.sqrt(aa * bb);
    }

    /** 10 log10(|reference|^2 / |x - reference|^2). */
    static double snrDb(float[] x, float[] reference) {
        double signal = 0, noise = 0;
        for (int i = 0; i < x.length; i++) {
            signal += (double) reference[i] * reference[i];
            double d = x[i] - reference[i];
            noise += d * d;
        }
        return 10 * Math.log10(signal / noise);
    }

    /** The g minimising |a - g b|^2. */
    static double leastSquaresGain(float[] a, float[] b) {
        double ab = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (double) a[i] * b[i];
            bb += (double) b[i] * b[i];
        }
        return ab / bb;
    }

    /**
     * Amplitude of the frequency-f component of x[from, to), by correlation with a complex
     * exponential under a Hann window (so a strong tone elsewhere does not leak into the result).
     */
    static double amplitudeAt(float[] x, double f, double rate, int from, int to) {
        double c = 0, s = 0, weight = 0;
        int n = to - from;
        for (int i = from; i < to; i++) {
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i - from + 0.5) / n);
            double ph = 2 * Math.PI * f * i / rate;
            c += w * x[i] * Math.cos(ph);
            s += w * x[i] * Math.sin(ph);
            weight += w;
        }
        return 2 * Math.hypot(c, s) / weight;
    }

    static float[] sine(double f, double rate, int n, double amplitude) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * f * i / rate));
        }
        return x;
    }
}
