package io.github.asr4j.kernels.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/** {@link Gelu}'s formula on double lanes: the same polynomial, evaluated with SIMD. */
final class VectorGelu {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FD = VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));
    private static final double[] P = Gelu.POLY;

    private VectorGelu() {}

    static void apply(float[] x, int from, int to) {
        int lanes = FD.length();
        int i = from;
        // One loop body, no vector-valued helpers: un-inlined helpers would box the vectors.
        for (int bound = from + FD.loopBound(to - from); i < bound; i += lanes) {
            DoubleVector v = (DoubleVector) FloatVector.fromArray(FD, x, i).convertShape(VectorOperators.F2D, D, 0);
            DoubleVector z = v.abs().mul(Gelu.INV_SQRT2).min(Gelu.Z_MAX);
            DoubleVector t = DoubleVector.broadcast(D, 2).div(z.add(2));
            DoubleVector s = t.mul(2 / (1 - Gelu.T_MIN)).sub((1 + Gelu.T_MIN) / (1 - Gelu.T_MIN));
            DoubleVector q = DoubleVector.broadcast(D, P[P.length - 1]);
            for (int k = P.length - 2; k >= 0; k--) {
                q = q.fma(s, DoubleVector.broadcast(D, P[k]));
            }
            DoubleVector halfErfc = VectorExp.exp(z.mul(z).neg()).mul(q).mul(0.5);
            VectorMask<Double> negative = v.compare(VectorOperators.LT, 0);
            DoubleVector phi = halfErfc.neg().add(1).blend(halfErfc, negative);
            ((FloatVector) v.mul(phi).convertShape(VectorOperators.D2F, FD, 0)).intoArray(x, i);
        }
        Gelu.apply(x, i, to);
    }
}
