package io.github.asr4j.kernels;

/**
 * Reductions over a range of a host {@code float[]}, such as a logits row a decoder reads once per
 * token: the maximum, the index of the first maximum, the first value above a threshold, and
 * log-sum-exp in double.
 *
 * <p>CONTRACT: every implementation returns the bits {@link #plain()} returns, so a result does not
 * depend on which implementation runs, the vector width, the thread count or the JIT tier. For
 * {@link #logSumExp} that fixes the arithmetic: e^x is evaluated by the operations
 * {@link #plain()} documents, and the terms are summed in eight partial sums in a fixed order;
 * {@link #sumExp} and {@link #searchSumExp} document their order.
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

    /**
     * {@code Σ w_i} over {@code [from, to)}, {@code w_i = e^((x[i] − max)·scale)} with {@code max} the
     * range's maximum, the subtraction and the product each rounded to double and e^ as
     * {@link PortableExp}: the weights of {@code softmax(x·scale)}, which
     * {@link #searchSumExp} draws from. 0 when the range is empty or all -inf; NaN where {@code max}
     * is NaN or +inf. Meant for {@code scale > 0}, any value has its plain result.
     *
     * <p>The order of the sum, which a draw depends on: the range is cut, from {@code from}, into
     * blocks of {@value #BLOCK} elements, which hold rows of 8; the last block of whole rows may
     * have fewer rows, and each element after the last whole row is a block of its own. In a block,
     * element {@code 8r + k} is added to column sum {@code c_k} (from +0.0, in order of {@code r}),
     * and the block's sum is {@code ((c0+c4)+(c2+c6))+((c1+c5)+(c3+c7))}. The total adds the block
     * sums in order to +0.0.
     */
    double sumExp(float[] x, int from, int to, double scale);

    /**
     * The index where the running sum of {@link #sumExp}'s weights first exceeds {@code target}: an
     * inverse CDF, so {@code searchSumExp(x, from, to, scale, u · sumExp(x, from, to, scale))} with
     * {@code u} uniform in [0, 1) draws {@code i} with probability {@code w_i / Σ w}.
     *
     * <p>The running sum is {@link #sumExp}'s total block by block. In the first block whose sum
     * takes it above {@code target}, the weights are added one by one, in index order, to the total
     * before that block; the first index at which {@code target <} that sum is returned, or, where
     * rounding leaves it unreached in the block, the block's last index with {@code w > 0}. Where no
     * block takes the total above {@code target} (it is the total or more, or NaN), the range's last
     * index with {@code w > 0}; {@code to} if there is none. (A target below 0 gives {@code from}.)
     */
    int searchSumExp(float[] x, int from, int to, double scale, double target);

    /** Elements per block of {@link #sumExp}: eight rows of eight, one or two SIMD registers of doubles a row. */
    int BLOCK = 64;

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
