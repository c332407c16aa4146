package io.github.asr4j.model;

import io.github.asr4j.kernels.Backend;

/** A Hugging Face {@code nn.LayerNorm} with Whisper's epsilon. */
record LayerNorm(float[] weight, float[] bias) {

    /** Whisper's (and PyTorch's default) LayerNorm epsilon. */
    static final float EPS = 1e-5f;

    /** {@code y = LN(x)} row by row over {@code rows} rows; {@code y} may be {@code x}. */
    void apply(Backend backend, float[] x, int rows, float[] y) {
        backend.layerNorm(x, rows, weight.length, weight, bias, EPS, y);
    }
}
