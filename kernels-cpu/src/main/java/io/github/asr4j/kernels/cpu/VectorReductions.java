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
    /** Whether the eight sums take one register or two (else the plain code runs). */
    private static final boolean SUMS_FIT = D.length() == SUMS || PAIR;

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
        if (!SUMS_FIT) {
            return Reductions.plain().logSumExp(x, from, to);
        }
        double[] sums = new double[SUMS];
        int whole = from + ((to - from) & -SUMS);
        addExps(x, from, whole, max, 1, sums);
        if (whole < to) {
            // the last few padded with -inf, whose terms are +0.0: a sum of non-negative terms stays as it is
            float[] tail = new float[SUMS];
            Arrays.fill(tail, Float.NEGATIVE_INFINITY);
            System.arraycopy(x, whole, tail, 0, to - whole);
            addExps(tail, 0, SUMS, max, 1, sums);
        }
        return max + StrictMath.log(tree(sums));
    }

    @Override
    public double sumExp(float[] x, int from, int to, double scale) {
        float max = max(x, from, to);
        return blocksFit(max, scale) ? SumExpBlocks.sum(x, from, to, max, scale, blockSums())
                : Reductions.plain().sumExp(x, from, to, scale);
    }

    @Override
    public int searchSumExp(float[] x, int from, int to, double scale, double target) {
        float max = max(x, from, to);
        return blocksFit(max, scale) ? SumExpBlocks.search(x, from, to, max, scale, target, blockSums())
                : Reductions.plain().searchSumExp(x, from, to, scale, target);
    }

    /**
     * Whether the blocks' SIMD path applies: every exponent {@code (x − max)·scale} is at most 0 and
     * no NaN (the other cases are rare and left to the plain code, which defines them).
     */
    private static boolean blocksFit(float max, double scale) {
        return SUMS_FIT && Float.isFinite(max) && scale > 0 && scale < Double.POSITIVE_INFINITY;
    }

    /**
     * A block's sum in {@link Reductions#sumExp}'s order: its eight column sums by {@link #addExps},
     * from zero, added in the plain tree. One array of sums per draw, reused block by block.
     */
    private static SumExpBlocks.RowSums blockSums() {
        double[] sums = new double[SUMS];
        return (x, from, to, max, scale) -> {
            Arrays.fill(sums, 0);
            addExps(x, from, to, max, scale, sums);
            return tree(sums);
        };
    }

    /** The eight sums added pairwise in the order every implementation uses. */
    private static double tree(double[] s) {
        return ((s[0] + s[4]) + (s[2] + s[6])) + ((s[1] + s[5]) + (s[3] + s[7]));
    }

    /**
     * {@code sums[k] += e^((x[from + j] − max)·scale)} for every {@code j ≡ k (mod 8)}, {@code to - from}
     * a multiple of 8; the subtraction and the product each rounded, as the plain weight does (a scale of
     * 1 changes nothing). One loop body with e^x written out: a vector helper left out of line boxes.
     */
    private static void addExps(float[] x, int from, int to, double max, double scale, double[] sums) {
        int lanes = D.length();
        boolean scaled = scale != 1;   // log-sum-exp's pass skips the product (exact at 1; C2 unswitches the loop)
        DoubleVector acc = DoubleVector.fromArray(D, sums, 0);              // the sums of this register's lanes
        DoubleVector other = PAIR ? DoubleVector.fromArray(D, sums, lanes) : acc;
        for (int i = from; i < to; i += lanes) {
            DoubleVector c = ((DoubleVector) FloatVector.fromArray(FD, x, i).convertShape(VectorOperators.F2D, D, 0)).sub(max);
            if (scaled) {
                c = c.mul(scale);
            }
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
