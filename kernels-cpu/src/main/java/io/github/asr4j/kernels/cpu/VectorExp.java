package io.github.asr4j.kernels.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * exp() over vectors from lane-wise adds, multiplies and fmas only, so interpreted and compiled code
 * give the same bits. ({@code lanewise(EXP)} runs HotSpot's vector math stubs once compiled but
 * {@code Math.exp} per lane before, and the two differ in the last bit, which would make the first
 * transcription in a JVM differ from later ones.)
 *
 * <p>Cody-Waite reduction {@code x = n·ln2 + r}, {@code |r| <= ln2/2}, a Taylor polynomial for
 * {@code e^r}, and {@code 2^n} put into the exponent bits. Float: relative error below 2e-7;
 * double: below 3e-16 (checked against {@link Math#exp} in the tests).
 */
final class VectorExp {
    private VectorExp() {}

    private static final float F_LOG2E = 1.44269504088896341f;
    private static final float F_LN2_HI = 0.693359375f;          // few mantissa bits: n·LN2_HI is exact
    private static final float F_LN2_LO = -2.12194440e-4f;
    private static final float F_ROUND = 12582912f;               // 1.5·2^23: adding it rounds to an integer
    private static final int F_ROUND_BITS = Float.floatToRawIntBits(F_ROUND);
    private static final float F_MIN = -87.3f;                    // below: the result is (flushed to) 0
    private static final float F_MAX = 88.7f;

    // The double exp's reduction constants, shared with the kernels that write the polynomial out (a
    // helper taking vectors, left out of line by C2, boxes them).
    static final double D_LOG2E = 1.4426950408889634;
    static final double D_LN2_HI = 0.6931471803691238;    // ln2 split so n·LN2_HI is exact for |n| < 2^20
    static final double D_LN2_LO = 1.9082149292705877e-10;
    static final double D_ROUND = 6755399441055744.0;     // 1.5·2^52
    static final double D_MIN = -708.0;
    private static final double D_MAX = 709.0;

    /** e^x per lane; lanes below -87.3 give 0, above 88.7 give +inf. */
    static FloatVector exp(FloatVector x) {
        VectorMask<Float> tiny = x.compare(VectorOperators.LT, F_MIN);
        // No clamp to [F_MIN, F_MAX] first: lanes outside it are replaced by the blends at the end,
        // and Java's max/min (NaN and -0 rules) cost several instructions each on x86.
        FloatVector c = x;
        FloatVector t = c.fma(F_LOG2E, F_ROUND);
        FloatVector n = t.sub(F_ROUND);
        FloatVector r = n.fma(n.broadcast(-F_LN2_HI), c);
        r = n.fma(n.broadcast(-F_LN2_LO), r);
        // e^r for |r| <= 0.347: Taylor to r^7 (relative error ~1e-8)
        FloatVector p = r.fma(1f / 5040, 1f / 720);
        p = p.fma(r, p.broadcast(1f / 120));
        p = p.fma(r, p.broadcast(1f / 24));
        p = p.fma(r, p.broadcast(1f / 6));
        p = p.fma(r, p.broadcast(0.5f));
        p = p.fma(r, p.broadcast(1f));
        p = p.fma(r, p.broadcast(1f));
        // n as an int from t's low mantissa bits (t = 1.5·2^23 + n exactly): cheaper than F2I, which
        // needs fix-up instructions for Java's rules on NaN and overflow.
        IntVector bits = ((IntVector) t.reinterpretAsInts()).sub(F_ROUND_BITS - 127).lanewise(VectorOperators.LSHL, 23);
        FloatVector scale = bits.reinterpretAsFloats();
        FloatVector result = p.mul(scale);
        VectorMask<Float> huge = x.compare(VectorOperators.GT, F_MAX);
        return result.blend(0f, tiny).blend(Float.POSITIVE_INFINITY, huge);
    }

    /** e^x per lane; lanes below -708 give 0, above 709 give +inf. */
    static DoubleVector exp(DoubleVector x) {
        VectorMask<Double> tiny = x.compare(VectorOperators.LT, D_MIN);
        DoubleVector c = x.max(D_MIN).min(D_MAX);
        DoubleVector n = c.fma(D_LOG2E, D_ROUND).sub(D_ROUND);
        DoubleVector r = n.fma(n.broadcast(-D_LN2_HI), c);
        r = n.fma(n.broadcast(-D_LN2_LO), r);
        // e^r for |r| <= 0.347: Taylor to r^13 (truncation ~2e-17 relative)
        DoubleVector p = r.fma(1.0 / 6227020800.0, 1.0 / 479001600.0);
        p = p.fma(r, p.broadcast(1.0 / 39916800.0));
        p = p.fma(r, p.broadcast(1.0 / 3628800.0));
        p = p.fma(r, p.broadcast(1.0 / 362880.0));
        p = p.fma(r, p.broadcast(1.0 / 40320.0));
        p = p.fma(r, p.broadcast(1.0 / 5040.0));
        p = p.fma(r, p.broadcast(1.0 / 720.0));
        p = p.fma(r, p.broadcast(1.0 / 120.0));
        p = p.fma(r, p.broadcast(1.0 / 24.0));
        p = p.fma(r, p.broadcast(1.0 / 6.0));
        p = p.fma(r, p.broadcast(0.5));
        p = p.fma(r, p.broadcast(1.0));
        p = p.fma(r, p.broadcast(1.0));
        LongVector bits = ((LongVector) n.convert(VectorOperators.D2L, 0)).add(1023).lanewise(VectorOperators.LSHL, 52);
        DoubleVector scale = bits.reinterpretAsDoubles();
        DoubleVector result = p.mul(scale);
        VectorMask<Double> huge = x.compare(VectorOperators.GT, D_MAX);
        return result.blend(0.0, tiny).blend(Double.POSITIVE_INFINITY, huge);
    }
}
