package io.github.asr4j.audio;

/**
 * Band-limited sample-rate conversion by a rational ratio, with a Kaiser-windowed sinc filter
 * evaluated as a polyphase bank (one set of taps per output phase, computed once).
 *
 * <p>Filter: flat up to {@value #PASSBAND} of the lower Nyquist frequency and designed for
 * {@value #STOPBAND_ATTENUATION_DB} dB of attenuation from the lower Nyquist frequency on
 * (ResamplerTest measures a pass-band error of at most 1.1e-4 dB and a stop band of -98.7 dB or lower), so nothing above the new Nyquist aliases into the
 * output when downsampling and no image survives when upsampling. Each phase is normalised to
 * unit DC gain.
 *
 * <p>Length rule: {@code n} input samples give {@code round(n * outRate / inRate)} output samples
 * (halves round up), output sample {@code k} sitting at input time {@code k * inRate / outRate}.
 * Samples beyond either end of the input count as zero. Equal rates return a copy of the input.
 *
 * <p>Instances are immutable and thread-safe; reuse one per rate pair to keep its taps.
 */
public final class Resampler {
    /** The pass band edge as a fraction of the lower of the two Nyquist frequencies. */
    public static final double PASSBAND = 0.90;
    /** Kaiser design target for the stop band, in dB. */
    public static final double STOPBAND_ATTENUATION_DB = 90;
    /** The polyphase table is phases x taps floats; ratios needing more are refused. */
    private static final long MAX_TABLE = 1L << 24;

    private final int inRate;
    private final int outRate;
    private final int up;   // L: output phases per input sample step
    private final int down; // M
    final int firstTap; // offset of the first tap relative to floor(t)
    private final int taps;     // taps per phase
    private final float[] table; // [up][taps], row-major

    public Resampler(int inRate, int outRate) {
        if (inRate <= 0 || outRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + inRate + " -> " + outRate);
        }
        this.inRate = inRate;
        this.outRate = outRate;
        int g = gcd(inRate, outRate);
        this.up = outRate / g;
        this.down = inRate / g;
        if (inRate == outRate) {
            firstTap = 0;
            taps = 0;
            table = new float[0];
            return;
        }
        double nyquist = Math.min(inRate, outRate) / 2.0;
        double pass = PASSBAND * nyquist;
        double cutoff = (pass + nyquist) / 2 / inRate;       // cycles per input sample
        double transition = (nyquist - pass) / inRate;       // cycles per input sample
        double a = STOPBAND_ATTENUATION_DB;
        double beta = 0.1102 * (a - 8.7);
        double halfWidth = (a - 7.95) / (2.285 * 2 * Math.PI * transition) / 2; // input samples
        int reach = (int) Math.ceil(halfWidth);
        this.firstTap = -reach;
        this.taps = 2 * reach + 1; // input offsets -reach..reach cover |tau| <= halfWidth for every phase
        if ((long) up * taps > MAX_TABLE) {
            throw new IllegalArgumentException("resampling " + inRate + " Hz to " + outRate + " Hz needs "
                    + up + " filter phases; rates with so large a reduced ratio are not supported");
        }
        this.table = new float[up * taps];
        double i0Beta = besselI0(beta);
        double[] row = new double[taps];
        for (int p = 0; p < up; p++) {
            double frac = p / (double) up; // t - floor(t)
            double sum = 0;
            for (int j = 0; j < taps; j++) {
                double tau = frac - (firstTap + j); // distance from the output time to input sample
                double r = tau / halfWidth;
                double w = Math.abs(r) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta;
                row[j] = 2 * cutoff * sinc(2 * cutoff * tau) * w;
                sum += row[j];
            }
            for (int j = 0; j < taps; j++) {
                table[p * taps + j] = (float) (row[j] / sum);
            }
        }
    }

    /** Converts {@code samples} at {@code inRate} to {@code outRate}. */
    public static float[] resample(float[] samples, int inRate, int outRate) {
        return new Resampler(inRate, outRate).apply(samples);
    }

    /** Number of output samples for {@code n} input samples: round(n * outRate / inRate). */
    public long outputLength(long n) {
        return Math.addExact(Math.multiplyExact(n, up), down / 2) / down;
    }

    public float[] apply(float[] x) {
        if (inRate == outRate) {
            return x.clone();
        }
        long outLen = outputLength(x.length);
        if (outLen > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("resampled audio too long for one array: " + outLen + " samples");
        }
        float[] y = new float[(int) outLen];
        int n = x.length;
        int base = 0;  // floor(k * down / up)
        int phase = 0; // (k * down) mod up
        int baseStep = down / up;
        int phaseStep = down % up;
        for (int k = 0; k < y.length; k++) {
            y[k] = output(x, base + firstTap, phase, base + firstTap, n);
            base += baseStep;
            phase += phaseStep;
            if (phase >= up) {
                phase -= up;
                base++;
            }
        }
        return y;
    }

    /**
     * One output sample: the taps of {@code phase} against the input from absolute index
     * {@code absStart} of an input {@code n} samples long, which {@code x} holds from index
     * {@code absStart - start} on. Shared by {@link #apply} and {@link ResamplingStream}, so a
     * stream gives exactly the samples {@code apply} gives.
     */
    float output(float[] x, int start, int phase, long absStart, long n) {
        int off = phase * taps;
        if (absStart >= 0 && absStart + taps <= n) {
            return dot(x, start, table, off, taps);
        }
        float acc = 0;
        for (int j = (int) Math.max(0, -absStart), end = (int) Math.min(taps, n - absStart); j < end; j++) {
            acc += x[start + j] * table[off + j];
        }
        return acc;
    }

    /** The first input index output {@code k} reads (may be negative), with its phase: {base + firstTap, phase}. */
    long[] position(long k) {
        long t = k * down;
        return new long[] {Math.floorDiv(t, up) + firstTap, Math.floorMod(t, up)};
    }

    int up() {
        return up;
    }

    int down() {
        return down;
    }

    int taps() {
        return taps;
    }

    public int inRate() {
        return inRate;
    }

    public int outRate() {
        return outRate;
    }

    /** Taps per output sample (the filter's cost), for benchmarks and reports. */
    public int tapsPerOutput() {
        return taps;
    }

    private static float dot(float[] x, int xo, float[] h, int ho, int n) {
        // Eight independent sums let the CPU overlap the multiply-adds (C2 does not vectorise a
        // float reduction, whose order it must keep).
        float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
        int j = 0;
        for (; j + 7 < n; j += 8) {
            a0 += x[xo + j] * h[ho + j];
            a1 += x[xo + j + 1] * h[ho + j + 1];
            a2 += x[xo + j + 2] * h[ho + j + 2];
            a3 += x[xo + j + 3] * h[ho + j + 3];
            a4 += x[xo + j + 4] * h[ho + j + 4];
            a5 += x[xo + j + 5] * h[ho + j + 5];
            a6 += x[xo + j + 6] * h[ho + j + 6];
            a7 += x[xo + j + 7] * h[ho + j + 7];
        }
        for (; j < n; j++) {
            a0 += x[xo + j] * h[ho + j];
        }
        return ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7));
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    /** Modified Bessel function of the first kind, order 0, by its power series. */
    static double besselI0(double x) {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 500; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
