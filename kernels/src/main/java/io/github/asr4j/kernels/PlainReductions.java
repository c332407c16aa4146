package io.github.asr4j.kernels;

import java.util.Objects;
import java.util.ServiceLoader;

/**
 * {@link Reductions} in plain Java: the reference the vector implementation matches bit for bit.
 *
 * <p>e^x is {@link PortableExp}: one correctly rounded IEEE operation per step, so SIMD lanes, the
 * interpreter and compiled code all give its bits.
 */
final class PlainReductions implements Reductions {
    static final PlainReductions INSTANCE = new PlainReductions();

    /** Partial sums of {@link #logSumExp}: element {@code from + k} goes to sum {@code k % SUMS}. */
    static final int SUMS = 8;

    private PlainReductions() {}

    /** The lookup of {@link Reductions#best()}, run when it is first called. */
    static final class Best {
        static final Reductions INSTANCE = ServiceLoader.load(Reductions.class, Reductions.class.getClassLoader())
                .findFirst().orElse(PlainReductions.INSTANCE);

        private Best() {}
    }

    @Override
    public float max(float[] x, int from, int to) {
        Objects.checkFromToIndex(from, to, x.length);
        float max = Float.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            max = Math.max(max, x[i]);
        }
        return max;
    }

    @Override
    public int argmax(float[] x, int from, int to) {
        Objects.checkFromToIndex(from, to, x.length);
        if (from == to) {
            throw new IllegalArgumentException("argmax of an empty range");
        }
        int best = from;
        for (int i = from + 1; i < to; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public int firstAbove(float[] x, int from, int to, float threshold) {
        Objects.checkFromToIndex(from, to, x.length);
        int i = from;
        while (i < to && !(x[i] > threshold)) {
            i++;
        }
        return i;
    }

    @Override
    public double logSumExp(float[] x, int from, int to) {
        double max = max(x, from, to);
        if (max == Double.NEGATIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        // Double: a float sum of 152k terms would lose ~1e-4 relative, more than the decoders may.
        // Eight sums in a fixed assignment (a SIMD register of doubles or two) make the order fixed
        // and the same for every vector width.
        double[] sums = new double[SUMS];
        for (int i = from; i < to; i++) {
            sums[(i - from) % SUMS] += PortableExp.exp(x[i] - max);
        }
        return max + StrictMath.log(total(sums));
    }

    @Override
    public double sumExp(float[] x, int from, int to, double scale) {
        double max = max(x, from, to);
        if (max == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        double total = 0;
        for (int b = from, end; b < to; b = end) {
            end = blockEnd(b, from, to);
            total += blockSum(x, b, end, max, scale);
        }
        return total;
    }

    @Override
    public int searchSumExp(float[] x, int from, int to, double scale, double target) {
        double max = max(x, from, to);
        if (max == Double.NEGATIVE_INFINITY) {
            return to;
        }
        double total = 0;
        int lastPositive = -1;    // the last block with a weight above 0
        int lastEnd = to;
        for (int b = from, end; b < to; b = end) {
            end = blockEnd(b, from, to);
            double sum = blockSum(x, b, end, max, scale);
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

    /**
     * The end of the block of {@link Reductions#sumExp} that starts at {@code b}: up to
     * {@link Reductions#BLOCK} elements of whole rows of 8; after the last whole row, one element.
     */
    private static int blockEnd(int b, int from, int to) {
        int rows = from + ((to - from) & -SUMS);
        return b < rows ? b + Math.min(BLOCK, rows - b) : b + 1;
    }

    /**
     * A block's sum in {@link Reductions#sumExp}'s order: whole rows of 8 into eight column sums
     * (eight independent chains, so the exps overlap), or a single element, whose tree is itself.
     */
    private static double blockSum(float[] x, int from, int to, double max, double scale) {
        if (to - from < SUMS) {
            return weight(x[from], max, scale);
        }
        double c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0, c7 = 0;
        for (int i = from; i < to; i += SUMS) {
            c0 += weight(x[i], max, scale);
            c1 += weight(x[i + 1], max, scale);
            c2 += weight(x[i + 2], max, scale);
            c3 += weight(x[i + 3], max, scale);
            c4 += weight(x[i + 4], max, scale);
            c5 += weight(x[i + 5], max, scale);
            c6 += weight(x[i + 6], max, scale);
            c7 += weight(x[i + 7], max, scale);
        }
        return ((c0 + c4) + (c2 + c6)) + ((c1 + c5) + (c3 + c7));
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

    /** {@code e^((x − max)·scale)}, each step rounded to double. */
    private static double weight(float x, double max, double scale) {
        return PortableExp.exp((x - max) * scale);
    }

    /** The partial sums added pairwise in the order every implementation uses. */
    static double total(double[] s) {
        return ((s[0] + s[4]) + (s[2] + s[6])) + ((s[1] + s[5]) + (s[3] + s[7]));
    }
}
