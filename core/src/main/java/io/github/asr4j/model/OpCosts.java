package io.github.asr4j.model;

/**
 * The work each operation of a forward pass must do, from shapes alone, for the profiler.
 * FLOPs: a multiply-add counts 2; element-wise ops count nominal FLOPs per element (LayerNorm 8:
 * mean 1, variance 3, normalise and affine 4; GELU 8; softmax 5 per score: max, subtract, exp, sum,
 * divide). Bytes: weights in their stored dtype plus float32 activations read and written once
 * (the ideal traffic, not what caches actually see).
 */
final class OpCosts {
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

    /** Kernel-3 convolution: 2·outLength·out·in·3 FLOPs (bias adds not counted). */
    static long convFlops(int outLength, int outChannels, int inChannels) {
        return 2L * outLength * outChannels * inChannels * 3;
    }

    static long convBytes(int length, int outLength, int outChannels, int inChannels, int weightBytes) {
        return (long) outChannels * inChannels * 3 * weightBytes + 4L * outChannels
                + 4L * length * inChannels + 4L * outLength * outChannels;
    }
}
