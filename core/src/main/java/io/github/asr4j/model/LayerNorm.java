package io.github.asr4j.model;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;

/** A Hugging Face {@code nn.LayerNorm} with Whisper's epsilon; weight and bias are {@code [1, dim]}. */
record LayerNorm(Buffer weight, Buffer bias) {

    /** Whisper's (and PyTorch's default) LayerNorm epsilon. */
    static final float EPS = 1e-5f;

    /** {@code y = LN(x)} row by row; {@code y} may be {@code x}. */
    void apply(Backend backend, Buffer x, Buffer y) {
        backend.layerNorm(x, weight, bias, EPS, y);
    }
}
