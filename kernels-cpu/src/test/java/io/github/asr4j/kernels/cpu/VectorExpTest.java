package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** {@link VectorExp} against {@link Math#exp}, over the range softmax and GELU use and beyond. */
class VectorExpTest {

    @Test
    void floatExpIsWithinTwoTenthsOfAMillionthRelative() {
        int lanes = VectorBackend.F.length();
        double worst = 0;
        float[] x = new float[lanes];
        float[] y = new float[lanes];
        for (double v = -87; v < 88; v += 0.0137) {
            for (int i = 0; i < lanes; i++) {
                x[i] = (float) (v + i * 0.001);
            }
            VectorExp.exp(FloatVector.fromArray(VectorBackend.F, x, 0)).intoArray(y, 0);
            for (int i = 0; i < lanes; i++) {
                double exact = Math.exp(x[i]);
                worst = Math.max(worst, Math.abs(y[i] - exact) / exact);
            }
        }
        assertThat(worst).isLessThan(2e-7);
        x[0] = -100f;
        x[1] = 100f;
        x[2] = 0f;
        VectorExp.exp(FloatVector.fromArray(VectorBackend.F, x, 0)).intoArray(y, 0);
        assertThat(y[0]).isZero();
        assertThat(y[1]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(y[2]).isEqualTo(1f);
    }

    @Test
    void doubleExpIsWithinThreeHundredMillionthsOfAMillionthRelative() {
        int lanes = VectorBackend.D.length();
        double worst = 0;
        double[] x = new double[lanes];
        double[] y = new double[lanes];
        for (double v = -700; v < 700; v += 0.0731) {
            for (int i = 0; i < lanes; i++) {
                x[i] = v + i * 0.0001;
            }
            VectorExp.exp(DoubleVector.fromArray(VectorBackend.D, x, 0)).intoArray(y, 0);
            for (int i = 0; i < lanes; i++) {
                double exact = Math.exp(x[i]);
                worst = Math.max(worst, Math.abs(y[i] - exact) / exact);
            }
        }
        assertThat(worst).isLessThan(3e-16);
    }
}
