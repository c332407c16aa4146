package io.github.asr4j.model;

import io.github.asr4j.kernels.Backend;

/** A Hugging Face {@code nn.Linear}: {@code y = x · weightᵀ + bias}; {@code bias} is null where the layer has none. */
record Linear(Backend.Matrix weight, float[] bias) {

    /** {@code y[n, out] = x[n, in] · weightᵀ + bias}. */
    void apply(Backend backend, float[] x, int n, float[] y) {
        backend.linear(x, n, weight, bias, y);
    }
}
