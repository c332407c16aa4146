package io.github.asr4j.kernels.cpu;

import io.github.asr4j.kernels.AttentionMask;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.kernels.PortableExp;
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
 *
 * <p>Buffers are heap arrays ({@link CpuBuffer}); the {@link Backend} ops check shapes and run
 * the host-array kernels below, which stay public for kernel tests and benchmarks.
 */
public abstract class CpuBackend implements Backend {
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

    /**
     * Binds a rank-2 F32, F16 or BF16 tensor in this backend's weight format: the format's class
     * (and with it its kernels) is chosen here, once.
     *
     * @throws IllegalArgumentException for another rank or dtype, or (int8) a non-finite weight
     */
    @Override
    public Matrix matrix(Tensor weight) {
        WeightMatrix.checkMatrix(weight);
        WeightMatrix stored = bind(weight.name(), weight.data(), weight.dtype(), weight.dim(0), weight.dim(1));
        return format == io.github.asr4j.kernels.WeightFormat.INT8
                ? int8(weight.name(), Int8Weights.quantize(stored), stored.rows(), stored.cols())
                : stored;
    }

    /** This backend's class for a stored F32, F16 or BF16 matrix over {@code data}. */
    protected abstract WeightMatrix bind(String name, java.lang.foreign.MemorySegment data, DType dtype, int rows, int cols);

    /** This backend's class for quantized 8-bit blocks. */
    protected abstract WeightMatrix int8(String name, Int8Weights.Quantized q, int rows, int cols);

    @Override
    public ConvKernel convKernel(Tensor weight) {
        return CpuConvKernel.of(weight, (name, values, rows, cols) ->
                bind(name, WeightMatrix.nativeFloats(name, values, rows, cols), DType.F32, rows, cols));
    }

    private static CpuConvKernel convKernel(ConvKernel w) {
        if (w instanceof CpuConvKernel kernel) {
            return kernel;
        }
        throw new IllegalArgumentException("conv kernel " + w + " was not made by a CPU backend");
    }

    @Override
    public void close() {
        pool.close();
    }

    /**
     * {@code y[i, o] = bias[o] + Σ_c x[xOffset + i·xRowStride + c] · W[o, c]} for {@code i < n}, with
     * {@code y} dense {@code [n, W.rows]}. Input rows may overlap (convolution windows).
     */
    protected abstract void linearRows(float[] x, int xOffset, int xRowStride, int n, WeightMatrix w, float[] bias, float[] y);

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

    /** {@link #conv1d(Buffer, ConvKernel, Buffer, int, int, Buffer)} over host arrays, kernel 3, padding 1. */
    public void conv1d(float[] x, int length, ConvKernel w, float[] bias, int stride, float[] y) {
        conv1d(x, length, convKernel(w), bias, stride, 1, y);
    }

    private void conv1d(float[] x, int length, CpuConvKernel kernel, float[] bias, int stride, int padding, float[] y) {
        if (kernel.planar()) {
            throw new IllegalArgumentException("conv kernel " + kernel + " is a conv2d kernel");
        }
        if (stride < 1 || padding < 0) {
            throw new IllegalArgumentException("conv1d needs stride >= 1 and padding >= 0, got " + stride + " and " + padding);
        }
        int in = kernel.inChannels();
        int out = kernel.outChannels();
        int size = kernel.size();
        int span = length + 2 * padding;
        if (length < 1 || span < size) {
            throw new IllegalArgumentException("conv1d over " + length + " steps with padding " + padding
                    + " is shorter than the kernel (" + size + ")");
        }
        int outLength = (span - size) / stride + 1;
        requireLength("x", x, (long) length * in);
        requireLength("y", y, (long) outLength * out);
        if (bias != null) {
            requireLength("bias", bias, out);
        }
        // Zero rows either side turn padding into plain data; window t then starts at row t·stride
        // and its k rows are contiguous, one input row of a product with the [out, k·in] kernel.
        // Without padding the input is that data already (no copy: a caller may pad it itself).
        float[] padded = x;
        if (padding > 0) {
            padded = new float[Math.multiplyExact(span, in)];
            System.arraycopy(x, 0, padded, padding * in, length * in);
        }
        linearRows(padded, 0, stride * in, outLength, kernel.matrix(), bias, y);
    }

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

    public void gelu(float[] x, int length) {
        requireLength("x", x, length);
        int block = 4096;
        pool.parallelFor(blocks(length, block), b -> geluRange(x, b * block, Math.min(length, (b + 1) * block)));
    }

    protected void geluRange(float[] x, int from, int to) {
        Gelu.apply(x, from, to);
    }

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

    public void add(float[] acc, float[] b, int length) {
        requireLength("acc", acc, length);
        requireLength("b", b, length);
        for (int i = 0; i < length; i++) {
            acc[i] += b[i];
        }
    }

    /**
     * Multi-head attention over host arrays, one KV head per query head, causal (queries at
     * positions {@code pastLength ..}) or full: {@link #attention(Buffer, Buffer, Buffer, int, int, int,
     * AttentionMask, Buffer)} with {@code kvHeads = heads}.
     */
    public void attention(float[] q, int nq, float[] k, float[] v, int nkv, int heads, int headDim,
                          boolean causal, int pastLength, float[] out) {
        checkAttention(q, nq, k, v, nkv, heads, headDim, causal, pastLength, out);
        attend(q, nq, k, null, false, v, null, false, nkv, heads, heads, headDim,
                causal ? AttentionMask.causal(pastLength) : AttentionMask.full(), out);
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
        checkKeys(nq, nkv, causal ? AttentionMask.causal(pastLength) : AttentionMask.full());
        return width;
    }

    /** Every query must see at least one key. */
    private static void checkKeys(int nq, int nkv, AttentionMask mask) {
        if (nkv < 1 && nq > 0) {
            throw new IllegalArgumentException("attention needs at least one key, got nkv=" + nkv);
        }
        if (mask.kind() == AttentionMask.Kind.CAUSAL && (long) mask.past() + nq > nkv) {
            throw new IllegalArgumentException("causal attention: " + nq + " queries after " + mask.past()
                    + " past positions need " + (mask.past() + nq) + " keys, but nkv=" + nkv);
        }
        if (mask.kind() == AttentionMask.Kind.WINDOWED && nq > 0 && mask.firstKey(nq - 1) >= nkv) {
            throw new IllegalArgumentException("windowed attention: query " + (nq - 1) + " at position " + (mask.past() + nq - 1)
                    + " has a window starting at key " + mask.firstKey(nq - 1) + ", but nkv=" + nkv);
        }
    }

    /**
     * Attention over checked arguments: K and V each either F32 ({@code k}, {@code v}) or F16
     * ({@code k16}, {@code v16}, {@code specials} telling whether they may hold an infinity or NaN),
     * {@code [≥nkv, kvHeads·headDim]}. Few queries (decoder steps) take
     * dot products straight from the cache in either type; many queries over an F16 cache widen
     * its filled rows first (prompts are rare, and the F32 paths are tiled), into arrays kept for the
     * next such call (a window's prompt pass widens each layer's cross K/V: 9 MB, card shape).
     * {@code keyTiles}: the keys ({@code k16}, or {@code k} where {@code k16} is null) are in
     * {@link CpuBuffer#tiled} layout, which only the few-query path reads as it is; the others read
     * them back as rows.
     */
    final void attend(float[] q, int nq, float[] k, short[] k16, boolean keyTiles, float[] v, short[] v16, boolean specials,
                      int nkv, int heads, int kvHeads, int headDim, AttentionMask mask, float[] out) {
        boolean windowed = mask.kind() == AttentionMask.Kind.WINDOWED;
        if (keyTiles && k16 == null && (nq >= TRANSPOSE_MIN_QUERIES || windowed)) {
            // F32 keys in tiles (a decoder's cache) for a prompt's many queries: read back as rows first
            float[] wk = tilesToRows(k, nkv, kvHeads * headDim, widenedKeys.take(nkv * kvHeads * headDim));
            try {
                attend(q, nq, wk, null, false, v, v16, specials, nkv, heads, kvHeads, headDim, mask, out);
            } finally {
                widenedKeys.release(wk);
            }
            return;
        }
        if ((nq < TRANSPOSE_MIN_QUERIES && !(keyTiles && windowed)) || (k16 == null && v16 == null)) {
            attendWidened(q, nq, k, k16, keyTiles, v, v16, specials, nkv, heads, kvHeads, headDim, mask, out);
            return;
        }
        int n = nkv * kvHeads * headDim;
        float[] wk = k16 == null ? null : widenKeys(k16, keyTiles, nkv, kvHeads * headDim, widenedKeys.take(n));
        float[] wv = v16 == null ? null : widen(v16, n, widenedValues.take(n));
        try {
            attendWidened(q, nq, wk == null ? k : wk, null, false, wv == null ? v : wv, null, specials, nkv, heads, kvHeads,
                    headDim, mask, out);
        } finally {
            if (wk != null) {
                widenedKeys.release(wk);
            }
            if (wv != null) {
                widenedValues.release(wv);
            }
        }
    }

    private final SpareArray widenedKeys = new SpareArray();
    private final SpareArray widenedValues = new SpareArray();

    /** {@link #attend} once many queries have their caches in F32. */
    private void attendWidened(float[] q, int nq, float[] k, short[] k16, boolean keyTiles, float[] v, short[] v16,
                               boolean specials, int nkv, int heads, int kvHeads, int headDim, AttentionMask mask, float[] out) {
        int width = heads * headDim;
        int kvWidth = kvHeads * headDim;
        int group = heads / kvHeads;
        float scale = (float) (1 / Math.sqrt(headDim));
        boolean fewQueries = nq < TRANSPOSE_MIN_QUERIES;
        boolean masked = mask.kind() == AttentionMask.Kind.WINDOWED;
        if (fewQueries && !masked) {
            attentionFewQueries(q, nq, k, k16, keyTiles, v, v16, specials, nkv, heads, headDim, width, kvWidth, group, mask,
                    scale, out);
            return;
        }
        if (!fewQueries && !masked && tiledAttention(q, nq, k, v, nkv, heads, kvHeads, headDim, mask, out)) {
            return;
        }
        if (!fewQueries && masked) {
            windowedAttention(q, nq, k, v, nkv, heads, kvHeads, headDim, mask, scale, out);
            return;
        }
        float[] fk = k;
        short[] hk = k16;
        float[] fv = v;
        short[] hv = v16;
        int queryBlocks = blocks(nq, ATTENTION_QUERY_BLOCK);
        pool.parallelFor(heads * queryBlocks, task -> {
            int h = task / queryBlocks;
            int q0 = (task % queryBlocks) * ATTENTION_QUERY_BLOCK;
            int q1 = Math.min(nq, q0 + ATTENTION_QUERY_BLOCK);
            int col = h * headDim;
            int kvCol = (h / group) * headDim;
            if (q1 - q0 < TRANSPOSE_MIN_QUERIES || masked) {
                attentionByDots(q, q0, q1, fk, hk, fv, hv, col, kvCol, headDim, width, kvWidth, mask, nkv, scale, out);
            } else {
                int keys = mask.endKey(q1 - 1, nkv);
                attentionBlock(q, q0, q1, fk, fv, keys, col, kvCol, headDim, width, kvWidth,
                        mask.kind() == AttentionMask.Kind.CAUSAL, mask.past(), scale, out);
            }
        });
    }

    /**
     * Many queries under a windowed mask (the Qwen3-ASR encoder): the queries of each window attend to
     * that window's keys alone, a full attention the backend may tile ({@link #tiledWindow}); windows
     * it declines (e.g. a short last one) take the per-head dot products.
     */
    private void windowedAttention(float[] q, int nq, float[] k, float[] v, int nkv, int heads, int kvHeads, int headDim,
                                   AttentionMask mask, float scale, float[] out) {
        int width = heads * headDim;
        int kvWidth = kvHeads * headDim;
        int group = heads / kvHeads;
        for (int i0 = 0; i0 < nq; ) {
            int first = mask.firstKey(i0);
            int keys = mask.endKey(i0, nkv) - first;
            int i1 = Math.min(nq, first + mask.window() - mask.past());
            if (!tiledWindow(q, i0, i1 - i0, k, v, first, keys, heads, kvHeads, headDim, out)) {
                int q0 = i0;
                pool.parallelFor(heads, h -> attentionByDots(q, q0, i1, k, null, v, null, h * headDim,
                        (h / group) * headDim, headDim, width, kvWidth, mask, nkv, scale, out));
            }
            i0 = i1;
        }
    }

    /**
     * A backend's tiled full attention of the {@code nq} queries from row {@code qRow0} of q (and out) over
     * the {@code keys} F32 keys from row {@code kRow0}; returns false where it does not apply.
     */
    protected boolean tiledWindow(float[] q, int qRow0, int nq, float[] k, float[] v, int kRow0, int keys, int heads,
                                  int kvHeads, int headDim, float[] out) {
        return false;
    }

    /**
     * Keys per chunk of {@link #attentionFewQueries}. Chunk boundaries set the summation order (each
     * chunk's softmax and value sums, then the chunks combined in order), so they are a constant:
     * never a function of the thread count.
     */
    static final int CHUNK_KEYS = 128;
    private final ThreadLocal<float[]> chunkScores = new ThreadLocal<>();
    private final ThreadLocal<float[]> chunkSums = new ThreadLocal<>();
    private final ThreadLocal<float[]> chunkPartials = new ThreadLocal<>();

    /**
     * Few queries (decoder steps: a greedy step's one query, beams, a short prompt) over a full or
     * causal mask, or any number of independent queries over a full mask ({@link #attentionEach}),
     * split-K ("flash decoding"): each task takes a chunk of {@link #CHUNK_KEYS} keys and, reading
     * each of its key rows and then each of its value rows whole (all heads) and once for all the
     * queries, scores every query and head, softmaxes each against the chunk's own maximum and sums
     * the values into the chunk's partial rows; the caller then combines the chunks in order, each
     * rescaled to the overall maximum. Whole rows stream 1.5-2x faster than the head slices that a
     * split by heads reads (measured), and the one parallel pass hands off once.
     *
     * <p>Every (query, head, chunk) is computed the same way whichever thread takes the chunk and
     * whichever other queries share the call, so results depend neither on the thread count nor
     * on the batch: a beam's row equals its greedy step's, bit for bit. A query that sees a single
     * chunk (at most {@link #CHUNK_KEYS} keys) gets exactly {@link #attentionByDots}' result; longer
     * ones differ from it by the chunks' rescaling only.
     */
    private void attentionFewQueries(float[] q, int nq, float[] k, short[] k16, boolean keyTiles, float[] v, short[] v16,
                                     boolean specials, int nkv, int heads, int headDim, int width, int kvWidth, int group,
                                     AttentionMask mask, float scale, float[] out) {
        int end = 0;
        for (int i = 0; i < nq; i++) {
            end = Math.max(end, mask.endKey(i, nkv));
        }
        int chunks = blocks(end, CHUNK_KEYS);
        int block = nq * (width + 2 * heads);                  // per chunk: sums [nq][width], maxima and softmax sums [nq][heads]
        Chunked a = new Chunked(q, 0, nq, heads, headDim, width, kvWidth, group, mask, nkv, scale, specials,
                scratch(chunkPartials, chunks * block), 0, block);
        // One task body per cache form: the JIT compiles a body with all its callees inlined, and
        // one holding every form grew past its inlining budget, which left the vector kernels
        // boxing their vectors (~35 MB of garbage per step).
        if (keyTiles && k16 == null) {
            // F32 keys in tiles (a decoder's self-attention cache): scored sixteen keys a vector
            float[] fv = v16 == null ? v : widen(v16, nkv * kvWidth);
            if (nq == 1) {
                int parts = tileParts(chunks, heads / group);
                pool.parallelFor(chunks * parts, t -> tiledValuesF32(a, t / parts, t % parts, parts,
                        tiledScoresF32(a, t / parts, t % parts, parts, k), fv));
            } else {
                pool.parallelFor(chunks, c -> valuesF32(a, c, tiledScoresF32(a, c, 0, 1, k), fv));
            }
        } else if (keyTiles && v16 != null) {
            if (nq == 1) {
                pool.parallelFor(chunks, c -> {
                    touchChunk(a, c, k16, v16);
                    touchedValuesF16(a, c, oneQueryTileScoresF16(a, c, k16), v16);
                });
            } else {
                pool.parallelFor(chunks, c -> valuesF16(a, c, tileScoresF16(a, c, k16), v16));
            }
        } else if (k16 != null && v16 != null) {
            if (nq == 1) {
                pool.parallelFor(chunks, c -> oneQueryValuesF16(a, c, oneQueryScoresF16(a, c, k16), v16));
            } else {
                pool.parallelFor(chunks, c -> chunkF16(a, c, k16, v16));
            }
        } else {
            // F32, or (rare) one F16 and one F32 cache: the F16 one widened whole, as for many queries
            float[] fk = k16 == null ? k : widenKeys(k16, keyTiles, nkv, kvWidth, new float[nkv * kvWidth]);
            float[] fv = v16 == null ? v : widen(v16, nkv * kvWidth);
            if (nq == 1) {
                int parts = headParts(chunks, heads);
                pool.parallelFor(chunks * parts, t -> oneQueryValuesF32(a, t / parts, t % parts, parts,
                        oneQueryScoresF32(a, t / parts, t % parts, parts, fk), fv));
            } else {
                pool.parallelFor(chunks, c -> chunkF32(a, c, fk, fv));
            }
        }
        combineAll(a, out);
    }

    /**
     * The arguments of one {@link #attentionFewQueries} call, or of one group of a grouped
     * {@link #attentionEach(Buffer, int[], Buffer[], Buffer[], int, int, int, Buffer)}: its queries are
     * rows {@code row0 ..} of q (and of the output); chunk c's partial results at {@code partials[partial(c) ..]}.
     */
    private record Chunked(float[] q, int row0, int nq, int heads, int headDim, int width, int kvWidth, int group,
                           AttentionMask mask, int nkv, float scale, boolean specials, float[] partials, int base, int block) {
        /** Keys {@code [from(i, c), to(i, c))} of chunk c are those query i sees (none when from >= to). */
        int from(int i, int c) {
            return Math.max(c * CHUNK_KEYS, mask.firstKey(i));
        }

        int to(int i, int c) {
            return Math.min((c + 1) * CHUNK_KEYS, mask.endKey(i, nkv));
        }

        /** Where query i's head h scores key j of chunk c in the chunk's score buffer. */
        int score(int i, int h, int c, int j) {
            return (i * heads + h) * CHUNK_KEYS + j - c * CHUNK_KEYS;
        }

        /** Where chunk c keeps query i's head h maximum (its softmax sum follows at {@code + nq·heads}). */
        int maxAt(int c, int i, int h) {
            return partial(c) + nq * width + i * heads + h;
        }

        /** Where chunk c's value sums start in {@code partials}, {@code [nq][width]}. */
        int partial(int c) {
            return base + c * block;
        }

        /** Where query i's head h starts in q and in the output. */
        int query(int i, int h) {
            return (row0 + i) * width + h * headDim;
        }
    }

    /** Keys per run of the several-query chunk bodies: scored per {@link #dots} call, summed per {@link #weightedRows} call. */
    private static final int RUN_KEYS = 16;
    /**
     * Value rows per widening in {@link #valuesF16}: longer runs took 5 beams' cross attention 6 %
     * faster at 2 threads (64 against 16 keys, from memory and from cache; 4 and 8 were slower),
     * and a run's sums are the same FMAs in the same order whatever its length.
     */
    private static final int VALUE_RUN_KEYS = 64;


    /**
     * Chunk c of one query over F32 caches: every head scored row by row (returns the scores); then
     * ({@link #oneQueryValuesF32}) the softmax and the value sums row by row. Two methods called
     * straight from the task, each as small as the JIT needs to inline its vector kernels whole (one
     * level deeper, the softmax sums sometimes boxed their vectors).
     */
    private float[] oneQueryScoresF32(Chunked a, int c, int part, int parts, float[] k) {
        float[] s = scratch(chunkScores, a.heads * CHUNK_KEYS);
        int h0 = part * a.heads / parts;
        int h1 = (part + 1) * a.heads / parts;
        for (int j = a.from(0, c), j1 = a.to(0, c); j < j1; j++) {
            for (int h = h0; h < h1; h++) {
                s[a.score(0, h, c, j)] = dot(a.q, a.query(0, h), k, j * a.kvWidth + (h / a.group) * a.headDim, a.headDim) * a.scale;
            }
        }
        return s;
    }

    private void oneQueryValuesF32(Chunked a, int c, int part, int parts, float[] s, float[] v) {
        int h0 = part * a.heads / parts;
        int h1 = (part + 1) * a.heads / parts;
        chunkSoftmax(a, c, s, h0, h1);
        float[] sums = scratch(chunkSums, a.width);
        java.util.Arrays.fill(sums, h0 * a.headDim, h1 * a.headDim, 0f);
        for (int j = a.from(0, c), j1 = a.to(0, c); j < j1; j++) {
            for (int h = h0; h < h1; h++) {
                axpy(s[a.score(0, h, c, j)], v, j * a.kvWidth + (h / a.group) * a.headDim, sums, h * a.headDim, a.headDim);
            }
        }
        System.arraycopy(sums, h0 * a.headDim, a.partials, a.partial(c) + h0 * a.headDim, (h1 - h0) * a.headDim);
    }

    /**
     * Head parts per chunk of one query over F32 caches: fewer chunks than threads (a Qwen3-ASR step
     * over at most 128 keys is one chunk) would leave threads idle, so each chunk's heads are split
     * among them. A head's scores, softmax and sums are the same operations whichever part takes it.
     * With as many chunks as threads, whole rows stay faster than the half rows a split reads
     * (measured at 2 threads: 160 keys level, 200 keys 11 % and 250 keys 25-42 % slower split).
     */
    private int headParts(int chunks, int heads) {
        return chunks >= pool.threads() ? 1 : Math.min(heads, pool.threads() / chunks);
    }

    /**
     * Chunk c's scores over F32 keys in {@link CpuBuffer#tiled} layout, every query, heads
     * {@code [h0, h1)} of part {@code part}: each kv head's slice of a tile ({@code [headDim][16]},
     * contiguous) scored sixteen keys a vector by {@link #tileScoresF32} for the query heads that
     * share it (a GQA group, in one call: one load of each tile row for the group). A query's head
     * gets {@link #tileScores}' chains and bits whatever the part, the other queries and heads of its
     * call. Lanes past a query's last key are scored too (into slots the softmax does not read:
     * chunks are whole tiles, and a tiled buffer's last tile is whole).
     */
    private float[] tiledScoresF32(Chunked a, int c, int part, int parts, float[] k) {
        float[] s = scratch(chunkScores, a.nq * a.heads * CHUNK_KEYS);
        int h0 = part * a.heads / parts;
        int h1 = (part + 1) * a.heads / parts;
        for (int i = 0; i < a.nq; i++) {
            int from = a.from(i, c);
            int to = a.to(i, c);
            for (int j = from / CpuBuffer.TILE * CpuBuffer.TILE; j < to; j += CpuBuffer.TILE) {
                int tile = j / CpuBuffer.TILE * a.kvWidth;
                for (int h = h0, n; h < h1; h += n) {
                    int g = h / a.group;
                    n = Math.min(h1, (g + 1) * a.group) - h;
                    tileScoresF32(a.q, a.query(i, h), a.headDim, n, k, (tile + g * a.headDim) * CpuBuffer.TILE, a.headDim,
                            a.scale, s, a.score(i, h, c, j), CHUNK_KEYS);
                }
            }
        }
        return s;
    }

    /**
     * {@link #oneQueryValuesF32}'s softmax and sums (the same bits) for the scores of {@link #tiledScoresF32}:
     * each head's sums kept in registers over the chunk's value rows, a GQA group's heads sharing each
     * row's loads ({@link #weightedRows(float[], int, int, int, int, float[], int, int, float[], int, int, int)}).
     */
    private void tiledValuesF32(Chunked a, int c, int part, int parts, float[] s, float[] v) {
        int h0 = part * a.heads / parts;
        int h1 = (part + 1) * a.heads / parts;
        chunkSoftmax(a, c, s, h0, h1);
        float[] sums = scratch(chunkSums, a.width);
        java.util.Arrays.fill(sums, h0 * a.headDim, h1 * a.headDim, 0f);
        int j0 = a.from(0, c);
        int n = a.to(0, c) - j0;
        for (int h = h0, m; h < h1; h += m) {
            int g = h / a.group;
            m = Math.min(h1, (g + 1) * a.group) - h;
            weightedRows(s, a.score(0, h, c, j0), CHUNK_KEYS, m, n, v, j0 * a.kvWidth + g * a.headDim, a.kvWidth, sums,
                    h * a.headDim, a.headDim, a.headDim);
        }
        System.arraycopy(sums, h0 * a.headDim, a.partials, a.partial(c) + h0 * a.headDim, (h1 - h0) * a.headDim);
    }

    /** Chunk c's softmax and value sums for several queries over F32 value rows, as {@link #chunkF32} sums them. */
    private void valuesF32(Chunked a, int c, float[] s, float[] v) {
        chunkSoftmax(a, c, s);
        float[] sums = chunkSumsZeroed(a);
        int j1 = chunkEnd(a, c);
        for (int j = c * CHUNK_KEYS; j < j1; j += RUN_KEYS) {
            int j2 = Math.min(j1, j + RUN_KEYS);
            for (int h = 0; h < a.heads; h++) {
                valueRun(a, c, s, sums, h, j, j2, v, j * a.kvWidth + (h / a.group) * a.headDim);
            }
        }
        System.arraycopy(sums, 0, a.partials, a.partial(c), a.nq * a.width);
    }

    /** Tasks per thread {@link #tileParts} aims at. */
    private static final int TILE_TASKS = 2;

    /**
     * Head parts per chunk of one query over F32 keys in tiles: a part reads its kv heads' tile slices
     * and value slices alone (contiguous in the tiles), so splitting costs little, and fewer chunks
     * than {@value #TILE_TASKS} a thread (a step over at most 384 keys at 2 threads) would leave the
     * threads unevenly loaded (the last chunk is short): at 200 keys, 2 threads, 28 layers' caches
     * read from memory, 2.04 against 2.27 ms a step unsplit, lower in 8 of 8 pairs (2026-12-07c-qattn).
     * Parts take whole GQA groups (a divisor of the kv heads), so each group's heads share their loads.
     */
    private int tileParts(int chunks, int kvHeads) {
        int want = TILE_TASKS * pool.threads();
        if (chunks >= want) {
            return 1;
        }
        int parts = Math.min(kvHeads, (want + chunks - 1) / chunks);
        while (kvHeads % parts != 0) {
            parts++;
        }
        return parts;
    }

    /** As {@link #oneQueryScoresF32} over F16 caches, the halves decoded in the dot and axpy kernels. */
    private float[] oneQueryScoresF16(Chunked a, int c, short[] k) {
        float[] s = scratch(chunkScores, a.heads * CHUNK_KEYS);
        for (int j = a.from(0, c), j1 = a.to(0, c); j < j1; j++) {
            for (int h = 0; h < a.heads; h++) {
                s[a.score(0, h, c, j)] = dotF16(a.q, a.query(0, h), k, j * a.kvWidth + (h / a.group) * a.headDim, a.headDim,
                        a.specials) * a.scale;
            }
        }
        return s;
    }

    private void oneQueryValuesF16(Chunked a, int c, float[] s, short[] v) {
        chunkSoftmax(a, c, s);
        float[] sums = chunkSumsZeroed(a);
        int j0 = a.from(0, c);
        valueSumsF16(s, a.score(0, 0, c, j0), CHUNK_KEYS, a.to(0, c) - j0, v, j0 * a.kvWidth, a.kvWidth, a.heads, a.group,
                a.headDim, sums, 0, a.specials);
        System.arraycopy(sums, 0, a.partials, a.partial(c), a.width);
    }

    /**
     * {@link #oneQueryValuesF16} over value rows {@link #touchChunk} brought into cache: the sums by
     * {@link #valueSumsF16ByHead}, the same bits.
     */
    private void touchedValuesF16(Chunked a, int c, float[] s, short[] v) {
        chunkSoftmax(a, c, s);
        float[] sums = chunkSumsZeroed(a);
        int j0 = a.from(0, c);
        valueSumsF16ByHead(s, a.score(0, 0, c, j0), CHUNK_KEYS, a.to(0, c) - j0, v, j0 * a.kvWidth, a.kvWidth, a.heads,
                a.group, a.headDim, sums, 0, a.specials);
        System.arraycopy(sums, 0, a.partials, a.partial(c), a.width);
    }

    /**
     * Chunk c's scores over F16 keys in {@link CpuBuffer#tiled} layout, for every query and head:
     * each kv head's slice of a tile (16 keys, {@code [headDim][16]}, contiguous) widened once, then
     * scored by {@link #tileScores} for each query and head that reads it. A query's scores are the
     * same bits whatever other queries share the call. Lanes past the last key are scored too (into
     * slots the softmax does not read: chunks are whole tiles).
     */
    private float[] tileScoresF16(Chunked a, int c, short[] k) {
        float[] s = scratch(chunkScores, a.nq * a.heads * CHUNK_KEYS);
        float[] tile = scratch(widenedTile, CpuBuffer.TILE * a.headDim);
        int j1 = chunkEnd(a, c);
        int kvHeads = a.kvWidth / a.headDim;
        for (int j = c * CHUNK_KEYS; j < j1; j += CpuBuffer.TILE) {
            for (int g = 0; g < kvHeads; g++) {
                widenF16(k, (j / CpuBuffer.TILE * a.kvWidth + g * a.headDim) * CpuBuffer.TILE, tile, 0, CpuBuffer.TILE * a.headDim);
                for (int h = g * a.group; h < (g + 1) * a.group; h++) {
                    tileScores(a.q, a.query(0, h), a.width, a.nq, tile, a.headDim, a.scale, s, a.score(0, h, c, j),
                            a.heads * CHUNK_KEYS);
                }
            }
        }
        return s;
    }

    private final ThreadLocal<float[]> widenedTile = new ThreadLocal<>();

    private final ThreadLocal<float[]> scaledQuery = new ThreadLocal<>();

    /** The half decode's factor ({@code VectorWiden.F16_SCALE}), carried by the query instead. */
    private static final float HALF_SCALE = 0x1p112f;
    /** Query elements below this magnitude stay finite times {@link #HALF_SCALE} (2¹⁵ · 2¹¹² = 2¹²⁷). */
    private static final float SCALABLE_QUERY = 0x1p15f;

    /**
     * {@link #tileScoresF16} for one query over tiles already in cache ({@link #touchChunk}): each
     * tile row decoded in registers ({@link #tileScoresHalves}) against the query times 2¹¹², instead
     * of each kv head's tile slice widened into a scratch and read back: the same bits, the key pass
     * ~30 % faster from L2 (2026-12-06d-x16). Falls back to {@link #tileScoresF16} where the backend
     * has no such kernel or a query element is too large (or not finite) to scale exactly.
     */
    private float[] oneQueryTileScoresF16(Chunked a, int c, short[] k) {
        float[] qs = scratch(scaledQuery, a.width);
        int q0 = a.query(0, 0);
        for (int i = 0; i < a.width; i++) {
            float x = a.q[q0 + i];
            if (!(Math.abs(x) < SCALABLE_QUERY)) {
                return tileScoresF16(a, c, k);
            }
            qs[i] = x * HALF_SCALE;
        }
        float[] s = scratch(chunkScores, a.heads * CHUNK_KEYS);
        int j1 = chunkEnd(a, c);
        int kvHeads = a.kvWidth / a.headDim;
        for (int j = c * CHUNK_KEYS; j < j1; j += CpuBuffer.TILE) {
            for (int g = 0; g < kvHeads; g++) {
                int kOff = (j / CpuBuffer.TILE * a.kvWidth + g * a.headDim) * CpuBuffer.TILE;
                for (int h = g * a.group; h < (g + 1) * a.group; h++) {
                    if (!tileScoresHalves(qs, h * a.headDim, k, kOff, a.headDim, a.scale, s, a.score(0, h, c, j), a.specials)) {
                        return tileScoresF16(a, c, k);
                    }
                }
            }
        }
        return s;
    }

    /**
     * Sixteen keys' scores ({@link #tileScores}' chains and bits) straight from a tile of halves
     * ({@code [len][16]} at {@code kOff}), {@code q} being the query times 2¹¹²: a backend's kernel,
     * false where it has none (the caller then widens the tile).
     */
    protected boolean tileScoresHalves(float[] q, int qOff, short[] k, int kOff, int len, float scale, float[] out, int outOff,
                                       boolean specials) {
        return false;
    }

    /** The touch loads' sum, written so the JIT keeps the loads; never read. */
    private int touched;

    /**
     * Chunk c's F16 key tiles and value rows read into cache before they are computed on: one load
     * per 64-byte line, both ranges in one loop (384 KB, card shape; the core's L2 holds 2 MB). The
     * loads alone keep many lines in flight, where the decode and multiply-adds, reading the
     * halves as they go, kept few: the card's 16-file cross attention ran at 12-13 GB/s over its
     * 443 MB per step, and 16-17 with this pass (Intel VM, 2 threads; 2026-12-05i-xatt16). It
     * also lets the value sums walk head by head ({@link #touchedValuesF16}). One query per cache
     * only: for several (beams) it was not shown to gain, so their path is as it was.
     */
    private void touchChunk(Chunked a, int c, short[] k, short[] v) {
        int from = c * CHUNK_KEYS * a.kvWidth;
        int j1 = chunkEnd(a, c);
        int keysTo = Math.min(k.length, (j1 + CpuBuffer.TILE - 1) / CpuBuffer.TILE * CpuBuffer.TILE * a.kvWidth);
        int valuesTo = Math.min(v.length, j1 * a.kvWidth);
        int both = Math.min(keysTo, valuesTo);
        int sum = 0;
        int i = from;
        for (; i < both; i += LINE_HALVES) {
            sum += k[i] + v[i];
        }
        for (int e = i; e < keysTo; e += LINE_HALVES) {
            sum += k[e];
        }
        for (int e = i; e < valuesTo; e += LINE_HALVES) {
            sum += v[e];
        }
        touched = sum;
    }

    /** Halves per 64-byte cache line. */
    private static final int LINE_HALVES = 32;

    /**
     * Attention where K or V (or both) is Q8. Keys in tiles and value rows, under a full or causal
     * mask with few queries (decoder steps over a window's cross cache) or {@code each}: read as
     * they are ({@link #attentionFewQueriesQ8}). Anything else (a prompt's many queries, windowed
     * masks, Q8 keys in rows): the Q8 buffers read back whole into F32 arrays kept for the next such
     * call, then the paths for F32 (and F16).
     */
    private void attendQ8(float[] q, int nq, CpuBuffer kb, CpuBuffer vb, int nkv, int heads, int kvHeads, int headDim,
                          AttentionMask mask, boolean each, float[] out) {
        boolean few = each || (nq < TRANSPOSE_MIN_QUERIES && mask.kind() != AttentionMask.Kind.WINDOWED);
        if (few && kb.q8 != null && kb.tiled && vb.q8 != null && !vb.tiled) {
            attentionFewQueriesQ8(q, nq, kb, vb, nkv, heads, headDim, mask, out);
            return;
        }
        int n = nkv * kvHeads * headDim;
        float[] fk = kb.q8 == null ? null : Q8Rows.dequantize(kb, nkv, widenedKeys.take(n));
        float[] fv = vb.q8 == null ? null : Q8Rows.dequantize(vb, nkv, widenedValues.take(n));
        try {
            float[] k = fk != null ? fk : kb.f32;
            short[] k16 = fk != null ? null : kb.f16;
            float[] v = fv != null ? fv : vb.f32;
            short[] v16 = fv != null ? null : vb.f16;
            boolean specials = (k16 != null && kb.specials) || (v16 != null && vb.specials);
            if (each) {
                attentionFewQueries(q, nq, k, k16, fk == null && kb.tiled, v, v16, specials, nkv, heads, headDim,
                        heads * headDim, kvHeads * headDim, heads / kvHeads, mask, (float) (1 / Math.sqrt(headDim)), out);
            } else {
                attend(q, nq, k, k16, fk == null && kb.tiled, v, v16, specials, nkv, heads, kvHeads, headDim, mask, out);
            }
        } finally {
            if (fk != null) {
                widenedKeys.release(fk);
            }
            if (fv != null) {
                widenedValues.release(fv);
            }
        }
    }

    /**
     * {@link #attentionFewQueries} over Q8 keys in {@link CpuBuffer#tiled} layout and Q8 value rows:
     * the same chunks, softmax and combination; keys scored straight from their int8 values
     * ({@link #q8TileScores}), values summed straight from their int8 rows ({@link #q8Axpy}, key by
     * key, each query alone); a beam's row is its one-query call's to the bit, at any thread count.
     */
    private void attentionFewQueriesQ8(float[] q, int nq, CpuBuffer kb, CpuBuffer vb, int nkv, int heads, int headDim,
                                       AttentionMask mask, float[] out) {
        int width = heads * headDim;
        int kvWidth = kb.cols();
        int end = 0;
        for (int i = 0; i < nq; i++) {
            end = Math.max(end, mask.endKey(i, nkv));
        }
        int chunks = blocks(end, CHUNK_KEYS);
        int block = nq * (width + 2 * heads);
        Chunked a = new Chunked(q, 0, nq, heads, headDim, width, kvWidth, heads / (kvWidth / headDim), mask, nkv,
                (float) (1 / Math.sqrt(headDim)), false, scratch(chunkPartials, chunks * block), 0, block);
        if (nq == 1) {
            pool.parallelFor(chunks, c -> valuesQ8(a, c, tileScoresQ8(a, c, kb), vb));
        } else {
            // Two passes, the scores kept between them: in one task body the several-query vector
            // kernels with the read-backs outgrew the JIT's inlining budget and boxed their vectors
            // (77 MB of garbage per 5-beam card step, 4x slower cross attention; measured).
            int perChunk = nq * heads * CHUNK_KEYS;
            float[] scores = q8Scores.take(chunks * perChunk);
            try {
                pool.parallelFor(chunks, c -> System.arraycopy(tileScoresQ8(a, c, kb), 0, scores, c * perChunk, perChunk));
                pool.parallelFor(chunks, c -> valuesQ8(a, c, scoresOf(scores, c, perChunk), vb));
            } finally {
                q8Scores.release(scores);
            }
        }
        combineAll(a, out);
    }

    private final SpareArray q8Scores = new SpareArray();

    /** Chunk c's scores, kept by the first pass of {@link #attentionFewQueriesQ8}, in this thread's score scratch. */
    private float[] scoresOf(float[] scores, int c, int perChunk) {
        float[] s = scratch(chunkScores, perChunk);
        System.arraycopy(scores, c * perChunk, s, 0, perChunk);
        return s;
    }

    /**
     * Sixteen keys' scores for each of {@code nq} queries ({@code qStride} apart, scores
     * {@code outStride} apart) straight from a Q8 key tile: columns {@code [col, col + len)} of the
     * tile, column {@code col} at {@code k[kOff]} ({@code [len][16]} int8), the tile's scales from
     * {@code scales[sOff]} ({@code [blocks][16]}). Per key: each block's part of the dot in four chains
     * (d mod 4 from the block's first column) added {@code (s0 + s1) + (s2 + s3)}, times the key's
     * scale of that block, accumulated block by block with FMAs, times {@code scale}: no read-back
     * array, one multiply by a scale per 32 values. A backend's override must give the same bits;
     * each query gets the same bits whatever others share the call.
     */
    protected void q8TileScores(float[] q, int qOff, int qStride, int nq, byte[] k, int kOff, float[] scales, int sOff, int col,
                                int len, float scale, float[] out, int outOff, int outStride) {
        for (int i = 0; i < nq; i++) {
            q8TileScores(q, qOff + i * qStride, k, kOff, scales, sOff, col, len, scale, out, outOff + i * outStride);
        }
    }

    private static void q8TileScores(float[] q, int qOff, byte[] k, int kOff, float[] scales, int sOff, int col, int len,
                                     float scale, float[] out, int outOff) {
        for (int l = 0; l < CpuBuffer.TILE; l++) {
            float acc = 0;
            for (int d0 = 0; d0 < len; ) {
                int d1 = Math.min(len, (col + d0) / CpuBuffer.Q8_BLOCK * CpuBuffer.Q8_BLOCK + CpuBuffer.Q8_BLOCK - col);
                float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                int d = d0;
                for (; d + 4 <= d1; d += 4) {
                    int t = kOff + d * CpuBuffer.TILE + l;
                    s0 = Math.fma(q[qOff + d], k[t], s0);
                    s1 = Math.fma(q[qOff + d + 1], k[t + CpuBuffer.TILE], s1);
                    s2 = Math.fma(q[qOff + d + 2], k[t + 2 * CpuBuffer.TILE], s2);
                    s3 = Math.fma(q[qOff + d + 3], k[t + 3 * CpuBuffer.TILE], s3);
                }
                s0 = d < d1 ? Math.fma(q[qOff + d], k[kOff + d * CpuBuffer.TILE + l], s0) : s0;
                s1 = d + 1 < d1 ? Math.fma(q[qOff + d + 1], k[kOff + (d + 1) * CpuBuffer.TILE + l], s1) : s1;
                s2 = d + 2 < d1 ? Math.fma(q[qOff + d + 2], k[kOff + (d + 2) * CpuBuffer.TILE + l], s2) : s2;
                acc = Math.fma((s0 + s1) + (s2 + s3), scales[sOff + (col + d0) / CpuBuffer.Q8_BLOCK * CpuBuffer.TILE + l], acc);
                d0 = d1;
            }
            out[outOff + l] = acc * scale;
        }
    }

    /** As {@link #tileScoresF16} over Q8 keys in tiles, scored from the int8 values ({@link #q8TileScores}). */
    private float[] tileScoresQ8(Chunked a, int c, CpuBuffer k) {
        float[] s = scratch(chunkScores, a.nq * a.heads * CHUNK_KEYS);
        int j1 = chunkEnd(a, c);
        int kvHeads = a.kvWidth / a.headDim;
        for (int j = c * CHUNK_KEYS; j < j1; j += CpuBuffer.TILE) {
            for (int g = 0; g < kvHeads; g++) {
                int kOff = k.index(j, g * a.headDim);
                int sOff = k.scaleIndex(j, 0);
                for (int h = g * a.group; h < (g + 1) * a.group; h++) {
                    q8TileScores(a.q, a.query(0, h), a.width, a.nq, k.q8, kOff, k.q8Scales, sOff, g * a.headDim, a.headDim,
                            a.scale, s, a.score(0, h, c, j), a.heads * CHUNK_KEYS);
                }
            }
        }
        return s;
    }

    /**
     * Chunk c's softmax and value sums over Q8 value rows. When every query sees the whole chunk
     * and no block straddles two heads (cross attention), in runs of {@link #Q8_RUN_KEYS} keys: each
     * (query, head, block, key) weight times the key's block scale into a table, then
     * {@link #q8ValueRun}; otherwise each row's slices summed into every query that sees it
     * ({@link #q8Axpy}). Both take, per output value, the same FMAs with the same coefficients in
     * key order: the same bits.
     */
    private void valuesQ8(Chunked a, int c, float[] s, CpuBuffer v) {
        chunkSoftmax(a, c, s);
        float[] sums = chunkSumsZeroed(a);
        int j1 = chunkEnd(a, c);
        if (a.headDim % CpuBuffer.Q8_BLOCK == 0 && seesWholeChunk(a, c, j1)) {
            valueRunsQ8(a, c, s, v, j1, sums);
            System.arraycopy(sums, 0, a.partials, a.partial(c), a.nq * a.width);
            return;
        }
        for (int j = c * CHUNK_KEYS; j < j1; j++) {
            int row = j * a.kvWidth;
            int scales = v.scaleIndex(j, 0);
            for (int i = 0; i < a.nq; i++) {
                if (j < a.from(i, c) || j >= a.to(i, c)) {
                    continue;
                }
                for (int h = 0; h < a.heads; h++) {
                    int kvCol = (h / a.group) * a.headDim;
                    q8Axpy(s[a.score(i, h, c, j)], v.q8, row + kvCol, v.q8Scales, scales, kvCol, a.headDim, sums,
                            i * a.width + h * a.headDim);
                }
            }
        }
        System.arraycopy(sums, 0, a.partials, a.partial(c), a.nq * a.width);
    }

    /** Whether every query of the call sees keys {@code [c·CHUNK_KEYS, j1)} of chunk c, all of them. */
    private static boolean seesWholeChunk(Chunked a, int c, int j1) {
        for (int i = 0; i < a.nq; i++) {
            if (a.from(i, c) != c * CHUNK_KEYS || a.to(i, c) != j1) {
                return false;
            }
        }
        return true;
    }

    /**
     * Keys per run of {@link #q8ValueRun}: a run's value rows (12 KB for a 768-wide cache) stay in
     * L1 while each column block of them is summed into registers, so the sums are loaded and
     * stored once per run instead of once per key.
     */
    static final int Q8_RUN_KEYS = 16;
    private final ThreadLocal<float[]> q8Coefficients = new ThreadLocal<>();

    /**
     * {@link #valuesQ8}' run form: per run of keys the run's block scales transposed to
     * {@code [block][key]}, each (query, head, block) row of coefficients the scores times those
     * scales ({@link #multiply}), then {@link #q8ValueRun}.
     */
    private void valueRunsQ8(Chunked a, int c, float[] s, CpuBuffer v, int j1, float[] sums) {
        int perHead = a.headDim / CpuBuffer.Q8_BLOCK;
        int blocks = a.heads * perHead;
        int rowBlocks = a.kvWidth / CpuBuffer.Q8_BLOCK;
        float[] coef = scratch(q8Coefficients, (a.nq * blocks + rowBlocks) * Q8_RUN_KEYS);
        int scalesAt = a.nq * blocks * Q8_RUN_KEYS;            // the run's scales after the coefficients
        for (int j = c * CHUNK_KEYS; j < j1; j += Q8_RUN_KEYS) {
            int keys = Math.min(Q8_RUN_KEYS, j1 - j);
            for (int k = 0; k < keys; k++) {
                int from = v.scaleIndex(j + k, 0);
                for (int b = 0; b < rowBlocks; b++) {
                    coef[scalesAt + b * Q8_RUN_KEYS + k] = v.q8Scales[from + b];
                }
            }
            for (int i = 0; i < a.nq; i++) {
                for (int h = 0; h < a.heads; h++) {
                    int w = a.score(i, h, c, j);
                    for (int b = 0; b < perHead; b++) {
                        multiply(s, w, coef, scalesAt + ((h / a.group) * perHead + b) * Q8_RUN_KEYS, coef,
                                ((i * a.heads + h) * perHead + b) * Q8_RUN_KEYS, keys);
                    }
                }
            }
            q8ValueRun(coef, a.nq, keys, v.q8, j * a.kvWidth, a.kvWidth, a.heads, a.group, a.headDim, sums, a.width);
        }
    }

    /**
     * {@code out[outOff + i] = a[aOff + i] · b[bOff + i]} for {@code i < n} (a run's coefficients:
     * loops of 16 were too short for the JIT's vectorized loop). A backend's override must give the same bits.
     */
    protected void multiply(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[aOff + i] * b[bOff + i];
        }
    }

    /**
     * {@code keys} Q8 value rows (from {@code v[vOff]}, {@code kvWidth} apart) summed into each query's
     * sums ({@code sums[i·width ..]}): output block ob of query i (columns {@code [32·ob, 32·ob + 32)},
     * head {@code ob / (headDim/32)}) adds, key by key, {@code coef[(i·blocks + ob)·Q8_RUN_KEYS + k]}
     * times the row's int8 values of the block its head reads, one FMA per value; the coefficient
     * is the key's softmax weight times that block's scale. {@code headDim} is a multiple of 32.
     * A backend's override must give the same bits (each value's FMAs in key order).
     */
    protected void q8ValueRun(float[] coef, int nq, int keys, byte[] v, int vOff, int kvWidth, int heads, int group,
                              int headDim, float[] sums, int width) {
        int perHead = headDim / CpuBuffer.Q8_BLOCK;
        int blocks = heads * perHead;
        for (int i = 0; i < nq; i++) {
            for (int ob = 0; ob < blocks; ob++) {
                int cb = (i * blocks + ob) * Q8_RUN_KEYS;
                int col = q8BlockColumn(ob, perHead, group, headDim);
                int y = i * width + ob * CpuBuffer.Q8_BLOCK;
                for (int k = 0; k < keys; k++) {
                    float w = coef[cb + k];
                    int row = vOff + k * kvWidth + col;
                    for (int d = 0; d < CpuBuffer.Q8_BLOCK; d++) {
                        sums[y + d] = Math.fma(w, v[row + d], sums[y + d]);
                    }
                }
            }
        }
    }

    /** The first value column that output block ob reads (its head's kv head, the same block within the head). */
    static int q8BlockColumn(int ob, int perHead, int group, int headDim) {
        return ob / perHead / group * headDim + ob % perHead * CpuBuffer.Q8_BLOCK;
    }

    /**
     * {@code y[yOff + d] += w · x[d]} for {@code d < len}, x the Q8 row slice of columns {@code [col, col +
     * len)} (int8 values from {@code q[qOff]}, the row's block scales from {@code scales[sOff]}): per
     * block the weight times the block's scale once, then one FMA per value. A backend's override
     * must give the same bits.
     */
    protected void q8Axpy(float w, byte[] q, int qOff, float[] scales, int sOff, int col, int len, float[] y, int yOff) {
        for (int d0 = 0; d0 < len; ) {
            int d1 = Math.min(len, (col + d0) / CpuBuffer.Q8_BLOCK * CpuBuffer.Q8_BLOCK + CpuBuffer.Q8_BLOCK - col);
            float coef = w * scales[sOff + (col + d0) / CpuBuffer.Q8_BLOCK];
            for (int d = d0; d < d1; d++) {
                y[yOff + d] = Math.fma(coef, q[qOff + d], y[yOff + d]);
            }
            d0 = d1;
        }
    }

    /**
     * Chunk c of several queries over F32 caches: runs of key rows scored per head for every query
     * ({@link #dots}, the same bits as one {@code dot} per key), the softmax, then runs of value
     * rows summed per head for every query ({@link #weightedRows}, the same bits as one {@code axpy}
     * per key): each query's result is the one it gets alone.
     */
    private void chunkF32(Chunked a, int c, float[] k, float[] v) {
        float[] s = scratch(chunkScores, a.nq * a.heads * CHUNK_KEYS);
        float[] sums = chunkSumsZeroed(a);
        int j1 = chunkEnd(a, c);
        int run = keysAtOnce(a.headDim);
        for (int j = c * CHUNK_KEYS, n; j < j1; j += n) {
            n = j + run <= j1 ? run : 1;
            for (int h = 0; h < a.heads; h++) {
                scoreRun(a, c, s, h, j, n, k, j * a.kvWidth + (h / a.group) * a.headDim);
            }
        }
        chunkSoftmax(a, c, s);
        for (int j = c * CHUNK_KEYS; j < j1; j += RUN_KEYS) {
            int j2 = Math.min(j1, j + RUN_KEYS);
            for (int h = 0; h < a.heads; h++) {
                valueRun(a, c, s, sums, h, j, j2, v, j * a.kvWidth + (h / a.group) * a.headDim);
            }
        }
        System.arraycopy(sums, 0, a.partials, a.partial(c), a.nq * a.width);
    }

    /** As {@link #chunkF32} over F16 caches, each run of rows widened once for all the queries (exactly: the same bits as the F16 kernels). */
    private void chunkF16(Chunked a, int c, short[] k, short[] v) {
        float[] s = scratch(chunkScores, a.nq * a.heads * CHUNK_KEYS);
        float[] rows = scratch(widenedRow, RUN_KEYS * a.kvWidth);
        int j1 = chunkEnd(a, c);
        int run = keysAtOnce(a.headDim);
        for (int j = c * CHUNK_KEYS; j < j1; j += RUN_KEYS) {
            int j2 = Math.min(j1, j + RUN_KEYS);
            widenF16(k, j * a.kvWidth, rows, 0, (j2 - j) * a.kvWidth);
            for (int jj = j, n; jj < j2; jj += n) {
                n = jj + run <= j2 ? run : 1;
                for (int h = 0; h < a.heads; h++) {
                    scoreRun(a, c, s, h, jj, n, rows, (jj - j) * a.kvWidth + (h / a.group) * a.headDim);
                }
            }
        }
        valuesF16(a, c, s, v);
    }

    /** Chunk c's softmax and value sums for several queries over an F16 cache, each run of value rows widened once for all the queries. */
    private void valuesF16(Chunked a, int c, float[] s, short[] v) {
        chunkSoftmax(a, c, s);
        float[] sums = chunkSumsZeroed(a);
        float[] rows = scratch(widenedRow, VALUE_RUN_KEYS * a.kvWidth);
        int j1 = chunkEnd(a, c);
        for (int j = c * CHUNK_KEYS; j < j1; j += VALUE_RUN_KEYS) {
            int j2 = Math.min(j1, j + VALUE_RUN_KEYS);
            widenF16(v, j * a.kvWidth, rows, 0, (j2 - j) * a.kvWidth);
            for (int h = 0; h < a.heads; h++) {
                valueRun(a, c, s, sums, h, j, j2, rows, (h / a.group) * a.headDim);
            }
        }
        System.arraycopy(sums, 0, a.partials, a.partial(c), a.nq * a.width);
    }

    /**
     * Head h of every query scored against key rows {@code [j, j + n)} of chunk c (row {@code j + r}'s
     * slice at {@code key[keyOff + r·kvWidth]}): in one {@link #dots} call by a query that sees them
     * all, key by key by one that sees some.
     */
    private void scoreRun(Chunked a, int c, float[] s, int h, int j, int n, float[] key, int keyOff) {
        for (int i = 0; i < a.nq; i++) {
            int lo = a.from(i, c);
            int hi = a.to(i, c);
            int qOff = a.query(i, h);
            if (lo <= j && j + n <= hi) {
                dots(a.q, qOff, key, keyOff, a.kvWidth, n, a.headDim, a.scale, s, a.score(i, h, c, j));
                continue;
            }
            for (int r = Math.max(j, lo); r < Math.min(j + n, hi); r++) {
                dots(a.q, qOff, key, keyOff + (r - j) * a.kvWidth, a.kvWidth, 1, a.headDim, a.scale, s, a.score(i, h, c, r));
            }
        }
    }

    /** Value rows {@code [j, j2)} of chunk c (row j's slice of head h at {@code value[valueOff]}), weighted, into head h of every query that sees them. */
    private void valueRun(Chunked a, int c, float[] s, float[] sums, int h, int j, int j2, float[] value, int valueOff) {
        if (a.mask.kind() == AttentionMask.Kind.FULL) {
            // every query sees the whole run: the rows weighted for all the queries in one call
            weightedRows(s, a.score(0, h, c, j), a.heads * CHUNK_KEYS, a.nq, j2 - j, value, valueOff, a.kvWidth, sums,
                    h * a.headDim, a.width, a.headDim);
            return;
        }
        for (int i = 0; i < a.nq; i++) {
            int lo = Math.max(j, a.from(i, c));
            int hi = Math.min(j2, a.to(i, c));
            if (lo < hi) {
                weightedRows(s, a.score(i, h, c, lo), hi - lo, value, valueOff + (lo - j) * a.kvWidth, a.kvWidth, sums,
                        i * a.width + h * a.headDim, a.headDim);
            }
        }
    }

    /** One past the last key any query sees. */
    private static int chunkEnd(Chunked a, int c) {
        int end = 0;
        for (int i = 0; i < a.nq; i++) {
            end = Math.max(end, a.to(i, c));
        }
        return end;
    }

    /** This thread's value-sum rows for one chunk, {@code [nq][width]}, zeroed. */
    private float[] chunkSumsZeroed(Chunked a) {
        float[] sums = scratch(chunkSums, a.nq * a.width);
        java.util.Arrays.fill(sums, 0, a.nq * a.width, 0f);
        return sums;
    }

    /** Each query's and head's scores in chunk c, exponentiated in place against their maximum in the chunk; maximum and sum kept. */
    private void chunkSoftmax(Chunked a, int c, float[] s) {
        chunkSoftmax(a, c, s, 0, a.heads);
    }

    /** As {@link #chunkSoftmax(Chunked, int, float[])} for heads {@code [h0, h1)} alone. */
    private void chunkSoftmax(Chunked a, int c, float[] s, int h0, int h1) {
        for (int i = 0; i < a.nq; i++) {
            int lo = a.from(i, c);
            int n = a.to(i, c) - lo;
            if (n <= 0) {
                continue;
            }
            for (int h = h0; h < h1; h++) {
                int off = a.score(i, h, c, lo);
                float max = max(s, off, n);
                int at = a.maxAt(c, i, h);
                a.partials[at] = max;
                a.partials[at + a.nq * a.heads] = expShiftedInPlace(s, off, n, max);
            }
        }
    }

    /**
     * Query i's head h into {@code out}: its chunks' value sums and softmax sums, each rescaled by
     * {@code exp(chunk max - overall max)}, added in chunk order, the sums divided by the softmax
     * sum. A single chunk is taken as it is (a factor of exactly 1), as {@link #attentionByDots} has it.
     */
    private void combineChunks(Chunked a, int i, int h, float[] out) {
        int c0 = a.mask.firstKey(i) / CHUNK_KEYS;
        int c1 = blocks(a.mask.endKey(i, a.nkv), CHUNK_KEYS);
        int o = a.query(i, h);
        int sumsOff = i * a.width + h * a.headDim;
        int denomOff = a.nq * a.heads;
        if (c1 - c0 == 1) {
            System.arraycopy(a.partials, a.partial(c0) + sumsOff, out, o, a.headDim);
            scale(out, o, a.headDim, 1 / a.partials[a.maxAt(c0, i, h) + denomOff]);
            return;
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int c = c0; c < c1; c++) {
            max = Math.max(max, a.partials[a.maxAt(c, i, h)]);
        }
        java.util.Arrays.fill(out, o, o + a.headDim, 0f);
        float denom = 0;
        for (int c = c0; c < c1; c++) {
            int at = a.maxAt(c, i, h);
            float f = (float) StrictMath.exp(a.partials[at] - max);
            denom += f * a.partials[at + denomOff];
            axpy(f, a.partials, a.partial(c) + sumsOff, out, o, a.headDim);
        }
        scale(out, o, a.headDim, 1 / denom);
    }

    private final ThreadLocal<float[]> widenedRow = new ThreadLocal<>();

    /**
     * {@code dst[dstOff + i] = src[srcOff + i]} widened from half precision (exact), {@code i < len}.
     * The plain loop on purpose, in every backend: C2 compiles it to the hardware half-to-float
     * convert, 32-42 GB/s of halves against 22 for the Vector API lane decode (L2-resident, one
     * thread, measured 2026-12-04), and it takes the several-query chunks 13-15 % faster.
     */
    private static void widenF16(short[] src, int srcOff, float[] dst, int dstOff, int len) {
        for (int i = 0; i < len; i++) {
            dst[dstOff + i] = Float.float16ToFloat(src[srcOff + i]);
        }
    }

    /**
     * A backend's tiled attention for many queries over F32 keys, full or causal; returns false
     * where it does not apply, and the generic paths run instead.
     */
    protected boolean tiledAttention(float[] q, int nq, float[] k, float[] v, int nkv, int heads, int kvHeads, int headDim,
                                     AttentionMask mask, float[] out) {
        return false;
    }

    private static float[] widen(short[] h, int n) {
        return widen(h, n, new float[n]);
    }

    /** The first {@code n} values of {@code h} widened into {@code f}, which is returned. */
    private static float[] widen(short[] h, int n, float[] f) {
        widenF16(h, 0, f, 0, n);
        return f;
    }

    /** The first {@code rows} rows of keys {@code h} ({@code cols} wide, {@link CpuBuffer#tiled} or not) widened into {@code f} row-major. */
    private static float[] widenKeys(short[] h, boolean tiled, int rows, int cols, float[] f) {
        if (!tiled) {
            return widen(h, rows * cols, f);
        }
        for (int r = 0; r < rows; r++) {
            int tile = CpuBuffer.tiledIndex(r, 0, cols);
            for (int c = 0; c < cols; c++) {
                f[r * cols + c] = Float.float16ToFloat(h[tile + c * CpuBuffer.TILE]);
            }
        }
        return f;
    }

    /** The first {@code rows} rows of F32 keys in {@link CpuBuffer#tiled} layout ({@code cols} wide) into {@code f} row-major. */
    private static float[] tilesToRows(float[] t, int rows, int cols, float[] f) {
        // a tile's rows in blocks of 16 columns (as rowsToTiles writes them): the block's tile lines stay in L1
        for (int r0 = 0; r0 < rows; r0 += CpuBuffer.TILE) {
            int n = Math.min(rows - r0, CpuBuffer.TILE);
            int tile = CpuBuffer.tiledIndex(r0, 0, cols);
            for (int c0 = 0; c0 < cols; c0 += CpuBuffer.TILE) {
                int c1 = Math.min(cols, c0 + CpuBuffer.TILE);
                for (int i = 0; i < n; i++) {
                    for (int c = c0, o = (r0 + i) * cols, x = tile + i; c < c1; c++) {
                        f[o + c] = t[x + c * CpuBuffer.TILE];
                    }
                }
            }
        }
        return f;
    }

    /**
     * Queries {@code [q0, q1)} of the head whose columns start at {@code col} (its K/V head at
     * {@code kvCol}), against the first {@code keys} keys. K's head slice is transposed and V's
     * copied into per-thread rows, so that both products are {@code y[j] += a·x[j]} loops over
     * whole arrays, which the JIT vectorises (it does not when the two arrays carry different
     * offsets, as they might be one array).
     */
    protected void attentionBlock(float[] q, int q0, int q1, float[] k, float[] v, int keys, int col, int kvCol, int headDim,
                                  int width, int kvWidth, boolean causal, int pastLength, float scale, float[] out) {
        float[][] kt = rows(keyRows, headDim, keys);
        float[][] vr = rows(valueRows, keys, headDim);
        float[] scores = scratch(attentionScratch, keys);
        float[] acc = scratch(accumulatorRow, headDim);
        for (int j = 0; j < keys; j++) {
            int src = j * kvWidth + kvCol;
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

    /**
     * Few queries (decoder steps) or a windowed mask: scores as dot products straight from the
     * keys (F32 {@code k} or F16 {@code k16}), so K needs no transposing; each query sees keys
     * {@code [mask.firstKey(i), mask.endKey(i, nkv))}.
     */
    private void attentionByDots(float[] q, int q0, int q1, float[] k, short[] k16, float[] v, short[] v16, int col, int kvCol,
                                 int headDim, int width, int kvWidth, AttentionMask mask, int nkv, float scale, float[] out) {
        float[] scores = scratch(attentionScratch, nkv);
        for (int i = q0; i < q1; i++) {
            int lo = mask.firstKey(i);
            int n = mask.endKey(i, nkv) - lo;
            int qOff = i * width + col;
            for (int j = 0; j < n; j++) {
                int kOff = (lo + j) * kvWidth + kvCol;
                scores[j] = (k16 == null ? dot(q, qOff, k, kOff, headDim) : dotF16(q, qOff, k16, kOff, headDim, true)) * scale;
            }
            float max = max(scores, 0, n);
            float inv = 1 / expShiftedInPlace(scores, 0, n, max);
            java.util.Arrays.fill(out, qOff, qOff + headDim, 0f);
            for (int j = 0; j < n; j++) {
                int vOff = (lo + j) * kvWidth + kvCol;
                if (v16 == null) {
                    axpy(scores[j], v, vOff, out, qOff, headDim);
                } else {
                    axpyF16(scores[j], v16, vOff, out, qOff, headDim, true);
                }
            }
            scale(out, qOff, headDim, inv);
        }
    }

    /**
     * {@code Σ a[aOff + i]·b[bOff + i]} over half-precision {@code b}: widened, then summed as {@link #dot}.
     * Without {@code specials}, {@code b} holds no infinity or NaN, and a backend may skip decoding them.
     */
    protected float dotF16(float[] a, int aOff, short[] b, int bOff, int len, boolean specials) {
        float[] row = scratch(halfRow, len);
        for (int i = 0; i < len; i++) {
            row[i] = Float.float16ToFloat(b[bOff + i]);
        }
        return dot(a, aOff, row, 0, len);
    }

    private final ThreadLocal<float[]> halfRow = new ThreadLocal<>();

    /** {@code y[yOff + i] += a · x[xOff + i]} over half-precision {@code x}, {@code specials} as for {@link #dotF16}. */
    protected void axpyF16(float a, short[] x, int xOff, float[] y, int yOff, int len, boolean specials) {
        for (int i = 0; i < len; i++) {
            y[yOff + i] += a * Float.float16ToFloat(x[xOff + i]);
        }
    }

    /** How many keys {@link #dots} takes at once with more to gain than one at a time, for rows of {@code len}. */
    protected int keysAtOnce(int len) {
        return 1;
    }

    /**
     * {@code out[outOff + j] = dot(q, qOff, k, kOff + j·stride, len)·scale} for keys {@code j < n}:
     * what {@code n} calls of {@link #dot(float[], int, float[], int, int)} give, and a backend's
     * override must give it bit-identically.
     */
    protected void dots(float[] q, int qOff, float[] k, int kOff, int stride, int n, int len, float scale, float[] out, int outOff) {
        for (int j = 0; j < n; j++) {
            out[outOff + j] = dot(q, qOff, k, kOff + j * stride, len) * scale;
        }
    }

    /**
     * {@code out[outOff + l] = scale · Σ_d q[qOff + d]·tile[16·d + l]} for the sixteen keys {@code l} of
     * a column-major tile ({@code [len][16]}), each key summed in four fused multiply-add chains (d mod
     * 4, in order of d) added as {@code (s0 + s1) + (s2 + s3)}, for the {@code nq} queries at {@code q[qOff +
     * i·qStride]}, their scores at {@code out[outOff + i·outStride]}: a backend's override must give each
     * query these bits, whatever {@code nq}.
     */
    protected void tileScores(float[] q, int qOff, int qStride, int nq, float[] tile, int len, float scale, float[] out,
                              int outOff, int outStride) {
        for (int i = 0; i < nq; i++) {
            tileScores(q, qOff + i * qStride, tile, 0, len, scale, out, outOff + i * outStride);
        }
    }

    /**
     * {@link #tileScores} over a tile of F32 keys in place ({@code [len][16]} at {@code k[kOff ..]}):
     * each of the {@code nq} queries gets the bits {@link #tileScores} gives it, and a backend's
     * override must give them (whatever {@code nq}: a GQA group shares each tile row it loads).
     */
    protected void tileScoresF32(float[] q, int qOff, int qStride, int nq, float[] k, int kOff, int len, float scale,
                                 float[] out, int outOff, int outStride) {
        for (int i = 0; i < nq; i++) {
            tileScores(q, qOff + i * qStride, k, kOff, len, scale, out, outOff + i * outStride);
        }
    }

    private static void tileScores(float[] q, int qOff, float[] k, int kOff, int len, float scale, float[] out, int outOff) {
        for (int l = 0; l < CpuBuffer.TILE; l++) {
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int d = 0;
            for (; d + 4 <= len; d += 4) {
                int t = kOff + d * CpuBuffer.TILE + l;
                s0 = Math.fma(q[qOff + d], k[t], s0);
                s1 = Math.fma(q[qOff + d + 1], k[t + CpuBuffer.TILE], s1);
                s2 = Math.fma(q[qOff + d + 2], k[t + 2 * CpuBuffer.TILE], s2);
                s3 = Math.fma(q[qOff + d + 3], k[t + 3 * CpuBuffer.TILE], s3);
            }
            s0 = d < len ? Math.fma(q[qOff + d], k[kOff + d * CpuBuffer.TILE + l], s0) : s0;
            s1 = d + 1 < len ? Math.fma(q[qOff + d + 1], k[kOff + (d + 1) * CpuBuffer.TILE + l], s1) : s1;
            s2 = d + 2 < len ? Math.fma(q[qOff + d + 2], k[kOff + (d + 2) * CpuBuffer.TILE + l], s2) : s2;
            out[outOff + l] = ((s0 + s1) + (s2 + s3)) * scale;
        }
    }

    /**
     * {@link #valueSumsF16} for rows already in cache: a backend may walk them head by head (the
     * same fused multiply-adds in the same order per element, so the same bits).
     */
    protected void valueSumsF16ByHead(float[] w, int wOff, int wStride, int n, short[] x, int xOff, int stride, int heads,
                                      int group, int len, float[] out, int outOff, boolean specials) {
        valueSumsF16(w, wOff, wStride, n, x, xOff, stride, heads, group, len, out, outOff, specials);
    }

    /**
     * One query's value sums over half-precision rows, every head: head h's output
     * {@code out[outOff + h·len ..]} gains {@code w[wOff + h·wStride + j]} times its slice of row j
     * ({@code x[xOff + j·stride + (h / group)·len ..]}), keys {@code j < n} in order and the heads
     * of each key in order: what {@link #axpyF16} per key and head adds, and a backend's override
     * must add it bit-identically (one call per chunk: see {@code VectorOps.valueSumsF16} for why).
     */
    protected void valueSumsF16(float[] w, int wOff, int wStride, int n, short[] x, int xOff, int stride, int heads,
                                int group, int len, float[] out, int outOff, boolean specials) {
        for (int j = 0; j < n; j++) {
            for (int h = 0; h < heads; h++) {
                axpyF16(w[wOff + h * wStride + j], x, xOff + j * stride + (h / group) * len, out, outOff + h * len, len,
                        specials);
            }
        }
    }

    /**
     * {@code out[outOff + c] += Σ w[wOff + j]·x[xOff + j·stride + c]} for {@code c < len}, keys {@code j < n}
     * in order: what {@code n} calls of {@link #axpy(float, float[], int, float[], int, int)} add, and a backend's
     * override must add it bit-identically.
     */
    protected void weightedRows(float[] w, int wOff, int n, float[] x, int xOff, int stride, float[] out, int outOff, int len) {
        for (int j = 0; j < n; j++) {
            axpy(w[wOff + j], x, xOff + j * stride, out, outOff, len);
        }
    }

    /**
     * {@link #weightedRows(float[], int, int, float[], int, int, float[], int, int)} for {@code nw} sets of
     * weights ({@code wStride} apart) into as many outputs ({@code outStride} apart) over the same rows:
     * each output the bits that call gives it alone; a backend may read each row once for all.
     */
    protected void weightedRows(float[] w, int wOff, int wStride, int nw, int n, float[] x, int xOff, int stride, float[] out,
                                int outOff, int outStride, int len) {
        for (int i = 0; i < nw; i++) {
            weightedRows(w, wOff + i * wStride, n, x, xOff, stride, out, outOff + i * outStride, len);
        }
    }

    /** {@code Σ a[aOff + i]·b[bOff + i]} for {@code i < len}. */
    protected float dot(float[] a, int aOff, float[] b, int bOff, int len) {
        return WeightMatrix.dot4(a, aOff, b, bOff, len);
    }

    /** {@code y[yOff + i] += a · x[xOff + i]} for {@code i < len}. */
    protected void axpy(float a, float[] x, int xOff, float[] y, int yOff, int len) {
        for (int i = 0; i < len; i++) {
            y[yOff + i] += a * x[xOff + i];
        }
    }

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

    // ================================================================== Backend ops over buffers

    @Override
    public Buffer allocate(int rows, int cols, BufferType type) {
        return CpuBuffer.allocate(rows, cols, java.util.Objects.requireNonNull(type, "type"));
    }

    /**
     * Keys of every type in {@link CpuBuffer#tiled} layout: the few-query attention scores sixteen keys
     * a vector with no lane folds (F32: {@link #tiledScoresF32}); the many-query paths read them back
     * as rows.
     */
    @Override
    public Buffer allocateKeys(int rows, int cols, BufferType type) {
        return CpuBuffer.allocateTiled(rows, cols, java.util.Objects.requireNonNull(type, "type"));
    }

    @Override
    public Buffer view(Buffer base, int rows, int cols) {
        return CpuBuffer.view(buffer("base", base), rows, cols);
    }

    @Override
    public Buffer upload(float[] values, int rows, int cols) {
        return CpuBuffer.wrap(values.clone(), rows, cols);
    }

    @Override
    public void download(Buffer src, int firstRow, int rows, float[] dst) {
        CpuBuffer b = buffer("src", src);
        checkRows("src", b, firstRow, rows);
        int n = rows * b.cols();
        requireLength("dst", dst, n);
        int from = firstRow * b.cols();
        if (b.q8 != null) {
            for (int r = 0; r < rows; r++) {
                Q8Rows.dequantize(b, firstRow + r, dst, r * b.cols());
            }
        } else if (b.tiled && b.f32 != null) {
            for (int i = 0; i < n; i++) {
                dst[i] = b.f32[b.index(firstRow + i / b.cols(), i % b.cols())];
            }
        } else if (b.tiled) {
            for (int i = 0; i < n; i++) {
                dst[i] = Float.float16ToFloat(b.f16[b.index(firstRow + i / b.cols(), i % b.cols())]);
            }
        } else if (b.f32 != null) {
            System.arraycopy(b.f32, from, dst, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                dst[i] = Float.float16ToFloat(b.f16[from + i]);
            }
        }
    }

    @Override
    public void gather(Matrix table, int[] ids, Buffer out) {
        WeightMatrix m = weightMatrix(table);
        float[] y = f32("out", out, ids.length, m.cols());
        for (int i = 0; i < ids.length; i++) {
            m.row(ids[i], y, i * m.cols());
        }
    }

    @Override
    public void gather(Buffer table, int[] rows, Buffer out) {
        CpuBuffer t = buffer("table", table);
        shape("out", out, rows.length, t.cols());
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= t.rows()) {
                throw new IllegalArgumentException("gather: row " + rows[i] + " of a table with " + t.rows() + " rows");
            }
            copyRows(t, rows[i], out, i, 1);
        }
    }

    @Override
    public void copyRows(Buffer src, int srcRow, Buffer dst, int dstRow, int rows) {
        CpuBuffer s = buffer("src", src);
        CpuBuffer d = buffer("dst", dst);
        if (s.cols() != d.cols()) {
            throw new IllegalArgumentException("copyRows: src " + s + " and dst " + d + " differ in width");
        }
        checkRows("src", s, srcRow, rows);
        checkRows("dst", d, dstRow, rows);
        if (d.tiled && d.f32 != null && s.f32 != null && !s.tiled) {
            // F32 rows into F32 keys in tiles (a prompt's keys, a step's key)
            rowsToTiles(s.f32, srcRow, d.f32, dstRow, rows, s.cols());
            return;
        }
        if (s.tiled && d.tiled && s.f32 != null && d.f32 != null && srcRow % CpuBuffer.TILE == 0
                && dstRow % CpuBuffer.TILE == 0) {
            // F32 keys in tiles into tiles at the same place in a tile (a decoder's cache grown): whole tiles as they are
            int whole = rows / CpuBuffer.TILE * CpuBuffer.TILE;
            System.arraycopy(s.f32, s.index(srcRow, 0), d.f32, d.index(dstRow, 0), whole * s.cols());
            copyRowsOneByOne(s, srcRow + whole, d, dstRow + whole, rows - whole);
            return;
        }
        if (s.tiled || d.tiled || s.q8 != null || d.q8 != null) {
            copyRowsOneByOne(s, srcRow, d, dstRow, rows);
            return;
        }
        int n = rows * s.cols();
        int from = srcRow * s.cols();
        int to = dstRow * d.cols();
        if (s.f32 != null && d.f32 != null) {
            System.arraycopy(s.f32, from, d.f32, to, n);
        } else if (s.f16 != null && d.f16 != null) {
            System.arraycopy(s.f16, from, d.f16, to, n);
            d.specials |= s.specials;
        } else if (s.f32 != null) {
            boolean specials = false;
            for (int i = 0; i < n; i++) {
                short h = Float.floatToFloat16(s.f32[from + i]);
                d.f16[to + i] = h;
                specials |= F16Weights.special(h);
            }
            d.specials |= specials;
        } else {
            for (int i = 0; i < n; i++) {
                d.f32[to + i] = Float.float16ToFloat(s.f16[from + i]);
            }
        }
    }

    /**
     * Rows {@code srcRow ..} of F32 rows {@code s} ({@code cols} wide) into rows {@code dstRow ..} of F32 keys in
     * {@link CpuBuffer#tiled} layout {@code t}. Several rows of one tile (a prompt's keys) go in blocks of
     * {@link CpuBuffer#TILE} columns: each row's sixteen values read as one line and written into the block's sixteen
     * tile lines, which stay in L1 for the tile's rows. Row by row (as {@link #copyRowsOneByOne} did) each row walks the
     * whole tile (64 KB at Qwen3-ASR's 1,024 columns, more than L1), so each tile line came back once a row: Qwen3-ASR's
     * 708-token prompt, 28 layers, took 31 ms warm and 43-47 ms in a fresh JVM that way, 15 and 23 ms this way
     * (2026-12-07d-qval). The same bits either way: a copy.
     */
    private static void rowsToTiles(float[] s, int srcRow, float[] t, int dstRow, int rows, int cols) {
        for (int r = 0, n; r < rows; r += n) {
            int row = dstRow + r;
            n = Math.min(rows - r, CpuBuffer.TILE - row % CpuBuffer.TILE);
            int tile = CpuBuffer.tiledIndex(row, 0, cols);
            int from = (srcRow + r) * cols;
            for (int c0 = 0; c0 < cols; c0 += CpuBuffer.TILE) {
                int c1 = Math.min(cols, c0 + CpuBuffer.TILE);
                for (int i = 0; i < n; i++) {
                    for (int c = c0, f = from + i * cols, o = tile + i; c < c1; c++) {
                        t[o + c * CpuBuffer.TILE] = s[f + c];
                    }
                }
            }
        }
    }

    /**
     * {@link #copyRows} row by row, each row's elements {@link CpuBuffer#stride} apart from its first
     * (tiled keys, Q8 caches: written once per window); Q8 quantized or read back per row.
     */
    private static void copyRowsOneByOne(CpuBuffer s, int srcRow, CpuBuffer d, int dstRow, int rows) {
        int cols = s.cols();
        float[] row = s.q8 != null ^ d.q8 != null ? new float[cols] : null;
        boolean specials = false;
        for (int r = 0; r < rows; r++) {
            if (s.q8 != null && d.q8 != null) {
                Q8Rows.copy(s, srcRow + r, d, dstRow + r);
                continue;
            }
            if (s.q8 != null) {
                Q8Rows.dequantize(s, srcRow + r, row, 0);
            }
            int from = s.index(srcRow + r, 0);
            int to = d.index(dstRow + r, 0);
            int ss = s.stride();
            int ds = d.stride();
            if (d.q8 != null) {
                for (int c = 0; c < cols; c++) {
                    row[c] = s.f16 != null ? Float.float16ToFloat(s.f16[from + c * ss]) : s.f32[from + c * ss];
                }
                Q8Rows.quantize(row, 0, d, dstRow + r);
            } else if (d.f16 != null) {
                for (int c = 0; c < cols; c++) {
                    short h = s.f16 != null ? s.f16[from + c * ss]
                            : Float.floatToFloat16(s.q8 != null ? row[c] : s.f32[from + c * ss]);
                    d.f16[to + c * ds] = h;
                    specials |= F16Weights.special(h);
                }
            } else {
                for (int c = 0; c < cols; c++) {
                    d.f32[to + c * ds] = s.f16 != null ? Float.float16ToFloat(s.f16[from + c * ss])
                            : s.q8 != null ? row[c] : s.f32[from + c * ss];
                }
            }
        }
        d.specials |= specials;
    }

    @Override
    public void transpose(Buffer src, Buffer dst) {
        float[] a = f32("src", src, src.rows(), src.cols());
        float[] t = f32("dst", dst, src.cols(), src.rows());
        int rows = src.rows();
        int cols = src.cols();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
    }

    @Override
    public void linear(Buffer x, Matrix w, Buffer bias, Buffer y) {
        int n = x.rows();
        linear(f32("x", x, n, w.cols()), n, w, bias == null ? null : f32("bias", bias, 1, w.rows()),
                f32("y", y, n, w.rows()));
    }

    /** Checks every shape, then runs {@link #linearsRows} (the vector backend: one parallel pass for few rows). */
    @Override
    public void linears(Buffer x, Matrix[] w, Buffer[] bias, Buffer[] y) {
        if (w.length != y.length || (bias != null && bias.length != w.length) || x.rows() == 0) {
            Backend.super.linears(x, w, bias, y);   // says which counts disagree; nothing to do for no rows
            return;
        }
        int n = x.rows();
        WeightMatrix[] ms = new WeightMatrix[w.length];
        float[][] bs = new float[w.length][];
        float[][] ys = new float[w.length][];
        float[] xs = null;
        for (int i = 0; i < w.length; i++) {
            ms[i] = weightMatrix(w[i]);
            xs = f32("x", x, n, ms[i].cols());
            bs[i] = bias == null || bias[i] == null ? null : f32("bias", bias[i], 1, ms[i].rows());
            ys[i] = f32("y", y[i], n, ms[i].rows());
        }
        if (xs != null) {
            linearsRows(xs, n, ms, bs, ys);
        }
    }

    /** {@code y[i] = x · w[i]ᵀ + bias[i]} over checked arrays ({@code x} dense {@code [n, cols]}): one product after another. */
    protected void linearsRows(float[] x, int n, WeightMatrix[] w, float[][] bias, float[][] y) {
        for (int i = 0; i < w.length; i++) {
            linearRows(x, 0, w[i].cols(), n, w[i], bias[i], y[i]);
        }
    }

    /** Checks every shape, then runs {@link #linearSwigluRows}. */
    @Override
    public void linearSwiglu(Buffer x, Matrix gate, Matrix up, Buffer out, Buffer scratch) {
        WeightMatrix g = weightMatrix(gate);
        WeightMatrix u = weightMatrix(up);
        int n = x.rows();
        if (u.rows() != g.rows() || u.cols() != g.cols()) {
            throw new IllegalArgumentException("linearSwiglu: gate " + g + " and up " + u + " differ in shape");
        }
        float[] xs = f32("x", x, n, g.cols());
        float[] os = f32("out", out, n, g.rows());
        float[] ss = f32("scratch", scratch, n, g.rows());
        if (n > 0) {
            linearSwigluRows(xs, n, g, u, os, ss);
        }
    }

    /**
     * {@code out = SiLU(x · gateᵀ) · (x · upᵀ)} over checked arrays, {@code scratch} taking {@code x · upᵀ}: the two
     * products, then {@link #swiglu(float[], float[], float[], int)}.
     */
    protected void linearSwigluRows(float[] x, int n, WeightMatrix gate, WeightMatrix up, float[] out, float[] scratch) {
        linearRows(x, 0, gate.cols(), n, gate, null, out);
        linearRows(x, 0, up.cols(), n, up, null, scratch);
        swiglu(out, scratch, out, n * gate.rows());
    }

    @Override
    public void matmul(Buffer a, boolean transA, Buffer b, boolean transB, Buffer c, float alpha, boolean accumulate) {
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int n = transB ? b.rows() : b.cols();
        int kb = transB ? b.cols() : b.rows();
        if (kb != k) {
            throw new IllegalArgumentException("matmul: op(A) " + a + (transA ? "ᵀ" : "") + " and op(B) " + b
                    + (transB ? "ᵀ" : "") + " do not chain");
        }
        matmul(f32("a", a, a.rows(), a.cols()), transA, f32("b", b, b.rows(), b.cols()), transB, f32("c", c, m, n),
                m, n, k, alpha, accumulate);
    }

    @Override
    public void layerNorm(Buffer x, Buffer gamma, Buffer beta, float eps, Buffer y) {
        int dim = x.cols();
        layerNorm(f32("x", x, x.rows(), dim), x.rows(), dim, f32("gamma", gamma, 1, dim), f32("beta", beta, 1, dim), eps,
                f32("y", y, x.rows(), dim));
    }

    @Override
    public void rmsNorm(Buffer x, Buffer gamma, float eps, Buffer y) {
        int rows = x.rows();
        int width = x.cols();
        int dim = gamma.cols();
        if (dim < 1 || width % dim != 0) {
            throw new IllegalArgumentException("rmsNorm: gamma " + gamma + " neither matches nor divides the width of " + x);
        }
        float[] xs = f32("x", x, rows, width);
        float[] g = f32("gamma", gamma, 1, dim);
        float[] ys = f32("y", y, rows, width);
        int groups = rows * (width / dim);  // rows of dim values each, normalised independently
        pool.parallelFor(blocks(groups, ROW_BLOCK), b -> {
            int end = Math.min(groups, (b + 1) * ROW_BLOCK);
            for (int r = b * ROW_BLOCK; r < end; r++) {
                int off = r * dim;
                double sq = 0;
                for (int i = 0; i < dim; i++) {
                    double v = xs[off + i];
                    sq += v * v;
                }
                float inv = (float) (1 / Math.sqrt(sq / dim + eps));
                for (int i = 0; i < dim; i++) {
                    ys[off + i] = xs[off + i] * inv * g[i];
                }
            }
        });
    }

    @Override
    public void gelu(Buffer x) {
        gelu(f32("x", x, x.rows(), x.cols()), (int) x.size());
    }

    @Override
    public void swiglu(Buffer gate, Buffer up, Buffer out) {
        float[] g = f32("gate", gate, gate.rows(), gate.cols());
        float[] u = f32("up", up, gate.rows(), gate.cols());
        float[] o = f32("out", out, gate.rows(), gate.cols());
        swiglu(g, u, o, (int) gate.size());
    }

    /** {@code o[i] = swiglu(g[i], u[i])} for {@code i < length}; o may be g or u. */
    void swiglu(float[] g, float[] u, float[] o, int length) {
        int block = 4096;
        pool.parallelFor(blocks(length, block), b -> swigluRange(g, u, o, b * block, Math.min(length, (b + 1) * block)));
    }

    /** {@code o[i] = swiglu(g[i], u[i])} for {@code from <= i < to}; o may be g or u. */
    protected void swigluRange(float[] g, float[] u, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            o[i] = swiglu(g[i], u[i]);
        }
    }

    /**
     * {@code SiLU(g) · u}, SiLU in double with {@link PortableExp} (the same bits in every JIT tier and in
     * {@link VectorSwiglu}'s lanes).
     */
    static float swiglu(float g, float u) {
        double v = g;
        return (float) (v / (1 + PortableExp.exp(-v))) * u;
    }

    @Override
    public void softmax(Buffer x) {
        softmax(f32("x", x, x.rows(), x.cols()), x.rows(), x.cols());
    }

    /** Angles and their sines and cosines in double ({@link StrictMath}), rounded once to float ({@link RopeTable}). */
    @Override
    public void rope(Buffer x, int headDim, int[] positions, float base) {
        int rows = x.rows();
        int cols = x.cols();
        float[] a = f32("x", x, rows, cols);
        if (headDim < 2 || headDim % 2 != 0 || cols % headDim != 0) {
            throw new IllegalArgumentException("rope: headDim " + headDim + " must be even and divide the width " + cols);
        }
        if (positions.length != rows) {
            throw new IllegalArgumentException("rope: " + positions.length + " positions for " + rows + " rows");
        }
        int half = headDim / 2;
        RopeTable table = RopeTable.of(headDim, positions, base, pool);
        pool.parallelFor(blocks(rows, ROW_BLOCK), b -> {
            for (int r = b * ROW_BLOCK, end = Math.min(rows, (b + 1) * ROW_BLOCK); r < end; r++) {
                for (int j = 0; j < half; j++) {
                    float cos = table.cos[r * half + j];
                    float sin = table.sin[r * half + j];
                    for (int h = r * cols; h < (r + 1) * cols; h += headDim) {
                        float p = a[h + j];
                        float q = a[h + j + half];
                        a[h + j] = p * cos - q * sin;
                        a[h + j + half] = q * cos + p * sin;
                    }
                }
            }
        });
    }

    @Override
    public void add(Buffer acc, Buffer b) {
        add(f32("acc", acc, acc.rows(), acc.cols()), f32("b", b, acc.rows(), acc.cols()), (int) acc.size());
    }

    @Override
    public void scale(Buffer x, float factor) {
        float[] a = f32("x", x, x.rows(), x.cols());
        scale(a, 0, (int) x.size(), factor);
    }

    @Override
    public void attention(Buffer q, Buffer k, Buffer v, int nkv, int heads, int kvHeads, AttentionMask mask, Buffer out) {
        int headDim = checkHeads(q, heads, kvHeads);
        int nq = q.rows();
        float[] qs = f32("q", q, nq, q.cols());
        float[] o = f32("out", out, nq, q.cols());
        CpuBuffer kb = kvBuffer("k", k, nkv, kvHeads * headDim);
        CpuBuffer vb = kvBuffer("v", v, nkv, kvHeads * headDim);
        checkKeys(nq, nkv, java.util.Objects.requireNonNull(mask, "mask"));
        if (kb.q8 != null || vb.q8 != null) {
            attendQ8(qs, nq, kb, vb, nkv, heads, kvHeads, headDim, mask, false, o);
            return;
        }
        attend(qs, nq, kb.f32, kb.f16, kb.tiled, vb.f32, vb.f16, kb.specials || vb.specials, nkv, heads, kvHeads, headDim, mask, o);
    }

    /** Every query row over the whole cache as {@link #attentionFewQueries} takes one, in one pass for all rows. */
    @Override
    public void attentionEach(Buffer q, Buffer k, Buffer v, int nkv, int heads, int kvHeads, Buffer out) {
        int headDim = checkHeads(q, heads, kvHeads);
        int nq = q.rows();
        float[] qs = f32("q", q, nq, q.cols());
        float[] o = f32("out", out, nq, q.cols());
        CpuBuffer kb = kvBuffer("k", k, nkv, kvHeads * headDim);
        CpuBuffer vb = kvBuffer("v", v, nkv, kvHeads * headDim);
        checkKeys(nq, nkv, AttentionMask.full());
        if (kb.q8 != null || vb.q8 != null) {
            attendQ8(qs, nq, kb, vb, nkv, heads, kvHeads, headDim, AttentionMask.full(), true, o);
            return;
        }
        attentionFewQueries(qs, nq, kb.f32, kb.f16, kb.tiled, vb.f32, vb.f16, kb.specials || vb.specials, nkv, heads, headDim,
                heads * headDim,
                kvHeads * headDim, heads / kvHeads, AttentionMask.full(), (float) (1 / Math.sqrt(headDim)), o);
    }

    /**
     * Every group's chunks in one parallel pass when all the caches are in the decoder's form (F16
     * keys in tiles, F16 values; or Q8 keys in tiles, Q8 values, one query per window; or F16 keys
     * and values in rows, a self-attention cache, one query each; other forms and several Q8 or
     * self-attention queries per cache: one {@link #attentionEach} per group): one hand-off
     * for the whole batch instead of one per window, and the thread that finishes a group's last
     * chunk combines that group's rows, so the other thread does not wait on the combines. Each
     * (query, head, chunk) and each combine is computed as in {@link #attentionFewQueries}, so
     * every row keeps its one-row bits.
     */
    @Override
    public void attentionEach(Buffer q, int[] first, Buffer[] k, Buffer[] v, int nkv, int heads, int kvHeads, Buffer out) {
        Backend.checkGroups(q, first, k, v, out);
        int headDim = checkHeads(q, heads, kvHeads);
        int width = heads * headDim;
        int kvWidth = kvHeads * headDim;
        float[] qs = f32("q", q, q.rows(), width);
        float[] o = f32("out", out, out.rows(), width);
        int groups = k.length;
        short[][] k16 = new short[groups][];
        short[][] v16 = new short[groups][];
        boolean[] specials = new boolean[groups];
        boolean tiled = true;
        boolean rowsF16 = true;                                // F16 rows, keys not in tiles (self-attention)
        CpuBuffer[] kq = new CpuBuffer[groups];
        CpuBuffer[] vq = new CpuBuffer[groups];
        boolean q8 = true;
        for (int g = 0; g < groups; g++) {
            CpuBuffer kb = kvBuffer("k", k[g], nkv, kvWidth);
            CpuBuffer vb = kvBuffer("v", v[g], nkv, kvWidth);
            tiled &= kb.tiled && kb.f16 != null && vb.f16 != null;
            rowsF16 &= !kb.tiled && kb.f16 != null && vb.f16 != null && !vb.tiled;
            q8 &= kb.tiled && kb.q8 != null && vb.q8 != null && !vb.tiled;
            kq[g] = kb;
            vq[g] = vb;
            k16[g] = kb.f16;
            v16[g] = vb.f16;
            specials[g] = kb.specials || vb.specials;
        }
        checkKeys(q.rows(), nkv, AttentionMask.full());
        if (q.rows() == 0) {
            return;
        }
        if (!(tiled || q8 || rowsF16) || groups == 1) {
            Backend.super.attentionEach(q, first, k, v, nkv, heads, kvHeads, out);
            return;
        }
        int chunks = blocks(nkv, CHUNK_KEYS);
        int[] start = new int[groups + 1];                     // each group's first task
        int size = 0;
        for (int g = 0; g < groups; g++) {
            int n = first[g + 1] - first[g];
            start[g + 1] = start[g] + (n > 0 ? chunks : 0);
            size += (start[g + 1] - start[g]) * n * (width + 2 * heads);
        }
        float[] partials = scratch(chunkPartials, size);
        float scale = (float) (1 / Math.sqrt(headDim));
        Chunked[] as = new Chunked[groups];
        int[] taskGroup = new int[start[groups]];
        java.util.concurrent.atomic.AtomicIntegerArray left = new java.util.concurrent.atomic.AtomicIntegerArray(groups);
        for (int g = 0, base = 0; g < groups; g++) {
            int n = first[g + 1] - first[g];
            int block = n * (width + 2 * heads);
            as[g] = new Chunked(qs, first[g], n, heads, headDim, width, kvWidth, heads / kvHeads, AttentionMask.full(), nkv,
                    scale, specials[g], partials, base, block);
            base += (start[g + 1] - start[g]) * block;
            java.util.Arrays.fill(taskGroup, start[g], start[g + 1], g);
            left.set(g, start[g + 1] - start[g]);
        }
        // One query per window (a batch without beams) takes the one-query value sums, faster from
        // memory than widened rows (measured); a body per form, as in attentionFewQueries.
        boolean oneEach = q.rows() == start[groups] / chunks;   // as many rows as non-empty groups
        if (rowsF16) {
            // Self-attention caches (beams, files stepped together): one query per cache, as
            // attentionFewQueries takes it; several: per cache
            if (!oneEach) {
                Backend.super.attentionEach(q, first, k, v, nkv, heads, kvHeads, out);
                return;
            }
            pool.parallelFor(start[groups], t -> {
                int g = taskGroup[t];
                int c = t - start[g];
                oneQueryValuesF16(as[g], c, oneQueryScoresF16(as[g], c, k16[g]), v16[g]);
                chunkDone(left, g, as[g], o);
            });
        } else if (q8) {
            // Q8 caches (the one-query body of attentionFewQueriesQ8); beams of several windows: per window
            if (!oneEach) {
                Backend.super.attentionEach(q, first, k, v, nkv, heads, kvHeads, out);
                return;
            }
            pool.parallelFor(start[groups], t -> {
                int g = taskGroup[t];
                int c = t - start[g];
                valuesQ8(as[g], c, tileScoresQ8(as[g], c, kq[g]), vq[g]);
                chunkDone(left, g, as[g], o);
            });
        } else if (oneEach) {
            pool.parallelFor(start[groups], t -> {
                int g = taskGroup[t];
                int c = t - start[g];
                touchChunk(as[g], c, k16[g], v16[g]);
                touchedValuesF16(as[g], c, oneQueryTileScoresF16(as[g], c, k16[g]), v16[g]);
                chunkDone(left, g, as[g], o);
            });
        } else {
            pool.parallelFor(start[groups], t -> {
                int g = taskGroup[t];
                int c = t - start[g];
                valuesF16(as[g], c, tileScoresF16(as[g], c, k16[g]), v16[g]);
                chunkDone(left, g, as[g], o);
            });
        }
    }

    /** Counts one of group g's chunks done; the last one combines the group's rows. */
    private void chunkDone(java.util.concurrent.atomic.AtomicIntegerArray left, int g, Chunked a, float[] out) {
        if (left.decrementAndGet(g) == 0) {
            combineAll(a, out);
        }
    }

    /** Every query and head of a finished {@link #attentionFewQueries} (or Q8) pass into {@code out}. */
    private void combineAll(Chunked a, float[] out) {
        for (int i = 0; i < a.nq; i++) {
            for (int h = 0; h < a.heads; h++) {
                combineChunks(a, i, h, out);
            }
        }
    }

    /**
     * Per head, the scores by this backend's {@link #matmul} and a softmax in double over the keys
     * the mask shows.
     */
    @Override
    public void attentionWeights(Buffer q, Buffer k, int nkv, int heads, int kvHeads, AttentionMask mask, Buffer weights) {
        int headDim = checkHeads(q, heads, kvHeads);
        int nq = q.rows();
        int width = q.cols();
        int kvWidth = kvHeads * headDim;
        float[] qs = f32("q", q, nq, width);
        CpuBuffer kb = kvBuffer("k", k, nkv, kvWidth);
        float[] ks = kb.f32 != null ? (kb.tiled ? tilesToRows(kb.f32, nkv, kvWidth, new float[nkv * kvWidth]) : kb.f32)
                : kb.q8 != null ? Q8Rows.dequantize(kb, nkv, new float[nkv * kvWidth])
                : widenKeys(kb.f16, kb.tiled, nkv, kvWidth, new float[nkv * kvWidth]);
        float[] out = f32("weights", weights, heads, nq * nkv);
        checkKeys(nq, nkv, mask);
        java.util.Arrays.fill(out, 0, (int) weights.size(), 0f);
        float[] qh = new float[nq * headDim];
        float[] kh = new float[nkv * headDim];
        float[] scores = new float[nq * nkv];
        float scale = (float) (1.0 / Math.sqrt(headDim));
        for (int h = 0; h < heads; h++) {
            int kvCol = h / (heads / kvHeads) * headDim;
            for (int i = 0; i < nq; i++) {
                System.arraycopy(qs, i * width + h * headDim, qh, i * headDim, headDim);
            }
            for (int j = 0; j < nkv; j++) {
                System.arraycopy(ks, j * kvWidth + kvCol, kh, j * headDim, headDim);
            }
            matmul(qh, false, kh, true, scores, nq, nkv, headDim, scale, false);
            for (int i = 0; i < nq; i++) {
                softmaxInDouble(scores, i * nkv, mask.firstKey(i), mask.endKey(i, nkv), out, (h * nq + i) * nkv);
            }
        }
    }

    private static void softmaxInDouble(float[] s, int from, int lo, int hi, float[] out, int to) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = lo; j < hi; j++) {
            max = Math.max(max, s[from + j]);
        }
        double sum = 0;
        for (int j = lo; j < hi; j++) {
            sum += Math.exp(s[from + j] - max);
        }
        for (int j = lo; j < hi; j++) {
            out[to + j] = (float) (Math.exp(s[from + j] - max) / sum);
        }
    }

    @Override
    public void conv1d(Buffer x, ConvKernel w, Buffer bias, int stride, int padding, Buffer y) {
        CpuConvKernel kernel = convKernel(w);
        int length = x.rows();
        int outLength = stride < 1 ? 0 : (length + 2 * padding - kernel.size()) / stride + 1;
        conv1d(f32("x", x, length, kernel.inChannels()), length, kernel,
                bias == null ? null : f32("bias", bias, 1, kernel.outChannels()), stride, padding,
                f32("y", y, Math.max(outLength, 0), kernel.outChannels()));
    }

    /** As patches gathered into rows (im2col) times the {@code [out, in·k·k]} kernel, then transposed to channel-major. */
    @Override
    public void conv2d(Buffer x, int height, ConvKernel w, Buffer bias, int stride, int padding, Buffer y) {
        CpuConvKernel kernel = convKernel(w);
        if (!kernel.planar()) {
            throw new IllegalArgumentException("conv kernel " + kernel + " is a conv1d kernel");
        }
        int in = kernel.inChannels();
        int out = kernel.outChannels();
        int k = kernel.size();
        if (height < 1 || stride < 1 || padding < 0 || x.rows() != (long) in * height) {
            throw new IllegalArgumentException("conv2d: input " + x + " is not " + in + " channels of height " + height
                    + " (stride " + stride + ", padding " + padding + ")");
        }
        int width = x.cols();
        int outH = (height + 2 * padding - k) / stride + 1;
        int outW = (width + 2 * padding - k) / stride + 1;
        if (height + 2 * padding < k || width + 2 * padding < k) {
            throw new IllegalArgumentException("conv2d: input " + height + "x" + width + " with padding " + padding
                    + " is smaller than the kernel " + k + "x" + k);
        }
        float[] xs = f32("x", x, x.rows(), width);
        float[] ys = f32("y", y, out * outH, outW);
        float[] b = bias == null ? null : f32("bias", bias, 1, out);
        conv2d(xs, height, width, kernel, b, stride, padding, ys, outH, outW);
    }

    /** {@link #conv2d(Buffer, int, ConvKernel, Buffer, int, int, Buffer)} over checked arrays. */
    protected void conv2d(float[] xs, int height, int width, CpuConvKernel kernel, float[] b, int stride, int padding,
                          float[] ys, int outH, int outW) {
        conv2dIm2col(xs, height, width, kernel, b, stride, padding, ys, outH, outW);
    }

    /** Conv2d by {@link #linearRows} over gathered patches, transposed to channel-major. */
    final void conv2dIm2col(float[] xs, int height, int width, CpuConvKernel kernel, float[] b, int stride, int padding,
                            float[] ys, int outH, int outW) {
        int in = kernel.inChannels();
        int out = kernel.outChannels();
        int k = kernel.size();
        int patch = in * k * k;
        int positions = Math.multiplyExact(outH, outW);
        // Scratch of the calling thread: every element is written below, so none needs clearing
        // (a fresh array per call cost its zeroing and page faults: megabytes per Qwen3-ASR chunk).
        float[] patches = scratch(convPatches, Math.multiplyExact(positions, patch));
        // One inside test per tap, on the sign of (row | height-1-row | col | width-1-col): a tap before the start
        // and one past the end fail the same test, so the first rows (top and left padding) already take both of
        // its sides. With four tests a fresh JVM's C2 compiled the side first met later (the right padding of the
        // Qwen stem's third conv) as a trap that threw the compiled gather away.
        int lastRow = height - 1;
        int lastCol = width - 1;
        pool.parallelFor(outH, r -> {
            for (int s = 0; s < outW; s++) {
                int p = (r * outW + s) * patch;
                for (int c = 0; c < in; c++) {
                    for (int i = 0; i < k; i++) {
                        int row = r * stride + i - padding;
                        for (int j = 0; j < k; j++) {
                            int col = s * stride + j - padding;
                            boolean inside = (row | (lastRow - row) | col | (lastCol - col)) >= 0;
                            patches[p + (c * k + i) * k + j] = inside ? xs[(c * height + row) * width + col] : 0f;
                        }
                    }
                }
            }
        });
        float[] byPosition = scratch(convRows, Math.multiplyExact(positions, out));
        linearRows(patches, 0, patch, positions, kernel.matrix(), b, byPosition);
        // To channel-major, in tiles of TRANSPOSE_TILE positions × channels, spread over the workers.
        int positionTiles = blocks(positions, TRANSPOSE_TILE);
        int channelTiles = blocks(out, TRANSPOSE_TILE);
        pool.parallelFor(positionTiles * channelTiles, t -> {
            int p0 = (t / channelTiles) * TRANSPOSE_TILE;
            int o0 = (t % channelTiles) * TRANSPOSE_TILE;
            int p1 = Math.min(positions, p0 + TRANSPOSE_TILE);
            int o1 = Math.min(out, o0 + TRANSPOSE_TILE);
            for (int o = o0; o < o1; o++) {
                for (int pos = p0; pos < p1; pos++) {
                    ys[o * positions + pos] = byPosition[pos * out + o];
                }
            }
        });
    }

    /** Side of the square tiles conv2d's output is transposed in (two 64-square float tiles fit L1). */
    private static final int TRANSPOSE_TILE = 64;
    private final ThreadLocal<float[]> convPatches = new ThreadLocal<>();
    private final ThreadLocal<float[]> convRows = new ThreadLocal<>();

    private static int checkHeads(Buffer q, int heads, int kvHeads) {
        if (heads < 1 || kvHeads < 1 || heads % kvHeads != 0) {
            throw new IllegalArgumentException("attention needs heads a positive multiple of kvHeads, got " + heads
                    + " and " + kvHeads);
        }
        if (q.cols() % heads != 0 || q.cols() == 0) {
            throw new IllegalArgumentException("attention: query width " + q.cols() + " is not a multiple of " + heads + " heads");
        }
        return q.cols() / heads;
    }

    private static CpuBuffer kvBuffer(String what, Buffer b, int nkv, int width) {
        CpuBuffer c = buffer(what, b);
        if (c.cols() != width || nkv < 0 || c.rows() < nkv) {
            throw new IllegalArgumentException(what + " " + c + " does not hold " + nkv + " rows of width " + width);
        }
        return c;
    }

    static CpuBuffer buffer(String what, Buffer b) {
        if (b instanceof CpuBuffer c) {
            return c;
        }
        throw new IllegalArgumentException(what + " " + b + " was not made by a CPU backend");
    }

    private static void shape(String what, Buffer b, int rows, int cols) {
        if (b.rows() != rows || b.cols() != cols) {
            throw new IllegalArgumentException(what + " is " + b + ", expected [" + rows + ", " + cols + "]");
        }
    }

    /** The F32 array of a {@code [rows, cols]} buffer. */
    static float[] f32(String what, Buffer b, int rows, int cols) {
        CpuBuffer c = buffer(what, b);
        shape(what, c, rows, cols);
        if (c.f32 == null || c.tiled) {
            throw new IllegalArgumentException(what + " is " + c + ": this op takes F32 buffers in rows (F16, Q8 and keys in"
                    + " tiles are for KV caches)");
        }
        return c.f32;
    }

    private static void checkRows(String what, Buffer b, int first, int rows) {
        if (first < 0 || rows < 0 || (long) first + rows > b.rows()) {
            throw new IllegalArgumentException(what + " " + b + " has no rows " + first + " .. " + ((long) first + rows - 1));
        }
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
