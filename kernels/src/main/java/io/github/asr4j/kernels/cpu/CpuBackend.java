package io.github.asr4j.kernels.cpu;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.Tensor;

/**
 * What the CPU backends share: argument checks, the worker pool, and plain-Java forms of the
 * row-wise operations, convolution (as a matrix product over overlapping windows) and attention.
 * Subclasses supply the matrix products and override the row primitives with explicit SIMD.
 * HotSpot auto-vectorises a loop {@code y[j] += a·x[j]} only over whole arrays (at different
 * offsets the two arrays might be one, overlapping), so the hot plain-Java loops are shaped that way.
 *
 * <p>Every output element is computed by exactly one task, in an order fixed by the problem
 * shape alone, so results are bitwise identical for any thread count.
 */
abstract class CpuBackend implements Backend {
    /** Queries per attention task. */
    private static final int ATTENTION_QUERY_BLOCK = 32;
    /** Rows per task for the row-wise operations. */
    private static final int ROW_BLOCK = 16;
    /** Below this many queries in a block, K is not worth transposing. */
    private static final int TRANSPOSE_MIN_QUERIES = 4;

    protected final WorkerPool pool;
    private final ThreadLocal<float[]> attentionScratch = new ThreadLocal<>();

    private final io.github.asr4j.kernels.WeightFormat format;

    protected CpuBackend(int threads, io.github.asr4j.kernels.WeightFormat format) {
        this.pool = new WorkerPool(threads);
        this.format = java.util.Objects.requireNonNull(format, "format");
    }

    /** How this backend keeps weight matrices. */
    public io.github.asr4j.kernels.WeightFormat format() {
        return format;
    }

    @Override
    public int threads() {
        return pool.threads();
    }

    @Override
    public Matrix matrix(Tensor weight) {
        return format == io.github.asr4j.kernels.WeightFormat.INT8
                ? WeightMatrix.quantized(weight, this::widener, this::int8Widener)
                : WeightMatrix.of(weight, this::widener);
    }

    /** This backend's int8 dequantizing loop over the given block scales. */
    protected abstract WeightMatrix.RowWidener int8Widener(java.lang.foreign.MemorySegment scales);

    @Override
    public ConvKernel convKernel(Tensor weight) {
        return CpuConvKernel.of(weight, widener(DType.F32));
    }

    /** This backend's widening loop for a weight dtype (F32, F16 or BF16). */
    protected abstract WeightMatrix.RowWidener widener(DType dtype);

    @Override
    public void close() {
        pool.close();
    }

    /**
     * {@code y[i, o] = bias[o] + Σ_c x[xOffset + i·xRowStride + c] · W[o, c]} for {@code i < n}, with
     * {@code y} dense {@code [n, W.rows]}. Input rows may overlap (convolution windows).
     */
    protected abstract void linearRows(float[] x, int xOffset, int xRowStride, int n, WeightMatrix w, float[] bias, float[] y);

    @Override
    public void linear(float[] x, int n, Matrix w, float[] bias, float[] y) {
        WeightMatrix m = weightMatrix(w);
        int in = m.cols();
        int out = m.rows();
        requireLength("x", x, (long) n * in);
        requireLength("y", y, (long) n * out);
        if (bias != null) {
            requireLength("bias", bias, out);
        }
        if (n == 0) {
            return;
        }
        linearRows(x, 0, in, n, m, bias, y);
    }

    @Override
    public void conv1d(float[] x, int length, ConvKernel w, float[] bias, int stride, float[] y) {
        if (!(w instanceof CpuConvKernel kernel)) {
            throw new IllegalArgumentException("conv kernel " + w + " was not made by a CPU backend");
        }
        if (stride != 1 && stride != 2) {
            throw new IllegalArgumentException("conv1d stride must be 1 or 2, got " + stride);
        }
        if (length < 1) {
            throw new IllegalArgumentException("conv1d length must be at least 1, got " + length);
        }
        int in = kernel.inChannels();
        int out = kernel.outChannels();
        int outLength = (length - 1) / stride + 1;
        requireLength("x", x, (long) length * in);
        requireLength("y", y, (long) outLength * out);
        if (bias != null) {
            requireLength("bias", bias, out);
        }
        // One zero row either side turns padding into plain data; window t then starts at row t·stride.
        float[] padded = new float[Math.multiplyExact(length + 2, in)];
        System.arraycopy(x, 0, padded, in, length * in);
        linearRows(padded, 0, stride * in, outLength, kernel.matrix(), bias, y);
    }

    @Override
    public void layerNorm(float[] x, int rows, int dim, float[] gamma, float[] beta, float eps, float[] y) {
        requireLength("x", x, (long) rows * dim);
        requireLength("y", y, (long) rows * dim);
        requireLength("gamma", gamma, dim);
        requireLength("beta", beta, dim);
        pool.parallelFor(blocks(rows, ROW_BLOCK), b -> {
            int end = Math.min(rows, (b + 1) * ROW_BLOCK);
            for (int r = b * ROW_BLOCK; r < end; r++) {
                layerNormRow(x, r * dim, dim, gamma, beta, eps, y);
            }
        });
    }

    /** Two passes (mean, then centred variance) accumulated in double. */
    protected void layerNormRow(float[] x, int off, int dim, float[] gamma, float[] beta, float eps, float[] y) {
        double sum = 0;
        for (int i = 0; i < dim; i++) {
            sum += x[off + i];
        }
        double mean = sum / dim;
        double sq = 0;
        for (int i = 0; i < dim; i++) {
            double d = x[off + i] - mean;
            sq += d * d;
        }
        float m = (float) mean;
        float inv = (float) (1 / Math.sqrt(sq / dim + eps));
        for (int i = 0; i < dim; i++) {
            y[off + i] = (x[off + i] - m) * inv * gamma[i] + beta[i];
        }
    }

    @Override
    public void gelu(float[] x, int length) {
        requireLength("x", x, length);
        int block = 4096;
        pool.parallelFor(blocks(length, block), b -> geluRange(x, b * block, Math.min(length, (b + 1) * block)));
    }

    protected void geluRange(float[] x, int from, int to) {
        Gelu.apply(x, from, to);
    }

    @Override
    public void softmax(float[] x, int rows, int cols) {
        requireLength("x", x, (long) rows * cols);
        pool.parallelFor(blocks(rows, ROW_BLOCK), b -> {
            int end = Math.min(rows, (b + 1) * ROW_BLOCK);
            for (int r = b * ROW_BLOCK; r < end; r++) {
                softmaxRow(x, r * cols, cols);
            }
        });
    }

    private void softmaxRow(float[] x, int off, int len) {
        if (len == 0) {
            return;
        }
        float max = max(x, off, len);
        float sum = expShiftedInPlace(x, off, len, max);
        float inv = 1 / sum;
        scale(x, off, len, inv);
    }

    protected float max(float[] x, int off, int len) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < len; i++) {
            max = Math.max(max, x[off + i]);
        }
        return max;
    }

    /** {@code x[i] = exp(x[i] - max)} over the range; returns the sum of the results. */
    protected float expShiftedInPlace(float[] x, int off, int len, float max) {
        double sum = 0;
        for (int i = 0; i < len; i++) {
            float e = (float) Math.exp(x[off + i] - max);
            x[off + i] = e;
            sum += e;
        }
        return (float) sum;
    }

    protected void scale(float[] x, int off, int len, float factor) {
        for (int i = 0; i < len; i++) {
            x[off + i] *= factor;
        }
    }

    @Override
    public void add(float[] acc, float[] b, int length) {
        requireLength("acc", acc, length);
        requireLength("b", b, length);
        for (int i = 0; i < length; i++) {
            acc[i] += b[i];
        }
    }

    @Override
    public void attention(float[] q, int nq, float[] k, float[] v, int nkv, int heads, int headDim,
                          boolean causal, int pastLength, float[] out) {
        int width = checkAttention(q, nq, k, v, nkv, heads, headDim, causal, pastLength, out);
        float scale = (float) (1 / Math.sqrt(headDim));
        int queryBlocks = blocks(nq, ATTENTION_QUERY_BLOCK);
        pool.parallelFor(heads * queryBlocks, task -> {
            int h = task / queryBlocks;
            int q0 = (task % queryBlocks) * ATTENTION_QUERY_BLOCK;
            int q1 = Math.min(nq, q0 + ATTENTION_QUERY_BLOCK);
            int keys = causal ? pastLength + q1 : nkv;
            attentionBlock(q, q0, q1, k, v, keys, h * headDim, headDim, width, causal, pastLength, scale, out);
        });
    }

    /** Validates attention arguments; returns the row width {@code heads·headDim}. */
    static int checkAttention(float[] q, int nq, float[] k, float[] v, int nkv, int heads, int headDim,
                              boolean causal, int pastLength, float[] out) {
        if (heads < 1 || headDim < 1) {
            throw new IllegalArgumentException("attention needs heads >= 1 and headDim >= 1, got " + heads + " and " + headDim);
        }
        int width = Math.multiplyExact(heads, headDim);
        requireLength("q", q, (long) nq * width);
        requireLength("out", out, (long) nq * width);
        requireLength("k", k, (long) nkv * width);
        requireLength("v", v, (long) nkv * width);
        if (nkv < 1 && nq > 0) {
            throw new IllegalArgumentException("attention needs at least one key, got nkv=" + nkv);
        }
        if (pastLength < 0) {
            throw new IllegalArgumentException("pastLength must be >= 0, got " + pastLength);
        }
        if (causal && (long) pastLength + nq > nkv) {
            throw new IllegalArgumentException("causal attention: " + nq + " queries after " + pastLength
                    + " past positions need " + (pastLength + nq) + " keys, but nkv=" + nkv);
        }
        return width;
    }

    /**
     * Queries {@code [q0, q1)} of the head whose columns start at {@code col}, against the first
     * {@code keys} keys. K's head slice is transposed and V's copied into per-thread rows, so that
     * both products are {@code y[j] += a·x[j]} loops over whole arrays, which the JIT vectorises
     * (it does not when the two arrays carry different offsets, as they might be one array).
     */
    protected void attentionBlock(float[] q, int q0, int q1, float[] k, float[] v, int keys, int col, int headDim, int width,
                                  boolean causal, int pastLength, float scale, float[] out) {
        if (q1 - q0 < TRANSPOSE_MIN_QUERIES) {
            attentionByDots(q, q0, q1, k, v, col, headDim, width, causal ? pastLength : -1, keys, scale, out);
            return;
        }
        float[][] kt = rows(keyRows, headDim, keys);
        float[][] vr = rows(valueRows, keys, headDim);
        float[] scores = scratch(attentionScratch, keys);
        float[] acc = scratch(accumulatorRow, headDim);
        for (int j = 0; j < keys; j++) {
            int src = j * width + col;
            for (int d = 0; d < headDim; d++) {
                kt[d][j] = k[src + d];
            }
            System.arraycopy(v, src, vr[j], 0, headDim);
        }
        for (int i = q0; i < q1; i++) {
            int lim = causal ? pastLength + i + 1 : keys;
            java.util.Arrays.fill(scores, 0, lim, 0f);
            int qOff = i * width + col;
            for (int d = 0; d < headDim; d++) {
                axpy(q[qOff + d], kt[d], scores, lim);
            }
            scale(scores, 0, lim, scale);
            float max = max(scores, 0, lim);
            float inv = 1 / expShiftedInPlace(scores, 0, lim, max);
            java.util.Arrays.fill(acc, 0, headDim, 0f);
            for (int j = 0; j < lim; j++) {
                axpy(scores[j], vr[j], acc, headDim);
            }
            for (int c = 0; c < headDim; c++) {
                out[qOff + c] = acc[c] * inv;
            }
        }
    }

    private final ThreadLocal<float[][]> keyRows = new ThreadLocal<>();
    private final ThreadLocal<float[][]> valueRows = new ThreadLocal<>();
    private final ThreadLocal<float[]> accumulatorRow = new ThreadLocal<>();

    /** A per-thread {@code float[count][≥length]} (contents undefined). */
    static float[][] rows(ThreadLocal<float[][]> holder, int count, int length) {
        float[][] r = holder.get();
        if (r == null || r.length < count || r[0].length < length) {
            int n = Math.max(count, r == null ? 0 : r.length);
            int len = Math.max(length, r == null ? 0 : r[0].length);
            r = new float[n][len];
            holder.set(r);
        }
        return r;
    }

    /** {@code y[i] += a·x[i]} for {@code i < len}: no offsets, so the JIT can vectorise it. */
    protected void axpy(float a, float[] x, float[] y, int len) {
        for (int i = 0; i < len; i++) {
            y[i] += a * x[i];
        }
    }

    /** Few queries (decoder steps): scores as dot products, so K needs no transposing. */
    private void attentionByDots(float[] q, int q0, int q1, float[] k, float[] v, int col, int headDim, int width,
                                 int causalPast, int keys, float scale, float[] out) {
        float[] scores = scratch(attentionScratch, keys);
        for (int i = q0; i < q1; i++) {
            int lim = causalPast >= 0 ? causalPast + i + 1 : keys;
            int qOff = i * width + col;
            for (int j = 0; j < lim; j++) {
                scores[j] = dot(q, qOff, k, j * width + col, headDim) * scale;
            }
            float max = max(scores, 0, lim);
            float inv = 1 / expShiftedInPlace(scores, 0, lim, max);
            java.util.Arrays.fill(out, qOff, qOff + headDim, 0f);
            for (int j = 0; j < lim; j++) {
                axpy(scores[j], v, j * width + col, out, qOff, headDim);
            }
            scale(out, qOff, headDim, inv);
        }
    }

    /** {@code Σ a[aOff + i]·b[bOff + i]} for {@code i < len}. */
    protected float dot(float[] a, int aOff, float[] b, int bOff, int len) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 4 <= len; i += 4) {
            s0 += a[aOff + i] * b[bOff + i];
            s1 += a[aOff + i + 1] * b[bOff + i + 1];
            s2 += a[aOff + i + 2] * b[bOff + i + 2];
            s3 += a[aOff + i + 3] * b[bOff + i + 3];
        }
        for (; i < len; i++) {
            s0 += a[aOff + i] * b[bOff + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code y[yOff + i] += a · x[xOff + i]} for {@code i < len}. */
    protected void axpy(float a, float[] x, int xOff, float[] y, int yOff, int len) {
        for (int i = 0; i < len; i++) {
            y[yOff + i] += a * x[xOff + i];
        }
    }

    @Override
    public void matmul(float[] a, boolean transA, float[] b, boolean transB, float[] c,
                       int m, int n, int k, float alpha, boolean accumulate) {
        requireLength("a", a, (long) m * k);
        requireLength("b", b, (long) k * n);
        requireLength("c", c, (long) m * n);
        float[] rowMajorA = transA ? transpose(a, k, m) : a;   // [m, k]
        float[] rowMajorB = transB ? transpose(b, n, k) : b;   // [k, n]
        ThreadLocal<float[]> rowScratch = new ThreadLocal<>();
        pool.parallelFor(blocks(m, ROW_BLOCK), blk -> {
            float[] acc = scratch(rowScratch, n);
            int end = Math.min(m, (blk + 1) * ROW_BLOCK);
            for (int i = blk * ROW_BLOCK; i < end; i++) {
                java.util.Arrays.fill(acc, 0, n, 0f);
                for (int p = 0; p < k; p++) {
                    axpy(rowMajorA[i * k + p], rowMajorB, p * n, acc, 0, n);
                }
                int off = i * n;
                for (int j = 0; j < n; j++) {
                    c[off + j] = accumulate ? c[off + j] + alpha * acc[j] : alpha * acc[j];
                }
            }
        });
    }

    private static float[] transpose(float[] src, int rows, int cols) {
        float[] t = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = src[r * cols + c];
            }
        }
        return t;
    }

    static WeightMatrix weightMatrix(Matrix w) {
        if (w instanceof WeightMatrix m) {
            return m;
        }
        throw new IllegalArgumentException("matrix " + w + " was not made by a CPU backend");
    }

    static int blocks(int count, int block) {
        return (count + block - 1) / block;
    }

    /** A per-thread buffer of at least {@code size} floats (contents undefined). */
    static float[] scratch(ThreadLocal<float[]> holder, int size) {
        float[] buf = holder.get();
        if (buf == null || buf.length < size) {
            buf = new float[Math.max(size, buf == null ? 0 : buf.length + buf.length / 2)];
            holder.set(buf);
        }
        return buf;
    }

    static void requireLength(String what, float[] array, long needed) {
        if (array == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (needed < 0 || array.length < needed) {
            throw new IllegalArgumentException(what + " has " + array.length + " elements, needs " + needed);
        }
    }
}
