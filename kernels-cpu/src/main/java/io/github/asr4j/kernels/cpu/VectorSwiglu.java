package io.github.asr4j.kernels.cpu;

import io.github.asr4j.kernels.PortableExp;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link CpuBackend#swiglu(float, float)} on double lanes: {@code (float) (g / (1 + e^{-g})) · u} with
 * {@code e^{-g}} by {@link PortableExp}'s steps, each one IEEE operation, so every lane gives the scalar
 * form's bits. The exp is written out in the loop: a helper taking vectors, left out of line by C2,
 * boxes them.
 */
final class VectorSwiglu {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FD = VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));

    private VectorSwiglu() {}

    /** {@code o[i] = swiglu(g[i], u[i])} for {@code from <= i < to}; o may be g or u. */
    static void apply(float[] g, float[] u, float[] o, int from, int to) {
        int lanes = FD.length();
        int i = from;
        for (int bound = from + FD.loopBound(to - from); i < bound; i += lanes) {
            DoubleVector v = (DoubleVector) FloatVector.fromArray(FD, g, i).convertShape(VectorOperators.F2D, D, 0);
            DoubleVector x = v.neg();
            VectorMask<Double> tiny = x.compare(VectorOperators.LT, PortableExp.MIN);
            VectorMask<Double> huge = x.compare(VectorOperators.GT, PortableExp.MAX);
            DoubleVector c = x.max(PortableExp.MIN).min(PortableExp.MAX);
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
            DoubleVector scale = ((LongVector) n.convert(VectorOperators.D2L, 0)).add(1023)
                    .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector e = p.mul(scale).blend(0.0, tiny).blend(Double.POSITIVE_INFINITY, huge);
            FloatVector silu = (FloatVector) v.div(e.add(1)).convertShape(VectorOperators.D2F, FD, 0);
            silu.mul(FloatVector.fromArray(FD, u, i)).intoArray(o, i);
        }
        for (; i < to; i++) {
            o[i] = CpuBackend.swiglu(g[i], u[i]);
        }
    }
}
