package io.github.asr4j.kernels.cpu;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.loader.Tensor;
import java.util.Arrays;

/**
 * A kernel-size-3 convolution rearranged as a {@code [out, 3·in]} F32 matrix with column
 * {@code j·in + c} holding {@code w[o, c, j]}. With time-major activations, the three input rows
 * a window covers are contiguous, so the convolution becomes a matrix product whose input rows
 * overlap in memory. Conv weights are small, so the one F32 copy (in native memory) is cheap.
 */
record CpuConvKernel(WeightMatrix matrix, int outChannels, int inChannels) implements Backend.ConvKernel {
    static final int WIDTH = 3;

    static CpuConvKernel of(Tensor weight, WeightMatrix.RowWidener f32) {
        if (weight.rank() != 3 || weight.dim(2) != WIDTH) {
            throw new IllegalArgumentException("tensor " + weight.name() + ": a conv kernel must be [out, in, 3], got shape "
                    + Arrays.toString(weight.shape()));
        }
        WeightMatrix.checkDtype(weight);
        int out = weight.dim(0);
        int in = weight.dim(1);
        float[] rearranged = new float[Math.multiplyExact(out, Math.multiplyExact(WIDTH, in))];
        for (int o = 0; o < out; o++) {
            for (int c = 0; c < in; c++) {
                for (int j = 0; j < WIDTH; j++) {
                    rearranged[(o * WIDTH + j) * in + c] = weight.getFloat(((long) o * in + c) * WIDTH + j);
                }
            }
        }
        return new CpuConvKernel(WeightMatrix.ofFloats(weight.name(), rearranged, out, WIDTH * in, f32), out, in);
    }
}
