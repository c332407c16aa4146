package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorGelu#apply}'s loads give every value its own lane result wherever its range sits: ranges ending at
 * the array's end (the last full-width load starts before the value, its lanes moved down) and arrays shorter than
 * one load (a padded copy) give the bits of the same values in the middle of a longer array, and nothing outside
 * the range changes (a wrong lane shift or copy fails it).
 */
class VectorGeluLoadTest {

    @Test
    void lanesDoNotDependOnWhereTheRangeSits() {
        Random rnd = new Random(5);
        for (int length = 1; length <= 70; length++) {
            float[] x = new float[length];
            for (int i = 0; i < length; i++) {
                x[i] = (float) (rnd.nextGaussian() * 3);
            }
            for (int from = 0; from <= Math.min(length, 20); from++) {
                for (int to : new int[] {length, length - 1, length - 5, from + 8, from + 17}) {
                    if (to < from || to > length) {
                        continue;
                    }
                    float[] actual = x.clone();
                    VectorGelu.apply(actual, from, to);
                    // The same values, the same range length, far from a longer array's end: full-width loads
                    // starting at each step's value (the lanes the range's vector steps must give).
                    float[] far = Arrays.copyOf(x, length + 64);
                    VectorGelu.apply(far, from, to);
                    for (int i = 0; i < length; i++) {
                        float expected = i < from || i >= to ? x[i] : far[i];
                        assertThat(Float.floatToRawIntBits(actual[i]))
                                .as("x[%d] of range %d..%d in an array of %d", i, from, to, length)
                                .isEqualTo(Float.floatToRawIntBits(expected));
                    }
                }
            }
        }
    }

    @Test
    void vectorLanesGiveTheScalarValues() {
        // Lane and scalar forms agree on these values (each lane's arithmetic is Gelu's), so a lane fed the wrong
        // input differs from the scalar form.
        Random rnd = new Random(7);
        float[] x = new float[4_099];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rnd.nextGaussian() * 3);
        }
        float[] actual = x.clone();
        VectorGelu.apply(actual, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            assertThat(Float.floatToRawIntBits(actual[i])).as("x[%d]", i)
                    .isEqualTo(Float.floatToRawIntBits(Gelu.apply(x[i])));
        }
    }
}
