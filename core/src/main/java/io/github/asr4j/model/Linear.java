package io.github.asr4j.model;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;

/**
 * A Hugging Face {@code nn.Linear}: {@code y = x · weightᵀ + bias}; {@code bias} ({@code [1, out]})
 * is null where the layer has none.
 */
record Linear(Backend.Matrix weight, Buffer bias) {

    /** {@code y[n, out] = x[n, in] · weightᵀ + bias}. */
    void apply(Backend backend, Buffer x, Buffer y) {
        backend.linear(x, weight, bias, y);
    }
}
