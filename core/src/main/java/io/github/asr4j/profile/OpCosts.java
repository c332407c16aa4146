package io.github.asr4j.profile;

/**
 * The work each operation of a forward pass must do, from shapes alone, for the profiler.
 * FLOPs: a multiply-add counts 2; element-wise ops count nominal FLOPs per element (LayerNorm 8:
 * mean 1, variance 3, normalise and affine 4; GELU 8; softmax 5 per score: max, subtract, exp, sum,
 * divide). Bytes: weights in their stored dtype plus float32 activations read and written once
 * (the ideal traffic, not what caches actually see).
 */
final class OpCosts {
    /** SiLU (exp, add, divide) and the product. */
    static final int SWIGLU_FLOPS_PER_ELEMENT = 4;
    /** Two products and an add per rotated element. */
    static final int ROPE_FLOPS_PER_ELEMENT = 3;

    static final int LAYER_NORM_FLOPS_PER_ELEMENT = 8;
    static final int GELU_FLOPS_PER_ELEMENT = 8;
    static final int SOFTMAX_FLOPS_PER_SCORE = 5;

    private OpCosts() {}

    static long matmulFlops(long m, long k, long n) {
        return 2 * m * k * n;
    }

    static long layerNormFlops(int rows, int dim) {
        return (long) LAYER_NORM_FLOPS_PER_ELEMENT * rows * dim;
    }

    /** x read, y written, gamma and beta read. */
    static long layerNormBytes(int rows, int dim) {
        return 4L * (2L * rows * dim + 2L * dim);
    }

    static long geluFlops(long elements) {
        return GELU_FLOPS_PER_ELEMENT * elements;
    }

    /** In place: read and written once. */
    static long geluBytes(long elements) {
        return 8 * elements;
    }

    static long addFlops(long elements) {
        return elements;
    }

    /** acc and b read, acc written. */
    static long addBytes(long elements) {
        return 12 * elements;
    }

    /** Scores one query row sees, summed over the rows: all keys, or the causal prefix. */
    static long scores(int nq, int nkv, boolean causal, int past) {
        return causal ? (long) nq * past + (long) nq * (nq + 1) / 2 : (long) nq * nkv;
    }

    /** Q·Kᵀ and P·V (2·headDim each per score and head) plus the softmax. */
    static long attentionFlops(int nq, int nkv, int heads, int headDim, boolean causal, int past) {
        long s = scores(nq, nkv, causal, past);
        return s * heads * (4L * headDim + SOFTMAX_FLOPS_PER_SCORE);
    }

    /** Q and the output [nq, d], K and V [nkv, d]; the fused kernel keeps scores out of memory. */
    static long attentionBytes(int nq, int nkv, int dModel) {
        return 4L * dModel * (2L * nq + 2L * nkv);
    }

    /** As {@link #attentionBytes} with K and V {@code [nkv, kvWidth]} of {@code kvBytes} per element. */
    static long attentionBytes(int nq, int width, int nkv, int kvWidth, int kvBytes) {
        return 8L * nq * width + 2L * kvBytes * nkv * kvWidth;
    }

    /** As {@link #attentionBytes(int, int, int, int, int)} with K and V of {@code kv}; Q8 counts its float scale per 32 values. */
    static long attentionBytes(int nq, int width, int nkv, int kvWidth, io.github.asr4j.kernels.BufferType kv) {
        long scales = kv == io.github.asr4j.kernels.BufferType.Q8 ? 2L * 4 * nkv * ((kvWidth + 31) / 32) : 0;
        return attentionBytes(nq, width, nkv, kvWidth, kv.bytes()) + scales;
    }

    /** Convolution: 2·outputs·out·in·taps FLOPs (taps = k or k², bias adds not counted). */
    static long convFlops(long outputs, int outChannels, int inChannels, int taps) {
        return 2L * outputs * outChannels * inChannels * taps;
    }

    /** The F32 kernel and bias, the input read and the output written. */
    static long convBytes(long inputs, long outputs, int outChannels, int inChannels, int taps) {
        return 4L * outChannels * inChannels * taps + 4L * outChannels + 4L * inputs * inChannels + 4L * outputs * outChannels;
    }
}
