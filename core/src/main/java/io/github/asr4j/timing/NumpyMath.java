package io.github.asr4j.timing;

import java.util.Arrays;

/** The few numpy reductions whose exact rounding the timings depend on. */
final class NumpyMath {
    private NumpyMath() {}

    /** {@code np.mean(a[from:to])}: numpy's pairwise sum divided by the count; NaN when empty. */
    static double mean(double[] a, int from, int to) {
        int n = to - from;
        if (n <= 0) return Double.NaN;
        return pairwiseSum(a, from, n) / n;
    }

    /** numpy's {@code pairwise_sum}: 8 accumulators for blocks up to 128, halves above. */
    static double pairwiseSum(double[] a, int from, int n) {
        if (n < 8) {
            double s = 0.0;
            for (int i = 0; i < n; i++) s += a[from + i];
            return s;
        }
        if (n <= 128) {
            double[] r = new double[8];
            for (int k = 0; k < 8; k++) r[k] = a[from + k];
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                for (int k = 0; k < 8; k++) r[k] += a[from + i + k];
            }
            double s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) s += a[from + i];
            return s;
        }
        int half = n / 2;
        half -= half % 8;
        return pairwiseSum(a, from, half) + pairwiseSum(a, from + half, n - half);
    }

    /** {@code np.median}: NaN if any value is NaN, else the middle value or the mean of the two middle ones. */
    static double median(double[] values) {
        if (values.length == 0) return Double.NaN;
        double[] sorted = values.clone();
        for (double v : sorted) {
            if (Double.isNaN(v)) return Double.NaN;
        }
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        if (sorted.length % 2 == 1) return sorted[mid];
        return (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
