package io.github.asr4j.kernels;

import io.github.asr4j.loader.Tensor;

/**
 * The operations a Transformer forward pass needs, over row-major float activations and weights
 * kept in their stored dtype. Knows nothing of any particular model.
 *
 * <p>Implementations are thread-safe: one backend serves many concurrent forward passes. Arrays
 * passed in are only read or written during the call. Where a method takes an output array, it
 * must not alias an input unless the method says so.
 *
 * <p>CONTRACT: this interface is the agreement between the kernels and the model code.
 */
public interface Backend extends AutoCloseable {

    /** A short description for logs, e.g. {@code "cpu-vector (512-bit, 2 threads)"}. */
    String name();

    /** Worker threads this backend uses for one call. */
    int threads();

    /**
     * Prepares a weight matrix {@code [out, in]} (the Hugging Face {@code Linear} layout) for
     * {@link #linear}. The weight stays in its stored dtype (F32, F16 or BF16) and is widened
     * inside the kernel; the kernel for the dtype is chosen here, once.
     */
    Matrix matrix(Tensor weight);

    /**
     * Prepares a 1-D convolution kernel {@code [outChannels, inChannels, 3]} (PyTorch
     * {@code Conv1d} layout) for {@link #conv1d}.
     */
    ConvKernel convKernel(Tensor weight);

    /**
     * {@code y[n, out] = x[n, in] · Wᵀ + bias} ({@code bias} may be null). Each output's sum runs in
     * an order fixed by the shapes, so results do not depend on the thread count.
     *
     * @throws IllegalArgumentException when an array is shorter than the shapes need, or
     *     {@code w} came from another backend
     */
    void linear(float[] x, int n, Matrix w, float[] bias, float[] y);

    /**
     * General matrix multiply over float arrays:
     * {@code C[m, n] = alpha · op(A)[m, k] · op(B)[k, n] (+ C when accumulate)}, where
     * {@code op(X)} is X or its transpose. Row-major, dense, offsets 0:
     * A is {@code [m, k]} (or {@code [k, m]} when transA), B is {@code [k, n]} (or {@code [n, k]} when transB).
     */
    void matmul(float[] a, boolean transA, float[] b, boolean transB, float[] c,
                int m, int n, int k, float alpha, boolean accumulate);

    /** Row-wise LayerNorm: {@code y = (x - mean) / sqrt(var + eps) · gamma + beta} over {@code dim}. y may alias x. */
    void layerNorm(float[] x, int rows, int dim, float[] gamma, float[] beta, float eps, float[] y);

    /** Exact (erf) GELU in place over the first {@code length} elements. */
    void gelu(float[] x, int length);

    /** Numerically stable softmax in place over each of {@code rows} rows of {@code cols}. */
    void softmax(float[] x, int rows, int cols);

    /** {@code acc[i] += b[i]} for the first {@code length} elements. */
    void add(float[] acc, float[] b, int length);

    /**
     * Multi-head scaled dot-product attention, {@code softmax(Q·Kᵀ / sqrt(headDim)) · V} per head.
     *
     * <p>{@code q} is {@code [nq, heads·headDim]}; {@code k} and {@code v} are
     * {@code [≥nkv, heads·headDim]} of which the first {@code nkv} rows are used (so a KV cache
     * larger than its filled part can be passed as is); {@code out} is {@code [nq, heads·headDim]}.
     * Head {@code h} occupies columns {@code h·headDim .. (h+1)·headDim-1} of every row.
     * When {@code causal}, query {@code i} sees keys {@code 0 .. pastLength + i} only (the query
     * rows sit at positions {@code pastLength ..}); otherwise it sees all {@code nkv} keys.
     *
     * @throws IllegalArgumentException when an array is too short, or when {@code causal} and
     *     {@code pastLength + nq > nkv} (the last query would see keys that are not there)
     */
    void attention(float[] q, int nq, float[] k, float[] v, int nkv, int heads, int headDim,
                   boolean causal, int pastLength, float[] out);

    /**
     * 1-D convolution over time, kernel size 3, padding 1 on both sides, stride 1 or 2,
     * with time-major activations: {@code x} is {@code [length, inChannels]},
     * {@code y} is {@code [outLength, outChannels]} with {@code outLength = (length - 1) / stride + 1},
     * {@code y[t, o] = bias[o] + Σ_c Σ_j w[o, c, j] · x[t·stride + j - 1, c]} (zero outside {@code x}).
     */
    void conv1d(float[] x, int length, ConvKernel w, float[] bias, int stride, float[] y);

    /** Releases worker threads and device resources. The backend is unusable afterwards. */
    @Override
    void close();

    /** A weight matrix bound to a backend, in the backend's preferred form. */
    interface Matrix {
        /** Output features (rows of the stored {@code [out, in]} matrix). */
        int rows();

        /** Input features. */
        int cols();

        /** Copies row {@code r} widened to float into {@code dst[dstOffset ..]} (embedding lookup). */
        void row(int r, float[] dst, int dstOffset);
    }

    /** A convolution kernel bound to a backend. */
    interface ConvKernel {
        int outChannels();

        int inChannels();
    }
}
