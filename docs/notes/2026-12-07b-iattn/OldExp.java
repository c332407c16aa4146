package io.github.asr4j.kernels.cpu;

import static io.github.asr4j.kernels.cpu.VectorBackend.F;
import static io.github.asr4j.kernels.cpu.VectorBackend.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/** main's VectorOps.expScaledInPlace (full VectorExp.exp), for the probe's copies of main's / earlier steps' classes. */
final class OldExp {
    static float expScaledInPlace(float[] x, int off, int len, float max, float scale) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            FloatVector e = VectorExp.exp(FloatVector.fromArray(F, x, off + i).sub(max).mul(scale));
            e.intoArray(x, off + i);
            acc = acc.add(e);
        }
        float sum = VectorOps.sumLanes(acc);
        for (; i < len; i++) {
            float e = (float) Math.exp((x[off + i] - max) * scale);
            x[off + i] = e;
            sum += e;
        }
        return sum;
    }
}
