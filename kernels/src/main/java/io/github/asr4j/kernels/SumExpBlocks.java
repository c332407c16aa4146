package io.github.asr4j.kernels;

/**
 * The order of {@link Reductions#sumExp} and the walk of {@link Reductions#searchSumExp}, written
 * once: every implementation runs these and brings only its sum of a block of whole rows of 8 (the
 * part SIMD code computes its own way, to the same bits).
 */
public final class SumExpBlocks {
    /** Floats per row of a block: the eight column sums. */
    static final int SUMS = 8;

    /**
     * The sum of {@code e^((x[i] − max)·scale)} over {@code [from, to)}, whole rows of 8 (at most
     * {@link Reductions#BLOCK} elements), as {@link Reductions#sumExp} defines a block's tree.
     */
    @FunctionalInterface
    public interface RowSums {
        double of(float[] x, int from, int to, double max, double scale);
    }

    private SumExpBlocks() {}

    /** {@link Reductions#sumExp} for the range's maximum {@code max}. */
    public static double sum(float[] x, int from, int to, double max, double scale, RowSums rows) {
        if (max == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        double total = 0;
        for (int b = from, end; b < to; b = end) {
            end = blockEnd(b, from, to);
            total += blockSum(x, b, end, max, scale, rows);
        }
        return total;
    }

    /** {@link Reductions#searchSumExp} for the range's maximum {@code max}. */
    public static int search(float[] x, int from, int to, double max, double scale, double target, RowSums rows) {
        if (max == Double.NEGATIVE_INFINITY) {
            return to;
        }
        double total = 0;
        int lastPositive = -1;    // the last block with a weight above 0
        int lastEnd = to;
        for (int b = from, end; b < to; b = end) {
            end = blockEnd(b, from, to);
            double sum = blockSum(x, b, end, max, scale, rows);
            if (target < total + sum) {
                return walk(x, b, end, max, scale, total, target);
            }
            if (sum > 0) {
                lastPositive = b;
                lastEnd = end;
            }
            total += sum;
        }
        return lastPositive < 0 ? to : lastPositive(x, lastPositive, lastEnd, max, scale);
    }

    /** {@code e^((x − max)·scale)}, each step rounded to double. */
    public static double weight(float x, double max, double scale) {
        return PortableExp.exp((x - max) * scale);
    }

    /**
     * The end of the block that starts at {@code b}: up to {@link Reductions#BLOCK} elements of whole
     * rows of 8; after the last whole row, one element.
     */
    private static int blockEnd(int b, int from, int to) {
        int rows = from + ((to - from) & -SUMS);
        return b < rows ? b + Math.min(Reductions.BLOCK, rows - b) : b + 1;
    }

    /** A block's sum: its rows' tree, or a single element's weight. */
    private static double blockSum(float[] x, int from, int to, double max, double scale, RowSums rows) {
        return to - from < SUMS ? weight(x[from], max, scale) : rows.of(x, from, to, max, scale);
    }

    /**
     * The first index of the block where {@code before} plus its weights so far exceeds
     * {@code target}; the block's last index with a weight above 0 where rounding leaves it short.
     */
    private static int walk(float[] x, int from, int to, double max, double scale, double before, double target) {
        double sum = before;
        int last = -1;
        for (int i = from; i < to; i++) {
            double w = weight(x[i], max, scale);
            sum += w;
            if (target < sum) {
                return i;
            }
            if (w > 0) {
                last = i;
            }
        }
        return last;
    }

    /** The block's last index with a weight above 0 (it has one). */
    private static int lastPositive(float[] x, int from, int to, double max, double scale) {
        int i = to - 1;
        while (!(weight(x[i], max, scale) > 0)) {
            i--;
        }
        return i;
    }
}
