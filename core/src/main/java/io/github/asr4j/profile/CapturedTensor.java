package io.github.asr4j.profile;

import java.util.Arrays;

/** One tensor handed to an {@link ActivationListener}: row-major values and their shape. */
public record CapturedTensor(String name, float[] values, int[] shape) {

    public CapturedTensor {
        shape = shape.clone();
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        if (n != values.length) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " holds " + n
                    + " values, got " + values.length);
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }
}
