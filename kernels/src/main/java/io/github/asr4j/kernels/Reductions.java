package io.github.asr4j.kernels;

/**
 * Reductions over a range of a host {@code float[]}, such as a logits row a decoder reads once per
 * token: the maximum, the index of the first maximum, the first value above a threshold, and
 * log-sum-exp in double.
 *
 * <p>CONTRACT: every implementation returns the bits {@link #plain()} returns, so a result does not
 * depend on which implementation runs, the vector width, the thread count or the JIT tier. For
 * {@link #logSumExp} that fixes the arithmetic: e^x is evaluated by the operations
 * {@link #plain()} documents, and the terms are summed in eight partial sums in a fixed order.
 *
 * <p>Every method throws {@link IndexOutOfBoundsException} when {@code [from, to)} is not a range
 * of {@code x}.
 */
public interface Reductions {

    /** The largest value of {@code x[from, to)} as {@link Math#max} finds it (NaN if one is NaN); -inf when the range is empty. */
    float max(float[] x, int from, int to);

    /**
     * The lowest index of the largest value in {@code x[from, to)}: what a scan keeping the first
     * index that no later value exceeds ({@code >}) returns, as torch's argmax on CPU (a NaN is
     * never taken unless it comes first, where nothing replaces it).
     *
     * @throws IllegalArgumentException when the range is empty
     */
    int argmax(float[] x, int from, int to);

    /**
     * The first index {@code i} in {@code [from, to)} with {@code x[i] > threshold}, or {@code to}
     * where there is none (a NaN is never above, nor is anything above a NaN threshold): how a
     * top-k scan skips the values that cannot enter its list.
     */
    int firstAbove(float[] x, int from, int to, float threshold);

    /**
     * {@code log Σ e^x[i]} over {@code [from, to)}, the terms shifted by the maximum; -inf when the
     * range is empty or all -inf. The sum is kept in double: its error is at most about
     * {@code n·1.1e-16} relative (the plain bound of a sum of {@code n} terms; ~1e-15 in practice), which
     * is that much absolute on the logarithm. A float sum would lose ~1e-4 over a 152k-token row.
     */
    double logSumExp(float[] x, int from, int to);

    /** The plain-Java implementation, which defines the results. */
    static Reductions plain() {
        return PlainReductions.INSTANCE;
    }

    /**
     * The fastest implementation found through {@link java.util.ServiceLoader} (the CPU module's Vector API
     * one where the JVM has {@code jdk.incubator.vector}), or {@link #plain()} where none is found.
     * The same bits either way; looked up once.
     */
    static Reductions best() {
        return PlainReductions.Best.INSTANCE;
    }
}
