package io.github.asr4j.kernels.cpu;

import io.github.asr4j.kernels.SumExpBlocks;
import io.github.asr4j.kernels.Reductions;
import java.util.Arrays;
import java.util.Objects;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Reductions} on SIMD lanes, bit for bit {@link Reductions#plain()}: the maximum is exact in
 * any order; log-sum-exp takes e^x by the plain version's operations lane by lane and keeps its
 * eight partial sums as the lanes of one 8-double register (512-bit) or of two 4-double registers
 * (256-bit), added in its order at the end.
 */
final class VectorReductions implements Reductions {
    private static final VectorSpecies<Float> F = VectorBackend.F;
    private static final VectorSpecies<Double> D = VectorBackend.D;
    /** Floats that widen into one double register. */
    private static final VectorSpecies<Float> FD = VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));
    /** The plain version's partial sums, which the lanes hold. */
    private static final int SUMS = 8;
    /** Whether the sums take two registers, which then alternate. */
    private static final boolean PAIR = 2 * D.length() == SUMS;
    /** Whether the eight columns of {@link Reductions#sumExp}'s blocks fit one register or two. */
    private static final boolean BLOCK_SUMS = D.length() == SUMS || PAIR;
    /** Swaps the halves of an 8-lane register (its columns 0-3 and 4-7); null where unused. */
    private static final VectorShuffle<Double> HALVES = D.length() == SUMS ? VectorShuffle.fromOp(D, i -> i ^ 4) : null;
    /** Swaps neighbouring pairs of lanes. */
    private static final VectorShuffle<Double> PAIRS = BLOCK_SUMS ? VectorShuffle.fromOp(D, i -> i ^ 2) : null;

    VectorReductions() {}

    @Override
    public float max(float[] x, int from, int to) {
        Objects.checkFromToIndex(from, to, x.length);
        return VectorOps.max(x, from, to - from);
    }

    @Override
    public int argmax(float[] x, int from, int to) {
        float max = max(x, from, to);
        if (from == to || Float.isNaN(max)) {
            return Reductions.plain().argmax(x, from, to); // the scan's own rules for NaN
        }
        // without NaNs the scan keeps the first index holding the maximum (-0 and 0 compare equal, as there)
        int i = from;
        for (int bound = to - F.length(); i <= bound; i += F.length()) {
            VectorMask<Float> hit = FloatVector.fromArray(F, x, i).compare(VectorOperators.EQ, max);
            if (hit.anyTrue()) {
                return i + hit.firstTrue();
            }
        }
        for (; i < to; i++) {
            if (x[i] == max) {
                return i;
            }
        }
        throw new IllegalStateException("the maximum " + max + " was not found again");
    }

    @Override
    public int firstAbove(float[] x, int from, int to, float threshold) {
        Objects.checkFromToIndex(from, to, x.length);
        int i = from;
        for (int bound = to - F.length(); i <= bound; i += F.length()) {
            VectorMask<Float> above = FloatVector.fromArray(F, x, i).compare(VectorOperators.GT, threshold);
            if (above.anyTrue()) {
                return i + above.firstTrue();
            }
        }
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
        if (SUMS % D.length() != 0 || SUMS / D.length() > 2) {
            return Reductions.plain().logSumExp(x, from, to);
        }
        double[] sums = new double[SUMS];
        int whole = from + ((to - from) & -SUMS);
        addExps(x, from, whole, max, sums);
        if (whole < to) {
            // the last few padded with -inf, whose terms are +0.0: a sum of non-negative terms stays as it is
            float[] tail = new float[SUMS];
            Arrays.fill(tail, Float.NEGATIVE_INFINITY);
            System.arraycopy(x, whole, tail, 0, to - whole);
            addExps(tail, 0, SUMS, max, sums);
        }
        return max + StrictMath.log(((sums[0] + sums[4]) + (sums[2] + sums[6])) + ((sums[1] + sums[5]) + (sums[3] + sums[7])));
    }

    @Override
    public double sumExp(float[] x, int from, int to, double scale) {
        float max = max(x, from, to);
        return blocksFit(max, scale) ? SumExpBlocks.sum(x, from, to, max, scale, VectorReductions::blockSum)
                : Reductions.plain().sumExp(x, from, to, scale);
    }

    @Override
    public int searchSumExp(float[] x, int from, int to, double scale, double target) {
        float max = max(x, from, to);
        return blocksFit(max, scale) ? SumExpBlocks.search(x, from, to, max, scale, target, VectorReductions::blockSum)
                : Reductions.plain().searchSumExp(x, from, to, scale, target);
    }

    /**
     * Whether the blocks' SIMD path applies: every exponent {@code (x − max)·scale} is at most 0 and
     * no NaN (the other cases are rare and left to the plain code, which defines them).
     */
    private static boolean blocksFit(float max, double scale) {
        return BLOCK_SUMS && Float.isFinite(max) && scale > 0 && scale < Double.POSITIVE_INFINITY;
    }

    /**
     * The sum of a block of whole rows in {@link Reductions#sumExp}'s order: the columns are the
     * lanes of one 8-double register, or of two 4-double registers that alternate, added in the
     * plain tree by two swaps. One loop body with e^x written out, as in {@link #addExps}.
     */
    private static double blockSum(float[] x, int from, int to, double max, double scale) {
        int lanes = D.length();
        DoubleVector acc = DoubleVector.zero(D);
        DoubleVector other = acc;
        for (int i = from; i < to; i += lanes) {
            // (x − max)·scale as two roundings, not one fma: the plain weight's arithmetic
            DoubleVector c = ((DoubleVector) FloatVector.fromArray(FD, x, i).convertShape(VectorOperators.F2D, D, 0))
                    .sub(max).mul(scale);
            VectorMask<Double> tiny = c.compare(VectorOperators.LT, VectorExp.D_MIN);
            DoubleVector n = c.fma(VectorExp.D_LOG2E, VectorExp.D_ROUND).sub(VectorExp.D_ROUND);
            DoubleVector r = n.fma(DoubleVector.broadcast(D, -VectorExp.D_LN2_HI), c);
            r = n.fma(DoubleVector.broadcast(D, -VectorExp.D_LN2_LO), r);
            DoubleVector p = r.fma(1.0 / 6227020800.0, 1.0 / 479001600.0);
            p = p.fma(r, DoubleVector.broadcast(D, 1.0 / 39916800.0));
            p = p.fma(r, DoubleVector.broadcast(D, 1.0 / 3628800.0));
            p = p.fma(r, DoubleVector.broadcast(D, 1.0 / 362880.0));
            p = p.fma(r, DoubleVector.broadcast(D, 1.0 / 40320.0));
            p = p.fma(r, DoubleVector.broadcast(D, 1.0 / 5040.0));
            p = p.fma(r, DoubleVector.broadcast(D, 1.0 / 720.0));
            p = p.fma(r, DoubleVector.broadcast(D, 1.0 / 120.0));
            p = p.fma(r, DoubleVector.broadcast(D, 1.0 / 24.0));
            p = p.fma(r, DoubleVector.broadcast(D, 1.0 / 6.0));
            p = p.fma(r, DoubleVector.broadcast(D, 0.5));
            p = p.fma(r, DoubleVector.broadcast(D, 1.0));
            p = p.fma(r, DoubleVector.broadcast(D, 1.0));
            LongVector bits = ((LongVector) n.convert(VectorOperators.D2L, 0)).add(1023).lanewise(VectorOperators.LSHL, 52);
            DoubleVector e = p.mul(bits.reinterpretAsDoubles()).blend(0.0, tiny);
            if (PAIR) {
                DoubleVector next = other;
                other = acc.add(e);
                acc = next;
            } else {
                acc = acc.add(e);
            }
        }
        // whole rows: acc holds columns 0-3 (or 0-7), other 4-7; m = c0+c4, c1+c5, c2+c6, c3+c7
        DoubleVector m = PAIR ? acc.add(other) : acc.add(acc.rearrange(HALVES));
        DoubleVector q = m.add(m.rearrange(PAIRS));
        return q.lane(0) + q.lane(1);
    }


    /**
     * {@code sums[k] += e^(x[from + j] - max)} for every {@code j ≡ k (mod 8)}, {@code to - from} a
     * multiple of 8. One loop body with e^x written out: a vector helper left out of line boxes.
     */
    private static void addExps(float[] x, int from, int to, double max, double[] sums) {
        int lanes = D.length();
        DoubleVector acc = DoubleVector.fromArray(D, sums, 0);              // the sums of this register's lanes
        DoubleVector other = PAIR ? DoubleVector.fromArray(D, sums, lanes) : acc;
        for (int i = from; i < to; i += lanes) {
            DoubleVector c = ((DoubleVector) FloatVector.fromArray(FD, x, i).convertShape(VectorOperators.F2D, D, 0)).sub(max);
            // e^c as PlainReductions.exp: c <= 0 here (or NaN), so its clamps change no lane the blend keeps
            VectorMask<Double> tiny = c.compare(VectorOperators.LT, VectorExp.D_MIN);
            DoubleVector n = c.fma(VectorExp.D_LOG2E, VectorExp.D_ROUND).sub(VectorExp.D_ROUND);
            DoubleVector r = n.fma(DoubleVector.broadcast(D, -VectorExp.D_LN2_HI), c);
            r = n.fma(DoubleVector.broadcast(D, -VectorExp.D_LN2_LO), r);
            DoubleVector p = r.fma(1.0 / 6227020800.0, 1.0 / 479001600.0);
            p = p.fma(r, DoubleVector.broadcast(D, 1.0 / 39916800.0));
            p = p.fma(r, DoubleVector.broadcast(D, 1.0 / 3628800.0));
            p = p.fma(r, DoubleVector.broadcast(D, 1.0 / 362880.0));
            p = p.fma(r, DoubleVector.broadcast(D, 1.0 / 40320.0));
            p = p.fma(r, DoubleVector.broadcast(D, 1.0 / 5040.0));
            p = p.fma(r, DoubleVector.broadcast(D, 1.0 / 720.0));
            p = p.fma(r, DoubleVector.broadcast(D, 1.0 / 120.0));
            p = p.fma(r, DoubleVector.broadcast(D, 1.0 / 24.0));
            p = p.fma(r, DoubleVector.broadcast(D, 1.0 / 6.0));
            p = p.fma(r, DoubleVector.broadcast(D, 0.5));
            p = p.fma(r, DoubleVector.broadcast(D, 1.0));
            p = p.fma(r, DoubleVector.broadcast(D, 1.0));
            LongVector bits = ((LongVector) n.convert(VectorOperators.D2L, 0)).add(1023).lanewise(VectorOperators.LSHL, 52);
            DoubleVector e = p.mul(bits.reinterpretAsDoubles()).blend(0.0, tiny);
            if (PAIR) {
                // lanes j..j+3 of each 8 go to sums 0-3, the next four to sums 4-7: the registers alternate
                DoubleVector next = other;
                other = acc.add(e);
                acc = next;
            } else {
                acc = acc.add(e);
            }
        }
        // a whole number of 8-blocks: acc holds sums 0-3 again
        acc.intoArray(sums, 0);
        if (PAIR) {
            other.intoArray(sums, lanes);
        }
    }
}
