package io.github.asr4j.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * A forward complex FFT of one fixed length, any length, in double precision: mixed-radix
 * Stockham autosort (natural order in and out, no bit reversal) with dedicated radix-2, 3, 4 and 5
 * butterflies and a plain DFT butterfly for other prime factors. Whisper's n_fft = 400 = 4*4*5*5.
 *
 * <p>Each stage of radix r on sub-transforms of length n with stride s computes, for
 * p < n/r and q < s, y[q + s(rp + u)] = W_n^(pu) * sum_t x[q + s(p + t n/r)] W_r^(tu); after the
 * last stage the spectrum is in natural order.
 *
 * <p>Not thread-safe (it owns scratch buffers); use one per thread.
 */
final class Fft {
    private final int n;
    private final int[] radix;
    /** Per stage: twiddles W_n^(p u) for p < n/r, u = 1..r-1, as [p][(u-1)] re/im pairs. */
    private final double[][] twiddles;
    private final double[] workRe;
    private final double[] workIm;

    Fft(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FFT length must be positive: " + n);
        }
        this.n = n;
        this.radix = factor(n);
        this.twiddles = new double[radix.length][];
        int len = n;
        for (int st = 0; st < radix.length; st++) {
            int r = radix[st];
            int m = len / r;
            double[] tw = new double[m * (r - 1) * 2];
            for (int p = 0; p < m; p++) {
                for (int u = 1; u < r; u++) {
                    double angle = -2 * Math.PI * p * u / len;
                    int i = (p * (r - 1) + u - 1) * 2;
                    tw[i] = Math.cos(angle);
                    tw[i + 1] = Math.sin(angle);
                }
            }
            twiddles[st] = tw;
            len = m;
        }
        this.workRe = new double[n];
        this.workIm = new double[n];
    }

    int size() {
        return n;
    }

    /** Transforms {@code re}/{@code im} (length n) in place: X[k] = sum_j x[j] e^(-2 pi i jk/n). */
    void transform(double[] re, double[] im) {
        double[] xr = re, xi = im, yr = workRe, yi = workIm;
        int len = n;
        int s = 1;
        for (int st = 0; st < radix.length; st++) {
            int r = radix[st];
            int m = len / r;
            double[] tw = twiddles[st];
            switch (r) {
                case 4 -> radix4(xr, xi, yr, yi, m, s, tw);
                case 5 -> radix5(xr, xi, yr, yi, m, s, tw);
                case 2 -> radix2(xr, xi, yr, yi, m, s, tw);
                case 3 -> radix3(xr, xi, yr, yi, m, s, tw);
                default -> generic(xr, xi, yr, yi, m, s, r, tw);
            }
            double[] t = xr; xr = yr; yr = t;
            t = xi; xi = yi; yi = t;
            len = m;
            s *= r;
        }
        if (xr != re) {
            System.arraycopy(xr, 0, re, 0, n);
            System.arraycopy(xi, 0, im, 0, n);
        }
    }

    private static void radix2(double[] xr, double[] xi, double[] yr, double[] yi, int m, int s, double[] tw) {
        for (int p = 0; p < m; p++) {
            double w1r = tw[2 * p], w1i = tw[2 * p + 1];
            for (int q = 0; q < s; q++) {
                int i0 = q + s * p, i1 = i0 + s * m;
                double ar = xr[i0] - xr[i1], ai = xi[i0] - xi[i1];
                int o = q + s * 2 * p;
                yr[o] = xr[i0] + xr[i1];
                yi[o] = xi[i0] + xi[i1];
                yr[o + s] = ar * w1r - ai * w1i;
                yi[o + s] = ar * w1i + ai * w1r;
            }
        }
    }

    private static void radix3(double[] xr, double[] xi, double[] yr, double[] yi, int m, int s, double[] tw) {
        final double c = -0.5, sn = Math.sqrt(0.75);
        for (int p = 0; p < m; p++) {
            int w = p * 4;
            double w1r = tw[w], w1i = tw[w + 1], w2r = tw[w + 2], w2i = tw[w + 3];
            for (int q = 0; q < s; q++) {
                int i0 = q + s * p, i1 = i0 + s * m, i2 = i1 + s * m;
                double sr = xr[i1] + xr[i2], si = xi[i1] + xi[i2];
                double dr = xr[i1] - xr[i2], di = xi[i1] - xi[i2];
                double mr = xr[i0] + c * sr, mi = xi[i0] + c * si;
                // -i * sn * d = sn * (di, -dr)
                double b1r = mr + sn * di, b1i = mi - sn * dr;
                double b2r = mr - sn * di, b2i = mi + sn * dr;
                int o = q + s * 3 * p;
                yr[o] = xr[i0] + sr;
                yi[o] = xi[i0] + si;
                yr[o + s] = b1r * w1r - b1i * w1i;
                yi[o + s] = b1r * w1i + b1i * w1r;
                yr[o + 2 * s] = b2r * w2r - b2i * w2i;
                yi[o + 2 * s] = b2r * w2i + b2i * w2r;
            }
        }
    }

    private static void radix4(double[] xr, double[] xi, double[] yr, double[] yi, int m, int s, double[] tw) {
        for (int p = 0; p < m; p++) {
            int w = p * 6;
            double w1r = tw[w], w1i = tw[w + 1], w2r = tw[w + 2], w2i = tw[w + 3], w3r = tw[w + 4], w3i = tw[w + 5];
            for (int q = 0; q < s; q++) {
                int i0 = q + s * p, i1 = i0 + s * m, i2 = i1 + s * m, i3 = i2 + s * m;
                double t0r = xr[i0] + xr[i2], t0i = xi[i0] + xi[i2];
                double t1r = xr[i0] - xr[i2], t1i = xi[i0] - xi[i2];
                double t2r = xr[i1] + xr[i3], t2i = xi[i1] + xi[i3];
                double t3r = xr[i1] - xr[i3], t3i = xi[i1] - xi[i3];
                // b1 = t1 - i t3, b3 = t1 + i t3
                double b1r = t1r + t3i, b1i = t1i - t3r;
                double b2r = t0r - t2r, b2i = t0i - t2i;
                double b3r = t1r - t3i, b3i = t1i + t3r;
                int o = q + s * 4 * p;
                yr[o] = t0r + t2r;
                yi[o] = t0i + t2i;
                yr[o + s] = b1r * w1r - b1i * w1i;
                yi[o + s] = b1r * w1i + b1i * w1r;
                yr[o + 2 * s] = b2r * w2r - b2i * w2i;
                yi[o + 2 * s] = b2r * w2i + b2i * w2r;
                yr[o + 3 * s] = b3r * w3r - b3i * w3i;
                yi[o + 3 * s] = b3r * w3i + b3i * w3r;
            }
        }
    }

    private static final double C1 = Math.cos(2 * Math.PI / 5), C2 = Math.cos(4 * Math.PI / 5);
    private static final double S1 = Math.sin(2 * Math.PI / 5), S2 = Math.sin(4 * Math.PI / 5);

    private static void radix5(double[] xr, double[] xi, double[] yr, double[] yi, int m, int s, double[] tw) {
        for (int p = 0; p < m; p++) {
            int w = p * 8;
            double w1r = tw[w], w1i = tw[w + 1], w2r = tw[w + 2], w2i = tw[w + 3];
            double w3r = tw[w + 4], w3i = tw[w + 5], w4r = tw[w + 6], w4i = tw[w + 7];
            for (int q = 0; q < s; q++) {
                int i0 = q + s * p, i1 = i0 + s * m, i2 = i1 + s * m, i3 = i2 + s * m, i4 = i3 + s * m;
                double s14r = xr[i1] + xr[i4], s14i = xi[i1] + xi[i4];
                double d14r = xr[i1] - xr[i4], d14i = xi[i1] - xi[i4];
                double s23r = xr[i2] + xr[i3], s23i = xi[i2] + xi[i3];
                double d23r = xr[i2] - xr[i3], d23i = xi[i2] - xi[i3];
                double m1r = xr[i0] + C1 * s14r + C2 * s23r, m1i = xi[i0] + C1 * s14i + C2 * s23i;
                double m2r = xr[i0] + C2 * s14r + C1 * s23r, m2i = xi[i0] + C2 * s14i + C1 * s23i;
                double z1r = S1 * d14r + S2 * d23r, z1i = S1 * d14i + S2 * d23i;
                double z2r = S2 * d14r - S1 * d23r, z2i = S2 * d14i - S1 * d23i;
                // b1 = m1 - i z1, b4 = m1 + i z1, b2 = m2 - i z2, b3 = m2 + i z2; -i z = (z.im, -z.re)
                double b1r = m1r + z1i, b1i = m1i - z1r;
                double b4r = m1r - z1i, b4i = m1i + z1r;
                double b2r = m2r + z2i, b2i = m2i - z2r;
                double b3r = m2r - z2i, b3i = m2i + z2r;
                int o = q + s * 5 * p;
                yr[o] = xr[i0] + s14r + s23r;
                yi[o] = xi[i0] + s14i + s23i;
                yr[o + s] = b1r * w1r - b1i * w1i;
                yi[o + s] = b1r * w1i + b1i * w1r;
                yr[o + 2 * s] = b2r * w2r - b2i * w2i;
                yi[o + 2 * s] = b2r * w2i + b2i * w2r;
                yr[o + 3 * s] = b3r * w3r - b3i * w3i;
                yi[o + 3 * s] = b3r * w3i + b3i * w3r;
                yr[o + 4 * s] = b4r * w4r - b4i * w4i;
                yi[o + 4 * s] = b4r * w4i + b4i * w4r;
            }
        }
    }

    private static void generic(double[] xr, double[] xi, double[] yr, double[] yi, int m, int s, int r, double[] tw) {
        double[] ar = new double[r], ai = new double[r];
        for (int p = 0; p < m; p++) {
            for (int q = 0; q < s; q++) {
                for (int t = 0; t < r; t++) {
                    ar[t] = xr[q + s * (p + t * m)];
                    ai[t] = xi[q + s * (p + t * m)];
                }
                for (int u = 0; u < r; u++) {
                    double br = 0, bi = 0;
                    for (int t = 0; t < r; t++) {
                        double angle = -2 * Math.PI * ((long) t * u % r) / r;
                        double c = Math.cos(angle), sn = Math.sin(angle);
                        br += ar[t] * c - ai[t] * sn;
                        bi += ar[t] * sn + ai[t] * c;
                    }
                    int o = q + s * (r * p + u);
                    if (u == 0) {
                        yr[o] = br;
                        yi[o] = bi;
                    } else {
                        int w = (p * (r - 1) + u - 1) * 2;
                        yr[o] = br * tw[w] - bi * tw[w + 1];
                        yi[o] = br * tw[w + 1] + bi * tw[w];
                    }
                }
            }
        }
    }

    /** Radices whose product is n: fours first, then 2, 3, 5 and any remaining primes. */
    private static int[] factor(int n) {
        List<Integer> out = new ArrayList<>();
        int rest = n;
        while (rest % 4 == 0) {
            out.add(4);
            rest /= 4;
        }
        for (int p = 2; rest > 1; p++) {
            while (rest % p == 0) {
                out.add(p);
                rest /= p;
            }
            if ((long) p * p > rest && rest > 1) {
                out.add(rest);
                rest = 1;
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
