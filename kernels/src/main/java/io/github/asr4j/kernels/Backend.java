package io.github.asr4j.kernels;

import io.github.asr4j.loader.Tensor;

/**
 * The operations a Transformer forward pass needs, over tensors the backend owns. Knows nothing
 * of any particular model.
 *
 * <p>The backend allocates every activation, KV cache, bias and norm vector ({@link #allocate},
 * {@link #upload}) and every weight ({@link #matrix}, {@link #convKernel}); ops take and write
 * those handles, so on an accelerator the data stays in device memory. Data crosses to the host
 * only through {@link #upload} (features in) and {@link #download} (logits, captures out).
 *
 * <p>Shapes come from the buffers: an op over {@code x} works on all {@code x.rows()} rows. Each
 * output element is computed in an order fixed by the shapes alone, so results do not depend on
 * the thread count. Unless a method says so, an output must not be one of its inputs.
 * Implementations are thread-safe: one backend serves many concurrent forward passes, each with
 * its own buffers.
 *
 * <p>CONTRACT: this interface is the agreement between the kernels and the model code.
 *
 * <p>Every op throws {@link IllegalArgumentException} when shapes disagree, a buffer or weight
 * came from another backend, or an F16 buffer is given where only F32 is allowed.
 */
public interface Backend extends AutoCloseable {

    /** A short description for logs, e.g. {@code "cpu-vector (512-bit, 2 threads)"}. */
    String name();

    /** Worker threads this backend uses for one call. */
    int threads();

    /** How this backend keeps the weight matrices {@link #matrix} binds (as stored, unless it quantizes them). */
    default WeightFormat format() {
        return WeightFormat.STORED;
    }

    // ------------------------------------------------------------------ memory

    /** A new zero-filled {@code [rows, cols]} buffer. */
    Buffer allocate(int rows, int cols, BufferType type);

    /**
     * A new zero-filled {@code [rows, cols]} buffer for attention keys, written by {@link #copyRows}
     * (whole, as a window's cross-attention keys, or row by row, as a decoder's self-attention cache)
     * and otherwise only read by the attention ops: the backend may keep them in a layout of its own
     * that its attention reads faster; {@link #copyRows} and {@link #download} still see rows, and
     * no other op need take them (nor {@link #view}). By default, {@link #allocate}.
     */
    default Buffer allocateKeys(int rows, int cols, BufferType type) {
        return allocate(rows, cols, type);
    }

    /**
     * A {@code [rows, cols]} F32 buffer over the first {@code rows · cols} elements of {@code base}'s
     * storage, row-major: a write through either is seen by the other, and ops see only the view's
     * shape. For scratch whose lifetimes do not overlap, so a pass holds one allocation for both.
     * An op must not be given two buffers sharing storage where it would not accept one buffer twice.
     *
     * @throws IllegalArgumentException when {@code base} is not F32 (an F16 buffer's notes on what
     *     was written and a Q8 buffer's scales are per buffer), {@code rows · cols} is more than
     *     {@code base.size()}, or {@code base} came from another backend
     */
    Buffer view(Buffer base, int rows, int cols);

    /** A new F32 {@code [rows, cols]} buffer holding {@code values} (host to backend). */
    Buffer upload(float[] values, int rows, int cols);

    /** Copies rows {@code firstRow .. firstRow + rows - 1} of {@code src}, widened to float, into {@code dst} (backend to host). */
    void download(Buffer src, int firstRow, int rows, float[] dst);

    /**
     * Prepares a weight matrix {@code [out, in]} (the Hugging Face {@code Linear} layout) for
     * {@link #linear}, in this backend's weight format; the kernels for it are chosen here, once.
     */
    Matrix matrix(Tensor weight);

    /**
     * Prepares a convolution kernel: {@code [out, in, k]} for {@link #conv1d} (PyTorch
     * {@code Conv1d}) or {@code [out, in, kh, kw]} for {@link #conv2d} ({@code Conv2d}).
     */
    ConvKernel convKernel(Tensor weight);

    // ------------------------------------------------------------------ data movement

    /** {@code out[i] = table[ids[i]]} widened to float (embedding lookup); {@code out} is {@code [ids.length, table.cols]}. */
    void gather(Matrix table, int[] ids, Buffer out);

    /** {@code out[i] = table[rows[i]]}; {@code out} is {@code [rows.length, table.cols]}. */
    void gather(Buffer table, int[] rows, Buffer out);

    /**
     * Copies {@code rows} rows of {@code src} from {@code srcRow} to {@code dst} at {@code dstRow},
     * converting to {@code dst}'s type (F32 to F16 rounds to nearest). Widths must match.
     */
    void copyRows(Buffer src, int srcRow, Buffer dst, int dstRow, int rows);

    /** {@code dst[c, r] = src[r, c]}; {@code dst} is {@code [src.cols, src.rows]}. */
    void transpose(Buffer src, Buffer dst);

    // ------------------------------------------------------------------ math

    /** {@code y[n, out] = x[n, in] · Wᵀ + bias} ({@code bias} {@code [1, out]} or null). */
    void linear(Buffer x, Matrix w, Buffer bias, Buffer y);

    /**
     * {@code y[i] = x · w[i]ᵀ + bias[i]} for each {@code i}: several products of one input (e.g. the
     * query, key and value projections), each {@code y[i]} bit-identical to {@link #linear}'s. A
     * backend may run them as one parallel pass (one hand-off instead of one per matrix).
     * {@code bias} is null (no biases) or holds one entry per matrix, each null or {@code [1, out]}.
     * By default, one {@link #linear} per matrix.
     */
    default void linears(Buffer x, Matrix[] w, Buffer[] bias, Buffer[] y) {
        if (w.length != y.length || (bias != null && bias.length != w.length)) {
            throw new IllegalArgumentException("linears: " + w.length + " matrices, " + y.length + " outputs and "
                    + (bias == null ? "no" : bias.length) + " biases");
        }
        for (int i = 0; i < w.length; i++) {
            linear(x, w[i], bias == null ? null : bias[i], y[i]);
        }
    }

    /**
     * {@code out = SiLU(x · gateᵀ) · (x · upᵀ)}, the first half of a SwiGLU feed-forward block,
     * bit-identical to {@link #linear} into {@code out} and {@code scratch} followed by
     * {@link #swiglu}; a backend may compute it in one pass. {@code out} and {@code scratch} are
     * {@code [x.rows, gate.rows]}; {@code scratch}'s contents are overwritten (no allocation here, so a
     * long prompt's pass needs no more memory than the two products did).
     */
    default void linearSwiglu(Buffer x, Matrix gate, Matrix up, Buffer out, Buffer scratch) {
        linear(x, gate, null, out);
        linear(x, up, null, scratch);
        swiglu(out, scratch, out);
    }

    /**
     * {@code C = alpha · op(A) · op(B) (+ C when accumulate)}, {@code op(X)} being X or its
     * transpose: {@code op(A)} is {@code [m, k]}, {@code op(B)} {@code [k, n]}, C {@code [m, n]}.
     */
    void matmul(Buffer a, boolean transA, Buffer b, boolean transB, Buffer c, float alpha, boolean accumulate);

    /** Row-wise {@code y = (x - mean) / sqrt(var + eps) · gamma + beta}; gamma and beta {@code [1, dim]}. y may be x. */
    void layerNorm(Buffer x, Buffer gamma, Buffer beta, float eps, Buffer y);

    /**
     * Row-wise {@code y = x / sqrt(mean(x²) + eps) · gamma}; gamma {@code [1, dim]}. y may be x.
     * When gamma is {@code [1, g]} with {@code g} dividing {@code x.cols}, each run of {@code g}
     * values of a row is normalised on its own (a per-head norm, e.g. Qwen3's q/k norms).
     */
    void rmsNorm(Buffer x, Buffer gamma, float eps, Buffer y);

    /** Exact (erf) GELU in place. */
    void gelu(Buffer x);

    /** {@code out = SiLU(gate) · up}, {@code SiLU(g) = g / (1 + e^-g)} (the SwiGLU product). out may be gate or up. */
    void swiglu(Buffer gate, Buffer up, Buffer out);

    /** Numerically stable softmax in place over each row. */
    void softmax(Buffer x);

    /**
     * Rotary position embedding in place, rotate-half form: for each row {@code i}, each of the
     * {@code cols / headDim} heads and {@code j < headDim/2}, with {@code θ = positions[i] ·
     * base^(-2j/headDim)}: {@code (a, b) = (x[j], x[j + headDim/2])} becomes
     * {@code (a·cos θ - b·sin θ, b·cos θ + a·sin θ)}.
     */
    void rope(Buffer x, int headDim, int[] positions, float base);

    /** {@code acc += b}. */
    void add(Buffer acc, Buffer b);

    /** {@code x *= factor}. */
    void scale(Buffer x, float factor);

    /**
     * Multi-head scaled dot-product attention, {@code softmax(Q·Kᵀ / sqrt(headDim)) · V} per head,
     * grouped-query: {@code q} and {@code out} are {@code [nq, heads·headDim]}, {@code k} and
     * {@code v} {@code [≥ nkv, kvHeads·headDim]} (F32 or F16) of which the first {@code nkv} rows
     * are used, so a cache larger than its filled part is passed as is. Query head {@code h} reads
     * key/value head {@code h / (heads / kvHeads)}; {@code mask} says which keys each query sees.
     *
     * @throws IllegalArgumentException also when {@code heads} is not a multiple of {@code kvHeads},
     *     or a query would see no key (e.g. causal with {@code past + nq > nkv})
     */
    void attention(Buffer q, Buffer k, Buffer v, int nkv, int heads, int kvHeads, AttentionMask mask, Buffer out);

    /**
     * {@link #attention} with a full mask for query rows that are independent of one another (the
     * beams of one audio window over its shared cross-attention cache): each row of {@code out} is
     * bit-identical to what a one-row {@link #attention} call gives that row alone, whatever the
     * row count, while a backend may read each key and value row once for all the queries.
     * By default, one call per row.
     */
    default void attentionEach(Buffer q, Buffer k, Buffer v, int nkv, int heads, int kvHeads, Buffer out) {
        if (q.rows() != out.rows()) {
            throw new IllegalArgumentException("attentionEach: " + q.rows() + " query rows but " + out.rows() + " output rows");
        }
        Buffer row = allocate(1, q.cols(), BufferType.F32);
        Buffer result = allocate(1, out.cols(), BufferType.F32);
        for (int i = 0; i < q.rows(); i++) {
            copyRows(q, i, row, 0, 1);
            attention(row, k, v, nkv, heads, kvHeads, AttentionMask.full(), result);
            copyRows(result, 0, out, i, 1);
        }
    }

    /**
     * {@link #attentionEach} for query rows in groups, each over its own cache: rows
     * {@code [first[g], first[g + 1])} of {@code q} (and of {@code out}) attend to {@code k[g]} and
     * {@code v[g]} ({@code first[0] = 0}, {@code first[k.length] = q.rows()}; an empty group is
     * allowed). The decoder step of a batch of windows, each window's rows (one, or its beams)
     * over that window's cross-attention cache, in one call: a backend may spread all the
     * caches' reads over its threads at once. Each row is bit-identical to its one-row
     * {@link #attention} call, as for {@link #attentionEach}. By default, one
     * {@link #attentionEach} call per group.
     */
    default void attentionEach(Buffer q, int[] first, Buffer[] k, Buffer[] v, int nkv, int heads, int kvHeads, Buffer out) {
        checkGroups(q, first, k, v, out);
        for (int g = 0; g < k.length; g++) {
            int n = first[g + 1] - first[g];
            if (n == q.rows()) {
                attentionEach(q, k[g], v[g], nkv, heads, kvHeads, out);
            } else if (n > 0) {
                Buffer rows = allocate(n, q.cols(), BufferType.F32);
                Buffer result = allocate(n, out.cols(), BufferType.F32);
                copyRows(q, first[g], rows, 0, n);
                attentionEach(rows, k[g], v[g], nkv, heads, kvHeads, result);
                copyRows(result, 0, out, first[g], n);
            }
        }
    }

    /**
     * Checks the grouping of {@link #attentionEach(Buffer, int[], Buffer[], Buffer[], int, int, int, Buffer)}:
     * one key and one value buffer per group, {@code first} from 0 to {@code q.rows()} without going down.
     */
    static void checkGroups(Buffer q, int[] first, Buffer[] k, Buffer[] v, Buffer out) {
        if (q.rows() != out.rows()) {
            throw new IllegalArgumentException("attentionEach: " + q.rows() + " query rows but " + out.rows() + " output rows");
        }
        if (k.length != v.length || first.length != k.length + 1) {
            throw new IllegalArgumentException("attentionEach: " + k.length + " key and " + v.length + " value buffers need "
                    + (k.length + 1) + " group starts, got " + first.length);
        }
        if (first[0] != 0 || first[k.length] != q.rows()) {
            throw new IllegalArgumentException("attentionEach: groups must cover rows 0 .. " + q.rows() + ", got "
                    + first[0] + " .. " + first[k.length]);
        }
        for (int g = 0; g < k.length; g++) {
            if (first[g + 1] < first[g]) {
                throw new IllegalArgumentException("attentionEach: group " + g + " starts at row " + first[g]
                        + " but ends at " + first[g + 1]);
            }
        }
    }

    /**
     * The probabilities {@link #attention} weights V by, materialised for inspection:
     * {@code weights} is {@code [heads, nq·nkv]}, row {@code h} holding query-major
     * {@code softmax(q_h·k_hᵀ/√headDim)}, 0 for keys the mask hides.
     */
    void attentionWeights(Buffer q, Buffer k, int nkv, int heads, int kvHeads, AttentionMask mask, Buffer weights);

    /**
     * 1-D convolution over time, time-major: {@code x} {@code [length, in]}, {@code y}
     * {@code [(length + 2·padding - k) / stride + 1, out]},
     * {@code y[t, o] = bias[o] + Σ_c Σ_j w[o, c, j] · x[t·stride + j - padding, c]} (zero outside x).
     */
    void conv1d(Buffer x, ConvKernel w, Buffer bias, int stride, int padding, Buffer y);

    /**
     * 2-D convolution, channel-major: {@code x} is {@code [in·height, width]} (row {@code c·height + r}),
     * {@code y} {@code [out·outHeight, outWidth]} with {@code outH = (height + 2·padding - kh) / stride + 1}
     * (likewise outWidth), {@code y[o, r, s] = bias[o] + Σ w[o, c, i, j] · x[c, r·stride + i - padding, s·stride + j - padding]}.
     */
    void conv2d(Buffer x, int height, ConvKernel w, Buffer bias, int stride, int padding, Buffer y);

    /** Releases worker threads and device resources. The backend is unusable afterwards. */
    @Override
    void close();

    /** A weight matrix bound to a backend, in the backend's preferred form. */
    interface Matrix {
        /** The tensor's name in the checkpoint (for messages and profiles). */
        String name();

        /** Output features (rows of the stored {@code [out, in]} matrix). */
        int rows();

        /** Input features. */
        int cols();

        /** Bytes the matrix occupies in its format: what a product over it must stream. */
        long bytes();
    }

    /** A convolution kernel bound to a backend. */
    interface ConvKernel {
        /** The tensor's name in the checkpoint. */
        String name();

        int outChannels();

        int inChannels();

        /** Kernel extent along time (conv1d) or along both axes (conv2d, square kernels). */
        int size();
    }
}
