package io.github.asr4j.kernels.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/** {@link Gelu}'s formula on double lanes: the same Chebyshev series, evaluated with SIMD. */
final class VectorGelu {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FD = VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));
    private static final double[] C = Gelu.COEFFS;

    private VectorGelu() {}

    static void apply(float[] x, int from, int to) {
        int lanes = FD.length();
        int i = from;
        for (int bound = from + FD.loopBound(to - from); i < bound; i += lanes) {
            DoubleVector v = (DoubleVector) FloatVector.fromArray(FD, x, i).convertShape(VectorOperators.F2D, D, 0);
            ((FloatVector) gelu(v).convertShape(VectorOperators.D2F, FD, 0)).intoArray(x, i);
        }
        Gelu.apply(x, i, to);
    }

    private static DoubleVector gelu(DoubleVector x) {
        DoubleVector z = x.abs().mul(Gelu.INV_SQRT2).min(Gelu.Z_MAX);
        DoubleVector t = DoubleVector.broadcast(D, 2).div(z.add(2));
        DoubleVector s = t.mul(2 / (1 - Gelu.T_MIN)).sub((1 + Gelu.T_MIN) / (1 - Gelu.T_MIN));
        DoubleVector twoS = s.add(s);
        DoubleVector b1 = DoubleVector.zero(D);
        DoubleVector b2 = DoubleVector.zero(D);
        for (int j = C.length - 1; j >= 1; j--) {
            DoubleVector b = twoS.fma(b1, b2.neg().add(C[j]));
            b2 = b1;
            b1 = b;
        }
        DoubleVector q = s.fma(b1, b2.neg().add(C[0]));
        DoubleVector halfErfc = z.mul(z).neg().lanewise(VectorOperators.EXP).mul(q).mul(0.5);
        VectorMask<Double> positive = x.compare(VectorOperators.GE, 0);
        DoubleVector phi = halfErfc.neg().add(1).blend(halfErfc, positive.not());
        return x.mul(phi);
    }
}
