package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link VectorSwiglu}'s lanes against the scalar {@link CpuBackend#swiglu(float, float)}, bit for bit. */
class VectorSwigluTest {

    @Test
    void everyLaneGivesTheScalarFormsBits() {
        Random rnd = new Random(7);
        int n = 1 << 16;
        float[] g = new float[n + 5];   // not a whole number of vectors: the tail goes the scalar way
        float[] u = new float[n + 5];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) (rnd.nextGaussian() * (i % 3 == 0 ? 40 : 4));
            u[i] = (float) rnd.nextGaussian();
        }
        float[] special = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE,
                -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE, 708f, -708f, 709f, -709f, 709.5f, -709.5f, 1e-30f, 88.7f, -88.7f};
        System.arraycopy(special, 0, g, 1000, special.length);
        float[] o = new float[g.length];
        VectorSwiglu.apply(g, u, o, 3, g.length);
        for (int i = 3; i < g.length; i++) {
            float want = CpuBackend.swiglu(g[i], u[i]);
            assertThat(Float.floatToRawIntBits(o[i])).as("g %s u %s", g[i], u[i]).isEqualTo(Float.floatToRawIntBits(want));
        }
        assertThat(o[0]).isZero();
    }

    @Test
    void inPlaceOverTheGateGivesTheSameBits() {
        Random rnd = new Random(11);
        float[] g = new float[777];
        float[] u = new float[777];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) (rnd.nextGaussian() * 6);
            u[i] = (float) rnd.nextGaussian();
        }
        float[] want = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            want[i] = CpuBackend.swiglu(g[i], u[i]);
        }
        VectorSwiglu.apply(g, u, g, 0, g.length);
        assertThat(g).isEqualTo(want);
    }

    @Test
    void theScalarFormIsSiluTimesUp() {
        for (float g = -30; g <= 30; g += 0.37f) {
            double silu = g / (1 + Math.exp(-(double) g));
            assertThat((double) CpuBackend.swiglu(g, 1f)).isCloseTo(silu, org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, Math.abs(silu))));
        }
    }
}
