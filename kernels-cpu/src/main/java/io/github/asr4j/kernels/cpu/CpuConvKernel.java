package io.github.asr4j.kernels.cpu;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.loader.Tensor;
import java.util.Arrays;

/**
 * A convolution kernel as an F32 matrix, so that a convolution becomes one matrix product.
 *
 * <p>Conv1d ({@code [out, in, k]}): rearranged to {@code [out, k·in]} with column {@code j·in + c}
 * holding {@code w[o, c, j]}. With time-major activations the k input rows a window covers are
 * contiguous, so the product's input rows overlap in memory and need no copying.
 *
 * <p>Conv2d ({@code [out, in, k, k]}): kept in PyTorch order as {@code [out, in·k·k]}, multiplied
 * with gathered patches (im2col). Conv weights are small, so the one F32 copy (in native memory) is cheap.
 * A conv2d kernel also keeps its values on the heap in {@link VectorConv2d}'s strip layout ({@code strips}, null
 * for conv1d), the broadcast side of its product, packed once here instead of in every task of every call.
 */
record CpuConvKernel(WeightMatrix matrix, int outChannels, int inChannels, int size, boolean planar, float[] strips)
        implements Backend.ConvKernel {

    /** Binds an F32 {@code [rows, cols]} matrix of the given values in the backend's class for F32. */
    interface F32Binder {
        WeightMatrix bind(String name, float[] values, int rows, int cols);
    }

    static CpuConvKernel of(Tensor weight, F32Binder f32) {
        WeightMatrix.checkDtype(weight);
        if (weight.rank() == 3 && weight.dim(2) >= 1) {
            int out = weight.dim(0);
            int in = weight.dim(1);
            int k = weight.dim(2);
            float[] rearranged = new float[Math.multiplyExact(out, Math.multiplyExact(k, in))];
            for (int o = 0; o < out; o++) {
                for (int c = 0; c < in; c++) {
                    for (int j = 0; j < k; j++) {
                        rearranged[(o * k + j) * in + c] = weight.getFloat(((long) o * in + c) * k + j);
                    }
                }
            }
            return new CpuConvKernel(f32.bind(weight.name(), rearranged, out, k * in), out, in, k, false, null);
        }
        if (weight.rank() == 4 && weight.dim(2) == weight.dim(3) && weight.dim(2) >= 1) {
            int out = weight.dim(0);
            int in = weight.dim(1);
            int k = weight.dim(2);
            float[] values = new float[Math.multiplyExact(out, Math.multiplyExact(in, k * k))];
            for (int i = 0; i < values.length; i++) {
                values[i] = weight.getFloat(i);
            }
            return new CpuConvKernel(f32.bind(weight.name(), values, out, in * k * k), out, in, k, true,
                    VectorConv2d.packStrips(values, out, in * k * k));
        }
        throw new IllegalArgumentException("tensor " + weight.name() + ": a conv kernel must be [out, in, k] or [out, in, k, k],"
                + " got shape " + Arrays.toString(weight.shape()));
    }

    @Override
    public String name() {
        return matrix.name();
    }

    @Override
    public String toString() {
        return matrix.name() + (planar ? " conv2d " : " conv1d ") + outChannels + "x" + inChannels + " k" + size;
    }
}
