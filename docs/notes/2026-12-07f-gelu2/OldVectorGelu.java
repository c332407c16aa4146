package io.github.asr4j.kernels.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * (Scratch copy of main's double-lane VectorGelu, for the probes.) {@link Gelu}'s formula on double lanes, evaluated with SIMD: the polynomial by Estrin's scheme
 * (a dependency chain of 5 operations instead of Horner's 15) and {@code e^{-z²}} by the steps of
 * {@link VectorExp#exp(DoubleVector)}, written out here so that nothing keeps the JIT from
 * inlining it (a helper left out of line boxes its vectors, which halved the speed).
 */
final class OldVectorGelu {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FD = VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));
    /** The polynomial's coefficients, zero-padded to 16 for Estrin's scheme. */
    private static final double[] P = java.util.Arrays.copyOf(Gelu.POLY, 16);

    static {
        if (Gelu.POLY.length > P.length) {
            throw new IllegalStateException("GELU polynomial has " + Gelu.POLY.length + " terms; Estrin here takes 16");
        }
    }

    /**
     * Values per call while {@link #apply} is not yet compiled: two vector steps (the loop's back branch and its
     * exit both taken, so the profile C2 compiles from has no side it never saw).
     */
    private static final int SHORT = 2 * FD.length();
    /** Short calls timed together. */
    private static final int GROUP = 16;
    /**
     * Fewer nanoseconds per value than this and a group ran compiled code (C2: ~2 ns a value with the calls; C1's
     * boxed vectors ~100s; the interpreter ~5,000).
     */
    private static final long COMPILED_NS = 20;
    /** Whether a group of short calls has run at compiled speed in this process (tests set it back). */
    static volatile boolean compiled;

    private OldVectorGelu() {}

    /**
     * {@link #apply}, in calls of {@link #SHORT} values until this process has compiled it. A fresh JVM
     * compiles a method after a count of calls or of loop steps run without it: one long call of the conv
     * stem's first GELU (1.5 M values) spent ~8,000 steps in the interpreter (0.05 × HotSpot's counts),
     * ~0.3 s of a fresh Qwen3-ASR encoder pass, before C2 took it; a few hundred short calls reach the count
     * after a few thousand values. The values are the same either way: each value goes through the same lane
     * arithmetic, and every short call starts a multiple of {@link #SHORT} after {@code from}, so the last call
     * leaves the same remainder to {@link Gelu}.
     */
    static void applyWarming(float[] x, int from, int to) {
        int i = from;
        while (!compiled && to - i >= GROUP * SHORT) {
            long t0 = System.nanoTime();
            for (int g = 0; g < GROUP; g++, i += SHORT) {
                apply(x, i, i + SHORT);
            }
            if (System.nanoTime() - t0 < COMPILED_NS * GROUP * SHORT) {
                compiled = true;
            }
        }
        apply(x, i, to);
    }

    static void apply(float[] x, int from, int to) {
        int lanes = FD.length();
        int i = from;
        double sa = 2 / (1 - Gelu.T_MIN);
        double sb = (1 + Gelu.T_MIN) / (1 - Gelu.T_MIN);
        // One loop body, no vector-valued helpers: un-inlined helpers would box the vectors.
        for (int bound = from + FD.loopBound(to - from); i < bound; i += lanes) {
            DoubleVector v = (DoubleVector) FloatVector.fromArray(FD, x, i).convertShape(VectorOperators.F2D, D, 0);
            DoubleVector z = v.abs().mul(Gelu.INV_SQRT2).min(Gelu.Z_MAX);
            DoubleVector t = DoubleVector.broadcast(D, 2).div(z.add(2));
            DoubleVector s = t.mul(sa).sub(sb);
            DoubleVector s2 = s.mul(s);
            DoubleVector s4 = s2.mul(s2);
            DoubleVector s8 = s4.mul(s4);
            DoubleVector e0 = s.fma(P[1], P[0]);
            DoubleVector e1 = s.fma(P[3], P[2]);
            DoubleVector e2 = s.fma(P[5], P[4]);
            DoubleVector e3 = s.fma(P[7], P[6]);
            DoubleVector e4 = s.fma(P[9], P[8]);
            DoubleVector e5 = s.fma(P[11], P[10]);
            DoubleVector e6 = s.fma(P[13], P[12]);
            DoubleVector e7 = s.fma(P[15], P[14]);
            DoubleVector f0 = e1.fma(s2, e0);
            DoubleVector f1 = e3.fma(s2, e2);
            DoubleVector f2 = e5.fma(s2, e4);
            DoubleVector f3 = e7.fma(s2, e6);
            DoubleVector q = f1.fma(s4, f0).add(f3.fma(s4, f2).mul(s8));
            // e^{-z²}, z² ≤ 100: n = round(-z²·log2 e), r = -z² - n·ln2, Taylor to r^13, times 2^n.
            DoubleVector arg = z.mul(z).neg();
            DoubleVector n = arg.fma(VectorExp.D_LOG2E, VectorExp.D_ROUND).sub(VectorExp.D_ROUND);
            DoubleVector r = n.fma(DoubleVector.broadcast(D, -VectorExp.D_LN2_HI), arg);
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
            DoubleVector scale = ((LongVector) n.convert(VectorOperators.D2L, 0)).add(1023)
                    .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector halfErfc = p.mul(scale).mul(q).mul(0.5);
            VectorMask<Double> negative = v.compare(VectorOperators.LT, 0);
            DoubleVector phi = halfErfc.neg().add(1).blend(halfErfc, negative);
            ((FloatVector) v.mul(phi).convertShape(VectorOperators.D2F, FD, 0)).intoArray(x, i);
        }
        Gelu.apply(x, i, to);
    }
}
