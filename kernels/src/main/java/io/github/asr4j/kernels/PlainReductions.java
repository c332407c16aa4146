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
        return SumExpBlocks.sum(x, from, to, max(x, from, to), scale, PlainReductions::rowSums);
    }

    @Override
    public int searchSumExp(float[] x, int from, int to, double scale, double target) {
        return SumExpBlocks.search(x, from, to, max(x, from, to), scale, target, PlainReductions::rowSums);
    }

    /**
     * A block of whole rows of 8 in {@link Reductions#sumExp}'s tree: eight column sums (eight
     * independent chains, so the exps overlap), added pairwise.
     */
    private static double rowSums(float[] x, int from, int to, double max, double scale) {
        double c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0, c7 = 0;
        for (int i = from; i < to; i += SUMS) {
            c0 += SumExpBlocks.weight(x[i], max, scale);
            c1 += SumExpBlocks.weight(x[i + 1], max, scale);
            c2 += SumExpBlocks.weight(x[i + 2], max, scale);
            c3 += SumExpBlocks.weight(x[i + 3], max, scale);
            c4 += SumExpBlocks.weight(x[i + 4], max, scale);
            c5 += SumExpBlocks.weight(x[i + 5], max, scale);
            c6 += SumExpBlocks.weight(x[i + 6], max, scale);
            c7 += SumExpBlocks.weight(x[i + 7], max, scale);
        }
        return ((c0 + c4) + (c2 + c6)) + ((c1 + c5) + (c3 + c7));
    }

    /** The partial sums added pairwise in the order every implementation uses. */
    static double total(double[] s) {
        return ((s[0] + s[4]) + (s[2] + s[6])) + ((s[1] + s[5]) + (s[3] + s[7]));
    }
}
