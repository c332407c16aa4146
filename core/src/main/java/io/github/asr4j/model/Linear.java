package io.github.asr4j.model;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;

/**
 * A Hugging Face {@code nn.Linear}: {@code y = x · weightᵀ + bias}; {@code bias} ({@code [1, out]})
 * is null where the layer has none. {@code weightBytes} is the size of one stored weight element
 * (4, or 2 for F16/BF16), for the profiler's byte counts.
 */
record Linear(Backend.Matrix weight, Buffer bias, int weightBytes) {

    /** {@code y[n, out] = x[n, in] · weightᵀ + bias}. */
    void apply(Backend backend, Buffer x, Buffer y) {
        backend.linear(x, weight, bias, y);
    }

    /** FLOPs of {@link #apply} on {@code n} rows: 2·n·in·out (the bias adds are not counted). */
    long flops(int n) {
        return OpCosts.matmulFlops(n, weight.cols(), weight.rows());
    }

    /** Bytes {@link #apply} must move on {@code n} rows: the weights as stored, the bias, x read and y written. */
    long bytes(int n) {
        return (long) weight.rows() * weight.cols() * weightBytes
                + (bias == null ? 0 : 4L * bias.cols())
                + 4L * n * weight.cols() + 4L * n * weight.rows();
    }
}
