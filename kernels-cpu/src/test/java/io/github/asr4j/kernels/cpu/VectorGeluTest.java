package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorGelu}'s float lanes against the exact GELU ({@link ErfReference#gelu}): within {@link
 * VectorGelu#MAX_ULP} units in the last place of the result over a sample of every 4,099th float bit pattern
 * (all signs and binades) and a dense grid of [-15, 15]; the scalar form {@link VectorGelu#gelu(float)} gives the
 * lanes' bits; the special values as documented.
 */
class VectorGeluTest {

    /** Units in the last place of the float result: 2^(e-23), e the exact value's exponent, at least 2^-149. */
    private static double ulps(float got, double exact) {
        int e = exact == 0 ? -127 : Math.getExponent(exact);
        return Math.abs(got - exact) / Math.scalb(1.0, Math.max(e, -126) - 23);
    }

    private static void check(float[] x) {
        float[] y = x.clone();
        VectorGelu.apply(y, 0, y.length);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            assertThat(Float.floatToRawIntBits(VectorGelu.gelu(x[i]))).as("scalar gelu(%s)", x[i])
                    .isEqualTo(Float.floatToRawIntBits(y[i]));
            if (!Float.isFinite(x[i])) {
                continue;
            }
            double u = ulps(y[i], ErfReference.gelu(x[i]));
            worst = Math.max(worst, u);
            assertThat(u).as("gelu(%s) = %s against %s", x[i], y[i], ErfReference.gelu(x[i]))
                    .isLessThanOrEqualTo(VectorGelu.MAX_ULP);
        }
        System.out.printf("VectorGelu: %d values, max %.3f ulp%n", x.length, worst);
    }

    @Test
    void everyBinadeWithinTheBound() {
        int stride = 4099;
        float[] x = new float[(int) ((1L << 32) / stride) + 1];
        int n = 0;
        for (long bits = 0; bits < 1L << 32; bits += stride) {
            x[n++] = Float.intBitsToFloat((int) bits);
        }
        check(java.util.Arrays.copyOf(x, n));
    }

    @Test
    void denseGridAndGaussianWithinTheBound() {
        int n = 600_001;
        float[] x = new float[n + 100_003];
        for (int i = 0; i < n; i++) {
            x[i] = -15f + 30f * i / (n - 1);
        }
        Random rnd = new Random(11);
        for (int i = n; i < x.length; i++) {
            x[i] = (float) (rnd.nextGaussian() * 3);
        }
        check(x);
    }

    @Test
    void specialValues() {
        float[] x = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 14.5f, 20f, Float.MAX_VALUE,
            -14.6f, -20f, -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE, 3 * Float.MIN_VALUE, Float.MIN_NORMAL,
            -14.2f, -13.5f, 1f, -1f};
        float[] y = x.clone();
        VectorGelu.apply(y, 0, y.length);   // the first 16 through the lanes, the rest through the scalar tail
        float[] tail = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            tail[i] = VectorGelu.gelu(x[i]);
            assertThat(Float.floatToRawIntBits(y[i])).as("lanes and scalar for %s", x[i])
                    .isEqualTo(Float.floatToRawIntBits(tail[i]));
        }
        assertThat(Float.isNaN(y[0])).isTrue();
        assertThat(y[1]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Float.floatToRawIntBits(y[2])).as("-inf gives -0").isEqualTo(Float.floatToRawIntBits(-0f));
        assertThat(Float.floatToRawIntBits(y[3])).isEqualTo(Float.floatToRawIntBits(0f));
        assertThat(Float.floatToRawIntBits(y[4])).isEqualTo(Float.floatToRawIntBits(-0f));
        assertThat(y[5]).isEqualTo(14.5f);
        assertThat(y[6]).isEqualTo(20f);
        assertThat(y[7]).isEqualTo(Float.MAX_VALUE);
        for (int i = 8; i <= 10; i++) {
            assertThat(Float.floatToRawIntBits(y[i])).as("gelu(%s)", x[i]).isEqualTo(Float.floatToRawIntBits(-0f));
        }
        // subnormal inputs and results: within the bound of the exact value
        for (int i = 11; i < x.length; i++) {
            assertThat(ulps(y[i], ErfReference.gelu(x[i]))).as("gelu(%s) = %s", x[i], y[i])
                    .isLessThanOrEqualTo(VectorGelu.MAX_ULP);
        }
        assertThat(y[15]).as("gelu(-14.2) is subnormal, not 0").isLessThan(0f).isGreaterThan(-Float.MIN_NORMAL);
    }

    /**
     * A NaN gives itself, bit for bit (sign and payload, signalling ones too), in the lanes and in the scalar tail:
     * computed through the arithmetic, its sign would depend on which fma operand the hardware propagates (the
     * interpreter's first call gave the lanes a NaN of the other sign than the scalar form).
     */
    @Test
    void nanGivesItself() {
        int[] nans = {0x7fc00000, 0xffc00000, 0x7f800001, 0xff800001, 0x7fc12345, 0xffbfffff, 0x7fffffff, 0xffffffff};
        float[] x = new float[2 * 16 + 7];
        Random rnd = new Random(5);
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 3 == 0 ? Float.intBitsToFloat(nans[i / 3 % nans.length]) : (float) rnd.nextGaussian();
        }
        for (int round = 0; round < 3; round++) {
            float[] y = x.clone();
            VectorGelu.apply(y, 0, y.length);   // 32 through the lanes, 7 through the scalar tail
            for (int i = 0; i < x.length; i++) {
                int in = Float.floatToRawIntBits(x[i]);
                if (Float.isNaN(x[i])) {
                    assertThat(Integer.toHexString(Float.floatToRawIntBits(y[i]))).as("lanes/tail, NaN at %d", i)
                            .isEqualTo(Integer.toHexString(in));
                    assertThat(Integer.toHexString(Float.floatToRawIntBits(VectorGelu.gelu(x[i])))).as("scalar")
                            .isEqualTo(Integer.toHexString(in));
                } else {
                    assertThat(Float.floatToRawIntBits(y[i])).isEqualTo(Float.floatToRawIntBits(VectorGelu.gelu(x[i])));
                }
            }
        }
    }
}
