package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorGelu#applyWarming}'s short calls give the bits of one {@link VectorGelu#apply} over the range, for
 * ranges with and without a scalar remainder, whether or not the process counts as compiled (a short call that
 * skipped or repeated a value fails it).
 */
class VectorGeluWarmingTest {

    @Test
    void shortCallsGiveTheBitsOfOneCall() {
        Random rnd = new Random(3);
        float[] x = new float[20_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rnd.nextGaussian() * 3);
        }
        int[][] ranges = {{0, 4096}, {0, 4099}, {5, 4101}, {3, 263}, {7, 7 + 255}, {1, 19_999}, {0, 20_000}, {11, 12}, {4, 4}};
        for (int[] r : ranges) {
            float[] expected = x.clone();
            VectorGelu.apply(expected, r[0], r[1]);
            for (boolean compiled : new boolean[] {false, true}) {
                float[] actual = x.clone();
                VectorGelu.compiled = compiled;
                VectorGelu.applyWarming(actual, r[0], r[1]);
                for (int i = 0; i < x.length; i++) {
                    assertThat(Float.floatToRawIntBits(actual[i])).as("x[%d] of range %d..%d", i, r[0], r[1])
                            .isEqualTo(Float.floatToRawIntBits(expected[i]));
                }
            }
        }
    }
}
