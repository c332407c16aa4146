package io.github.asr4j.kernels.cpu;

import io.github.asr4j.loader.DType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD backend on {@code jdk.incubator.vector} ({@link FloatVector#SPECIES_PREFERRED}).
 *
 * <p>Products over many input rows run {@link VectorGemm} (outer-product micro-kernel over
 * packed weight panels); over a few rows (decoder steps) each weight row is streamed once from its
 * segment and widened in registers (F16, BF16, int8), its dot products taken with every input
 * row. Attention over many queries runs {@link VectorAttention}. Every output's reduction order
 * depends only on the shapes.
 *
 * <p>Only {@link io.github.asr4j.kernels.Backends} names this class, reflectively, when the
 * module is present.
 */
public final class VectorBackend extends CpuBackend {
    static final VectorSpecies<Float> F = VectorWiden.F;
    static final int L = F.length();
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Floats with as many lanes as {@link #D}, for widening to double. */
    static final VectorSpecies<Float> FD = VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));

    /**
     * Up to this many input rows, a product streams the weights as dot products (no packing), and
     * each row gets the result it would get alone; beyond, packing panels for {@link VectorGemm}
     * pays off. 16, not 8: a step of 16 batched sessions measured 0.51x instead of 0.84x the CPU
     * time per session of one alone (card, F16), without packing every weight every step.
     */
    static final int FEW_ROWS = 16;
    /**
     * Matrix-vector tasks per thread: each task streams one contiguous run of weight rows, so a
     * thread's runs are as long as the balance between threads allows. Measured with F16 weights
     * cycled past the L3, 2 threads, alternated in one JVM (load 5): the 768x768 projections read at
     * 43-44 GB/s and the 51865x768 logits matrix at 38-40, against 36-37 and 35-37 with the former
     * fixed 64-row tasks (12 and 811 tasks); the 3072-row and 3072-column matrices level within noise.
     */
    private static final int GEMV_TASKS_PER_THREAD = 4;
    /**
     * Bytes of weight rows that every group of input rows of a few-row product passes over before the
     * next rows are read: small enough to stay in L2 (1 MB per core here) beside the inputs.
     */
    private static final long GEMV_BLOCK_BYTES = 128 * 1024;
    /** The shortest half of a task that {@link #longPairStreams} reads as one of two streams. */
    private static final long PAIR_STREAM_MIN_BYTES = 1024 * 1024;
    /** Fewest output rows per matrix-vector task, so a small matrix is not cut into slivers. */
    private static final int GEMV_MIN_ROWS = 16;

    /**
     * @throws UnsupportedOperationException when the JIT offers vectors narrower than 128 bits
     *     (the Vector API would then run as slow Java code)
     */
    public VectorBackend(int threads) {
        this(threads, io.github.asr4j.kernels.WeightFormat.STORED);
    }

    /** As {@link #VectorBackend(int)}, keeping weight matrices in {@code format}. */
    public VectorBackend(int threads, io.github.asr4j.kernels.WeightFormat format) {
        super(checkedThreads(threads), format);
        VectorApiDirective.addOnce();
    }

    @Override
    protected WeightMatrix bind(String name, MemorySegment data, DType dtype, int rows, int cols) {
        return switch (dtype) {
            case F32 -> new F32Weights.Simd(name, data, rows, cols);
            case F16 -> new F16Weights.Simd(name, data, rows, cols);
            case BF16 -> new BF16Weights.Simd(name, data, rows, cols);
            default -> throw new IllegalArgumentException(name + ": no kernels for " + dtype);
        };
    }

    @Override
    protected WeightMatrix int8(String name, Int8Weights.Quantized q, int rows, int cols) {
        return new Int8Weights.Simd(name, q, rows, cols);
    }

    private static int checkedThreads(int threads) {
        if (F.vectorBitSize() < 128) {
            throw new UnsupportedOperationException("the preferred float vector here is only " + F.vectorBitSize() + " bits");
        }
        return threads;
    }

    @Override
    public String name() {
        return "cpu-vector (" + F.vectorBitSize() + "-bit, " + threads() + " threads"
                + (format() == io.github.asr4j.kernels.WeightFormat.INT8 ? ", int8 weights" : "") + ")";
    }

    @Override
    protected void linearRows(float[] x, int xOffset, int xRowStride, int n, WeightMatrix w, float[] bias, float[] y) {
        if (n <= FEW_ROWS) {
            gemv(x, xOffset, xRowStride, n, w, bias, y);
        } else {
            gemm(x, xOffset, xRowStride, n, w, bias, y);
        }
    }

    // ---------------------------------------------------------------- matrix-vector

    /**
     * Few input rows (decoder steps, beams): each task streams its weight rows once, one at a
     * time, and takes their dot products with every input row while they are in L1, by the
     * format's own SIMD kernel ({@link WeightMatrix#dot}; {@link WeightMatrix#dots} for four input
     * rows at a time, which decodes each weight vector once for all four). Each output is summed as
     * for a single row, so a row's result does not depend on the others. One weight row at a time
     * measured faster here (2 threads, 768 → 51865) than four interleaved weight rows (F32 8.5 vs
     * 11.9 ms, F16 6 vs 8.3 ms); a format's pair kernels ({@link WeightMatrix#dotsPair}) take two
     * rows from two sequential streams instead (the two halves of an L2 block), and a format's one-row
     * kernel ({@link WeightMatrix#dotRowsScaled}) several rows from as many parts of its task.
     */
    private void gemv(float[] x, int xOffset, int xRowStride, int n, WeightMatrix w, float[] bias, float[] y) {
        int out = w.rows();
        int rowsPerTask = gemvRowsPerTask(out);
        boolean copy = copies(n, w);
        float[] a = copy ? alignedRows.copy(x, xOffset, xRowStride, n, w.cols()) : x;
        int offset = copy ? AlignedRows.OFFSET : xOffset;
        int stride = copy ? AlignedRows.stride(w.cols()) : xRowStride;
        boolean octet = copy && (w.octets(n) || w.quads(n));
        int scaled = copy ? AlignedRows.scaled(a, n, w.cols(), inputScale(n, w), octet) : -1;
        int octets = scaled >= 0 && octet ? AlignedRows.octetStart(n, w.cols()) : -1;
        if (n == 1) {
            int[] bounds = shrinkingTasks(out, perRow(w.bytes(), out));
            pool.parallelFor(bounds.length - 1, b -> gemvRows(a, offset, stride, scaled, octets, n, w, bias, bounds[b],
                    bounds[b + 1], y));
        } else {
            pool.parallelFor(blocks(out, rowsPerTask), b -> {
                int start = b * rowsPerTask;
                gemvRows(a, offset, stride, scaled, octets, n, w, bias, start, Math.min(out, start + rowsPerTask), y);
            });
        }
        if (copy) {
            alignedRows.release(a);
        }
    }

    /** The inputs of few-row products, copied to cache-line-aligned rows (measured: see {@link AlignedRows}). */
    private final AlignedRows alignedRows = new AlignedRows();

    /**
     * Output rows {@code [start, end)} of {@link #gemv}'s product, into {@code y} dense {@code [n, w.rows]};
     * {@code scaled}: how many floats after each input row the same row times {@link WeightMatrix#pairInputScale}
     * (one row: {@link WeightMatrix#rowInputScale}) starts ({@link AlignedRows#scaled}), or -1; {@code octets}:
     * where {@link AlignedRows#octetStart} the scaled rows lie interleaved for {@link WeightMatrix#dotsOctetPair}
     * (five rows: for {@link WeightMatrix#dotsQuadScaled}), or -1.
     */
    private static void gemvRows(float[] x, int xOffset, int xRowStride, int scaled, int octets, int n,
                                 WeightMatrix w, float[] bias, int start, int end, float[] y) {
        int out = w.rows();
        if (n == 1) { // one input row: the format may stream several weight rows per pass
            if (scaled >= 0) {
                w.dotRowsScaled(x, xOffset, xOffset + scaled, start, end - start, y, start);
            } else {
                w.dotRows(x, xOffset, start, end - start, y, start);
            }
            if (bias != null) {
                for (int o = start; o < end; o++) {
                    y[o] += bias[o];
                }
            }
            return;
        }
        if (octets >= 0 && w.quads(n)) {
            quadRows(x, xOffset, xRowStride, scaled, octets, n, w, bias, start, end, y);
            return;
        }
        if (octets >= 0) {
            octetRows(x, xOffset, xRowStride, octets, w, bias, start, end, y);
            return;
        }
        float[] sums = new float[2 * WeightMatrix.WIDE_DOT_ROWS];
        int block = longPairStreams(w, n, end - start) ? end - start : gemvBlockRows(w);
        for (int o0 = start; o0 < end; o0 += block) {
            int o1 = Math.min(end, o0 + block);
            // Each group of input rows passes over the whole block: the block's weights come from
            // memory once and from L2 for the later groups, the group's inputs stay in L1.
            for (int i = 0, m; i < n; i += m) {
                m = w.rowsPerDots(n - i);
                int xi = xOffset + i * xRowStride;
                int o = o0;
                if (w.pairs(m)) {
                    // Two weight rows at once, one from each half of the block: two sequential
                    // streams (adjacent rows interleaved read from memory at half the rate).
                    int half = (o1 - o0) / 2;
                    // Long rows, the block's first group (its weights from memory; later groups read
                    // them from L2, where whole rows measured faster): the half's pairs in one run.
                    if (i == 0 && scaled >= 0 && half > 0 && w.pairRuns(m)) {
                        pairRun(w, x, xi, scaled, xRowStride, m, o0, half, bias, i, out, y);
                        o += half;
                    }
                    for (; o < o0 + half; o++) {
                        pair(w, x, xi, scaled, xRowStride, m, o, o + half, sums);
                        put(sums, 0, m, bias, o, i, out, y);
                        put(sums, WeightMatrix.WIDE_DOT_ROWS, m, bias, o + half, i, out, y);
                    }
                    o += half;
                    if (o < o1) {
                        // An odd block's last row: the same kernel with the row twice. A kernel
                        // called this rarely stays in C1 code, which boxes its vectors (measured:
                        // 40-120 KB allocated per 5-beam step when it went to dots5F16).
                        pair(w, x, xi, scaled, xRowStride, m, o, o, sums);
                        put(sums, 0, m, bias, o, i, out, y);
                        o++;
                    }
                }
                // Long rows, the block's first group: its rows in one run, a part of the inputs at a time.
                if (i == 0 && o < o1 && w.runs(m)) {
                    run(w, x, xi, xRowStride, m, o, o1 - o, bias, i, out, y);
                    o = o1;
                }
                for (; o < o1; o++) {
                    if (m == 1) {
                        sums[0] = w.dot(x, xi, o);
                    } else {
                        w.dots(x, xi, xRowStride, m, o, sums);
                    }
                    put(sums, 0, m, bias, o, i, out, y);
                }
            }
        }
    }

    /** {@link WeightMatrix#dotsOctetPair}'s sums and accumulators, one array per thread. */
    private static final ThreadLocal<float[]> OCTET_SUMS = new ThreadLocal<>();

    /**
     * {@link #gemvRows} for sixteen input rows as two octets ({@link WeightMatrix#octets}): per block, each
     * octet passes over it two weight rows at a time, one from each half (two sequential streams, as the
     * pair kernels); the block comes from memory for the first octet and from L2 for the second.
     */
    private static void octetRows(float[] x, int xOffset, int xRowStride, int octets, WeightMatrix w, float[] bias,
                                  int start, int end, float[] y) {
        int octet = WeightMatrix.WIDE_DOT_ROWS;
        int out = w.rows();
        float[] sums = CpuBackend.scratch(OCTET_SUMS, 2 * octet * (1 + VectorWiden.F.length()));
        int block = gemvBlockRows(w);
        for (int o0 = start; o0 < end; o0 += block) {
            int o1 = Math.min(end, o0 + block);
            int half = (o1 - o0) / 2;
            for (int g = 0; g < 2; g++) {
                int xi = xOffset + g * octet * xRowStride;
                int oi = octets + g * octet * w.cols();
                int i = g * octet;
                for (int o = o0; o < o0 + half; o++) {
                    w.dotsOctetPair(x, xi, oi, xRowStride, o, o + half, sums);
                    put(sums, 0, octet, bias, o, i, out, y);
                    put(sums, octet, octet, bias, o + half, i, out, y);
                }
                if (o0 + 2 * half < o1) { // an odd block's last row: the same kernel with the row twice
                    int o = o1 - 1;
                    w.dotsOctetPair(x, xi, oi, xRowStride, o, o, sums);
                    put(sums, 0, octet, bias, o, i, out, y);
                }
            }
        }
    }

    /** {@link WeightMatrix#dotsQuadScaled}'s sums and accumulators, one array per thread. */
    private static final ThreadLocal<float[]> QUAD_SUMS = new ThreadLocal<>();

    /**
     * {@link #gemvRows} for five input rows that one quad kernel takes ({@link WeightMatrix#quads}), interleaved
     * at {@code quintets} ({@link AlignedRows#octetStart}): the task's rows
     * four at a time, one from each quarter (four sequential streams); the last rows (up to three) each as
     * four of itself, so that the kernel is the only one called (a kernel called this rarely would stay in C1
     * code, which boxes its vectors).
     */
    private static void quadRows(float[] x, int xOffset, int xRowStride, int scaled, int quintets, int n, WeightMatrix w,
                                 float[] bias, int start, int end, float[] y) {
        int out = w.rows();
        int wide = WeightMatrix.WIDE_DOT_ROWS;
        float[] sums = CpuBackend.scratch(QUAD_SUMS, 4 * wide + 8 * n * F.length());
        int quarter = (end - start) / 4;
        for (int o = start; o < start + quarter; o++) {
            w.dotsQuadScaled(x, xOffset, xOffset + scaled, quintets, xRowStride, o, quarter, sums);
            for (int r = 0; r < 4; r++) {
                put(sums, r * wide, n, bias, o + r * quarter, 0, out, y);
            }
        }
        for (int o = start + 4 * quarter; o < end; o++) {
            w.dotsQuadScaled(x, xOffset, xOffset + scaled, quintets, xRowStride, o, 0, sums);
            put(sums, 0, n, bias, o, 0, out, y);
        }
    }

    /** Sums of {@link WeightMatrix#dotsPairRunScaled}'s runs, one array per thread. */
    private static final ThreadLocal<float[]> PAIR_RUN_SUMS = new ThreadLocal<>();

    /**
     * Long rows: the {@code half} pairs {@code (o0 + j, o0 + half + j)} in one call
     * ({@link WeightMatrix#dotsPairRunScaled}), put into {@code y} as {@link #gemvRows} puts one pair's sums.
     */
    private static void pairRun(WeightMatrix w, float[] x, int xi, int scaled, int xRowStride, int m, int o0, int half,
                                float[] bias, int i, int out, float[] y) {
        int pairFloats = 2 * WeightMatrix.WIDE_DOT_ROWS;
        float[] run = CpuBackend.scratch(PAIR_RUN_SUMS, half * pairFloats);
        w.dotsPairRunScaled(x, xi, xi + scaled, xRowStride, m, o0, o0 + half, half, run);
        for (int j = 0; j < half; j++) {
            put(run, j * pairFloats, m, bias, o0 + j, i, out, y);
            put(run, j * pairFloats + WeightMatrix.WIDE_DOT_ROWS, m, bias, o0 + half + j, i, out, y);
        }
    }

    /** Sums of {@link WeightMatrix#dotsRun}'s runs, one array per thread. */
    private static final ThreadLocal<float[]> RUN_SUMS = new ThreadLocal<>();

    /** Long rows: rows {@code o0 .. o0 + count} in one call ({@link WeightMatrix#dotsRun}), put into {@code y}. */
    private static void run(WeightMatrix w, float[] x, int xi, int xRowStride, int m, int o0, int count,
                            float[] bias, int i, int out, float[] y) {
        float[] run = CpuBackend.scratch(RUN_SUMS, count * m);
        w.dotsRun(x, xi, xRowStride, m, o0, count, run);
        for (int j = 0; j < count; j++) {
            put(run, j * m, m, bias, o0 + j, i, out, y);
        }
    }

    private static void pair(WeightMatrix w, float[] x, int xi, int scaled, int xRowStride, int m, int rowA, int rowB,
                             float[] sums) {
        if (scaled >= 0) {
            w.dotsPairScaled(x, xi, xi + scaled, xRowStride, m, rowA, rowB, sums);
        } else {
            w.dotsPair(x, xi, xRowStride, m, rowA, rowB, sums);
        }
    }

    /** {@code y[(i + j)·out + o] = sums[from + j] (+ bias[o])} for {@code j < m}. */
    private static void put(float[] sums, int from, int m, float[] bias, int o, int i, int out, float[] y) {
        float bo = bias == null ? 0f : bias[o];
        for (int j = 0; j < m; j++) {
            y[(i + j) * out + o] = bias == null ? sums[from + j] : sums[from + j] + bo;
        }
    }

    /**
     * Whether a task's {@code rows} take its two halves as the pair kernels' two streams instead of an
     * L2 block's: when {@code n} input rows are one pair-kernel group over short weight rows (nothing is
     * read from L2 a second time) and each half is long. Measured (5 rows, 2 threads, from memory, blocks
     * and halves alternated in one JVM): the 51865 x 768 logits 2.00-2.06 ms by halves of 3,241 rows,
     * 2.20-2.25 by 42-row halves; fc1 (3072 x 768, halves of 192 rows) 3-6 % slower by the task's halves.
     */
    private static boolean longPairStreams(WeightMatrix w, int n, int rows) {
        return w.rowsPerDots(n) == n && w.pairs(n) && !w.pairRuns(n)
                && rows / 2 * (w.bytes() / w.rows()) >= PAIR_STREAM_MIN_BYTES;
    }

    /**
     * Weight rows of a {@link #gemvRows} block: {@link #GEMV_BLOCK_BYTES} of them, at least one, an
     * even count where more (a block's rows then split into pairs with none left over).
     */
    private static int gemvBlockRows(WeightMatrix w) {
        int rows = (int) Math.max(1, GEMV_BLOCK_BYTES / Math.max(1, w.bytes() / w.rows()));
        return rows > 1 ? rows & ~1 : rows;
    }

    /**
     * Few input rows: the products of every matrix in one parallel pass, their rows split into one
     * task list as {@link #gemv} splits one matrix's (one hand-off and one wait for the slower thread
     * instead of one per matrix; each output row computed by the same call as alone).
     */
    @Override
    protected void linearsRows(float[] x, int n, WeightMatrix[] w, float[][] bias, float[][] y) {
        if (n > FEW_ROWS) {
            super.linearsRows(x, n, w, bias, y);
            return;
        }
        int total = 0;
        for (WeightMatrix m : w) {
            total += m.rows();
        }
        int rowsPerTask = gemvRowsPerTask(total);
        int[] firstTask = new int[w.length + 1];
        for (int i = 0; i < w.length; i++) {
            firstTask[i + 1] = firstTask[i] + blocks(w[i].rows(), rowsPerTask);
        }
        int cols = w[0].cols();
        boolean aligned = copies(n, w) && sameCols(w); // one copy serves matrices that read the same rows
        float[] a = aligned ? alignedRows.copy(x, 0, cols, n, cols) : x;
        int offset = aligned ? AlignedRows.OFFSET : 0;
        int alignedStride = AlignedRows.stride(cols);
        boolean octet = aligned && octets(n, w);
        int scaled = aligned ? AlignedRows.scaled(a, n, cols, inputScale(n, w), octet) : -1;
        int octets = scaled >= 0 && octet ? AlignedRows.octetStart(n, cols) : -1;
        if (n == 1) {
            // The matrices' rows as one run, cut into shrinking tasks (a task may span two matrices).
            long bytes = 0;
            int[] firstRow = new int[w.length + 1];
            for (int i = 0; i < w.length; i++) {
                bytes += w[i].bytes();
                firstRow[i + 1] = firstRow[i] + w[i].rows();
            }
            int[] bounds = shrinkingTasks(total, perRow(bytes, total));
            pool.parallelFor(bounds.length - 1, t -> {
                for (int i = 0; i < w.length; i++) {
                    int start = Math.max(bounds[t], firstRow[i]);
                    int end = Math.min(bounds[t + 1], firstRow[i + 1]);
                    if (start < end) {
                        gemvRows(a, offset, aligned ? alignedStride : w[i].cols(), scaled, octets, n, w[i], bias[i],
                                start - firstRow[i], end - firstRow[i], y[i]);
                    }
                }
            });
            if (aligned) {
                alignedRows.release(a);
            }
            return;
        }
        pool.parallelFor(firstTask[w.length], t -> {
            int i = 0;
            while (t >= firstTask[i + 1]) {
                i++;
            }
            int start = (t - firstTask[i]) * rowsPerTask;
            int stride = aligned ? alignedStride : w[i].cols();
            gemvRows(a, offset, stride, scaled, octets, n, w[i], bias[i], start, Math.min(w[i].rows(), start + rowsPerTask),
                    y[i]);
        });
        if (aligned) {
            alignedRows.release(a);
        }
    }

    /**
     * Whether a few-row product copies its inputs ({@link AlignedRows}): several rows always; one row where
     * the matrix's one-row kernel takes a scaled twin of it ({@link WeightMatrix#rowInputScale}), else it is
     * read in place. An overload of its own, as {@link #inputScale(int, WeightMatrix)}: through the varargs
     * form, every one-matrix product of a greedy step allocated an array (1.5 KB more per step, measured).
     */
    private static boolean copies(int n, WeightMatrix w) {
        return n > 1 || w.rowInputScale() != 0f;
    }

    /** {@link #copies(int, WeightMatrix)} for matrices that read the same input (their twin's scale agreed). */
    private static boolean copies(int n, WeightMatrix... w) {
        return n > 1 || inputScale(1, w) != 0f;
    }

    /** The scale of the inputs' twin ({@link AlignedRows#scaled}): {@link WeightMatrix#rowInputScale} for one row. */
    private static float inputScale(int n, WeightMatrix w) {
        return n > 1 ? pairScale(n, w) : w.rowInputScale();
    }

    /** {@link #inputScale(int, WeightMatrix)} where the matrices agree, else 0. */
    private static float inputScale(int n, WeightMatrix... w) {
        if (n > 1) {
            return pairScale(n, w);
        }
        float scale = w[0].rowInputScale();
        for (WeightMatrix m : w) {
            if (m.rowInputScale() != scale) {
                return 0f;
            }
        }
        return scale;
    }

    /**
     * The matrices' {@link WeightMatrix#pairInputScale} for {@code n} input rows where they agree and
     * each takes a pair kernel for some group of them ({@link #gemvRows}' grouping), else 0: no scaled
     * rows written that no kernel reads (two to four or seven to nine F16 rows take none).
     */
    private static float pairScale(int n, WeightMatrix... w) {
        float scale = w[0].pairInputScale();
        for (WeightMatrix m : w) {
            if (m.pairInputScale() != scale || !takesPairs(m, n)) {
                return 0f;
            }
        }
        return scale;
    }

    /** Whether {@link #gemvRows} gives some group of {@code n} input rows to {@code w}'s pair kernels. */
    private static boolean takesPairs(WeightMatrix w, int n) {
        for (int i = 0, m; i < n; i += m) {
            m = w.rowsPerDots(n - i);
            if (w.pairs(m)) {
                return true;
            }
        }
        return false;
    }

    /** Whether every matrix takes {@code n} input rows interleaved: as octets or a quad's quintet ({@link WeightMatrix#octets}, {@link WeightMatrix#quads}). */
    private static boolean octets(int n, WeightMatrix[] w) {
        for (WeightMatrix m : w) {
            if (!m.octets(n) && !m.quads(n)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameCols(WeightMatrix[] w) {
        for (WeightMatrix m : w) {
            if (m.cols() != w[0].cols()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Few input rows: one parallel pass in which each task takes a run of gate rows, the same run of
     * up rows and their SwiGLU product (instead of three passes, the last too short to split).
     */
    @Override
    protected void linearSwigluRows(float[] x, int n, WeightMatrix gate, WeightMatrix up, float[] out, float[] scratch) {
        if (n > FEW_ROWS) {
            super.linearSwigluRows(x, n, gate, up, out, scratch);
            return;
        }
        int rows = gate.rows();
        int in = gate.cols();
        int rowsPerTask = gemvRowsPerTask(rows);
        WeightMatrix[] both = {gate, up};
        boolean copy = copies(n, both);
        float[] a = copy ? alignedRows.copy(x, 0, in, n, in) : x;
        int offset = copy ? AlignedRows.OFFSET : 0;
        int stride = copy ? AlignedRows.stride(in) : in;
        int scaled = copy ? AlignedRows.scaled(a, n, in, inputScale(n, both)) : -1;
        int[] bounds = n == 1 ? shrinkingTasks(rows, perRow(gate.bytes() + up.bytes(), rows)) : null;
        int tasks = n == 1 ? bounds.length - 1 : blocks(rows, rowsPerTask);
        pool.parallelFor(tasks, b -> {
            int start = n == 1 ? bounds[b] : b * rowsPerTask;
            int end = n == 1 ? bounds[b + 1] : Math.min(rows, start + rowsPerTask);
            gemvRows(a, offset, stride, scaled, -1, n, gate, null, start, end, out);
            gemvRows(a, offset, stride, scaled, -1, n, up, null, start, end, scratch);
            for (int i = 0; i < n; i++) {
                swigluRange(out, scratch, out, i * rows + start, i * rows + end);
            }
        });
        if (copy) {
            alignedRows.release(a);
        }
    }

    /**
     * The task bounds of a one-row product over {@code rows} output rows of {@code rowBytes} weight bytes each:
     * {@code bounds[t] .. bounds[t + 1]} is task t's run. Each task takes {@code 1 / (2 · threads)} of the rows
     * still left (no fewer than {@link #SHRINKING_MIN_BYTES} of weights, nor than {@link #GEMV_MIN_ROWS} rows),
     * so the runs shrink towards the end and the threads, claiming them in order, run out of work within one short
     * run of each other: with {@link #GEMV_TASKS_PER_THREAD} equal runs, one thread waited for the other's last
     * run at the end of every product (measured on the Qwen3-ASR step, 2 threads: 4-17 us a product, 40-140 us
     * for the 311 MB logits). One input row only: a row's value does not depend on the run it falls in.
     * Kept per row count and shape (a step asks for the same few again and again).
     */
    private int[] shrinkingTasks(int rows, long rowBytes) {
        Shrinking[] cache = shrinkingCache;
        for (Shrinking c : cache) {
            if (c.rows == rows && c.rowBytes == rowBytes) {
                return c.bounds;   // read only
            }
        }
        int[] result = shrinkingTasks(rows, rowBytes, threads());
        Shrinking[] grown = java.util.Arrays.copyOf(cache, Math.min(cache.length + 1, SHRINKING_CACHE));
        if (grown.length == cache.length) {
            System.arraycopy(cache, 1, grown, 0, cache.length - 1);   // full: drop the oldest
        }
        grown[grown.length - 1] = new Shrinking(rows, rowBytes, result);
        shrinkingCache = grown;
        return result;
    }

    /** {@link #shrinkingTasks(int, long)}'s bounds for {@code threads} threads, computed. */
    static int[] shrinkingTasks(int rows, long rowBytes, int threads) {
        int minRows = (int) Math.max(GEMV_MIN_ROWS, SHRINKING_MIN_BYTES / Math.max(1, rowBytes));
        int parts = 2 * threads;
        int[] bounds = new int[8];
        int count = 0;
        for (int start = 0; start < rows; ) {
            int take = Math.max(minRows, (rows - start + parts - 1) / parts);
            if (count + 2 > bounds.length) {
                bounds = java.util.Arrays.copyOf(bounds, 2 * bounds.length);
            }
            bounds[count++] = start;
            start = rows - start - take < minRows ? rows : start + take;   // no sliver at the end
        }
        bounds[count++] = rows;
        return java.util.Arrays.copyOf(bounds, count);
    }

    private static long perRow(long bytes, int rows) {
        return rows == 0 ? 0 : bytes / rows;
    }

    private record Shrinking(int rows, long rowBytes, int[] bounds) {}

    /** The fewest weight bytes of a shrinking task ({@link #shrinkingTasks}): ~4 us of one thread's stream here. */
    static final long SHRINKING_MIN_BYTES = 64 * 1024;
    /** Shapes {@link #shrinkingTasks} keeps (a model's one-row products: a handful). */
    private static final int SHRINKING_CACHE = 16;
    private volatile Shrinking[] shrinkingCache = new Shrinking[0];

    /** Output rows per matrix-vector task: {@link #GEMV_TASKS_PER_THREAD} contiguous runs per thread. */
    private int gemvRowsPerTask(int out) {
        int tasks = threads() * GEMV_TASKS_PER_THREAD;
        return Math.max(GEMV_MIN_ROWS, (out + tasks - 1) / tasks);
    }

    // ---------------------------------------------------------------- matrix-matrix

    private final VectorGemm packedGemm = new VectorGemm();

    private void gemm(float[] x, int xOffset, int xRowStride, int n, WeightMatrix w, float[] bias, float[] y) {
        packedGemm.run(pool, x, xOffset, xRowStride, n, w, bias, y);
    }

    // ---------------------------------------------------------------- delegated to VectorAttention / VectorOps

    private final VectorAttention tiledAttention = new VectorAttention();

    @Override
    protected boolean tiledAttention(float[] q, int nq, float[] k, float[] v, int nkv, int heads, int kvHeads, int headDim,
                                     io.github.asr4j.kernels.AttentionMask mask, float[] out) {
        if (!VectorAttention.supports(nq, headDim)) {
            return false;
        }
        tiledAttention.run(pool, q, nq, k, v, nkv, heads, kvHeads, headDim,
                mask.kind() == io.github.asr4j.kernels.AttentionMask.Kind.CAUSAL, mask.past(), out);
        return true;
    }

    @Override
    protected boolean tiledWindow(float[] q, int qRow0, int nq, float[] k, float[] v, int kRow0, int keys, int heads,
                                  int kvHeads, int headDim, float[] out) {
        if (!VectorAttention.supports(nq, headDim)) {
            return false;
        }
        tiledAttention.run(pool, q, qRow0, nq, k, v, kRow0, keys, heads, kvHeads, headDim, false, 0, out);
        return true;
    }

    @Override
    protected float dotF16(float[] a, int aOff, short[] b, int bOff, int len, boolean specials) {
        return VectorOps.dotF16(a, aOff, b, bOff, len, specials);
    }

    @Override
    protected void valueSumsF16(float[] w, int wOff, int wStride, int n, short[] x, int xOff, int stride, int heads,
                                int group, int len, float[] out, int outOff, boolean specials) {
        VectorOps.valueSumsF16(w, wOff, wStride, n, x, xOff, stride, heads, group, len, out, outOff, specials);
    }

    @Override
    protected void valueSumsF16ByHead(float[] w, int wOff, int wStride, int n, short[] x, int xOff, int stride, int heads,
                                      int group, int len, float[] out, int outOff, boolean specials) {
        VectorOps.valueSumsF16ByHead(w, wOff, wStride, n, x, xOff, stride, heads, group, len, out, outOff, specials);
    }

    @Override
    protected void axpyF16(float a, short[] x, int xOff, float[] y, int yOff, int len, boolean specials) {
        VectorOps.axpyF16(a, x, xOff, y, yOff, len, specials);
    }

    @Override
    protected int keysAtOnce(int len) {
        return VectorOps.dots16Fit(len) ? 16 : 1;
    }

    @Override
    protected void dots(float[] q, int qOff, float[] k, int kOff, int stride, int n, int len, float scale, float[] out, int outOff) {
        if (n == 16 && VectorOps.dots16Fit(len)) {
            VectorOps.dots16(q, qOff, k, kOff, stride, len, scale, out, outOff);
        } else {
            super.dots(q, qOff, k, kOff, stride, n, len, scale, out, outOff);
        }
    }

    @Override
    protected void q8TileScores(float[] q, int qOff, int qStride, int nq, byte[] k, int kOff, float[] scales, int sOff, int col,
                                int len, float scale, float[] out, int outOff, int outStride) {
        if (!VectorQ8.FITS) {
            super.q8TileScores(q, qOff, qStride, nq, k, kOff, scales, sOff, col, len, scale, out, outOff, outStride);
            return;
        }
        int i = 0;
        // fours, and a five for the last five (beams); no tails in them (smaller methods: inlined whole)
        while (nq - i >= 4 && col % 4 == 0 && len % 4 == 0) {
            if (nq - i == 5) {
                VectorQ8.tileScores5(q, qOff + i * qStride, qStride, k, kOff, scales, sOff, col, len, scale, out,
                        outOff + i * outStride, outStride);
                i += 5;
            } else {
                VectorQ8.tileScores4(q, qOff + i * qStride, qStride, k, kOff, scales, sOff, col, len, scale, out,
                        outOff + i * outStride, outStride);
                i += 4;
            }
        }
        for (; i < nq; i++) {
            VectorQ8.tileScores(q, qOff + i * qStride, k, kOff, scales, sOff, col, len, scale, out, outOff + i * outStride);
        }
    }

    @Override
    protected void multiply(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int step = VectorWiden.F.length(); i + step <= n; i += step) {
            FloatVector.fromArray(VectorWiden.F, a, aOff + i).mul(FloatVector.fromArray(VectorWiden.F, b, bOff + i))
                    .intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = a[aOff + i] * b[bOff + i];
        }
    }

    @Override
    protected void q8ValueRun(float[] coef, int nq, int keys, byte[] v, int vOff, int kvWidth, int heads, int group,
                              int headDim, float[] sums, int width) {
        if (VectorQ8.RUN_FITS) {
            VectorQ8.valueRun(coef, nq, keys, v, vOff, kvWidth, heads, group, headDim, sums, width);
        } else {
            super.q8ValueRun(coef, nq, keys, v, vOff, kvWidth, heads, group, headDim, sums, width);
        }
    }

    @Override
    protected void q8Axpy(float w, byte[] q, int qOff, float[] scales, int sOff, int col, int len, float[] y, int yOff) {
        if (VectorQ8.FITS) {
            VectorQ8.axpy(w, q, qOff, scales, sOff, col, len, y, yOff);
        } else {
            super.q8Axpy(w, q, qOff, scales, sOff, col, len, y, yOff);
        }
    }

    @Override
    protected boolean tileScoresHalves(float[] q, int qOff, short[] k, int kOff, int len, float scale, float[] out, int outOff,
                                       boolean specials) {
        if (!VectorOps.tileFit()) {
            return false;
        }
        VectorOps.tileScoresHalves(q, qOff, k, kOff, len, scale, out, outOff, specials);
        return true;
    }

    @Override
    protected void tileScores(float[] q, int qOff, int qStride, int nq, float[] tile, int len, float scale, float[] out,
                              int outOff, int outStride) {
        if (!VectorOps.tileFit()) {
            super.tileScores(q, qOff, qStride, nq, tile, len, scale, out, outOff, outStride);
            return;
        }
        int i = 0;
        while (nq - i >= 4) {   // fours, and a five for the last five (beams)
            if (nq - i == 5) {
                VectorOps.tileScores5(q, qOff + i * qStride, qStride, tile, len, scale, out, outOff + i * outStride, outStride);
                i += 5;
            } else {
                VectorOps.tileScores4(q, qOff + i * qStride, qStride, tile, len, scale, out, outOff + i * outStride, outStride);
                i += 4;
            }
        }
        for (; i < nq; i++) {
            VectorOps.tileScores(q, qOff + i * qStride, tile, 0, len, scale, out, outOff + i * outStride);
        }
    }

    @Override
    protected void tileScoresF32(float[] q, int qOff, int qStride, int nq, float[] k, int kOff, int len, float scale,
                                 float[] out, int outOff, int outStride) {
        if (!VectorOps.tileFit()) {
            super.tileScoresF32(q, qOff, qStride, nq, k, kOff, len, scale, out, outOff, outStride);
            return;
        }
        int i = 0;
        for (; nq - i >= 2; i += 2) {
            VectorOps.tileScores2At(q, qOff + i * qStride, qStride, k, kOff, len, scale, out, outOff + i * outStride, outStride);
        }
        if (i < nq) {
            VectorOps.tileScores(q, qOff + i * qStride, k, kOff, len, scale, out, outOff + i * outStride);
        }
    }

    @Override
    protected void weightedRows(float[] w, int wOff, int n, float[] x, int xOff, int stride, float[] out, int outOff, int len) {
        VectorOps.weightedRows(w, wOff, n, x, xOff, stride, out, outOff, len);
    }

    @Override
    protected void weightedRows(float[] w, int wOff, int wStride, int nw, int n, float[] x, int xOff, int stride, float[] out,
                                int outOff, int outStride, int len) {
        int i = 0;
        if (nw == 2 && len % (4 * L) == 0) {   // a GQA pair of heads
            VectorOps.weightedRows2(w, wOff, wStride, n, x, xOff, stride, out, outOff, outStride, len);
            return;
        }
        if (len % (2 * L) == 0) {
            while (nw - i >= 4) {   // fours, and a five for the last five (beams)
                if (nw - i == 5) {
                    VectorOps.weightedRows5(w, wOff + i * wStride, wStride, n, x, xOff, stride, out, outOff + i * outStride,
                            outStride, len);
                    i += 5;
                } else {
                    VectorOps.weightedRows4(w, wOff + i * wStride, wStride, n, x, xOff, stride, out, outOff + i * outStride,
                            outStride, len);
                    i += 4;
                }
            }
        }
        for (; i < nw; i++) {
            VectorOps.weightedRows(w, wOff + i * wStride, n, x, xOff, stride, out, outOff + i * outStride, len);
        }
    }

    @Override
    protected float dot(float[] a, int aOff, float[] b, int bOff, int len) {
        return VectorOps.dot(a, aOff, b, bOff, len);
    }

    @Override
    protected void axpy(float a, float[] x, int xOff, float[] y, int yOff, int len) {
        VectorOps.axpy(a, x, xOff, y, yOff, len);
    }

    @Override
    protected void axpy(float a, float[] x, float[] y, int len) {
        VectorOps.axpy(a, x, 0, y, 0, len);
    }

    @Override
    protected void scale(float[] x, int off, int len, float factor) {
        VectorOps.scale(x, off, len, factor);
    }

    @Override
    protected float max(float[] x, int off, int len) {
        return VectorOps.max(x, off, len);
    }

    @Override
    protected float expShiftedInPlace(float[] x, int off, int len, float max) {
        return VectorOps.expShiftedInPlace(x, off, len, max);
    }

    @Override
    protected void layerNormRow(float[] x, int off, int dim, float[] gamma, float[] beta, float eps, float[] y) {
        VectorOps.layerNormRow(x, off, dim, gamma, beta, eps, y);
    }

    private final VectorConv2d directConv2d = new VectorConv2d();

    /** Straight into channel-major rows, the patches gathered into the product's panels ({@link VectorConv2d}). */
    @Override
    protected void conv2d(float[] xs, int height, int width, CpuConvKernel kernel, float[] bias, int stride, int padding,
                          float[] ys, int outH, int outW) {
        directConv2d.run(pool, xs, kernel.inChannels(), height, width, kernel.strips(), kernel.outChannels(), kernel.size(),
                bias, stride, padding, ys, outH, outW);
    }

    @Override
    protected void geluRange(float[] x, int from, int to) {
        VectorGelu.applyWarming(x, from, to);
    }

    @Override
    protected void swigluRange(float[] g, float[] u, float[] o, int from, int to) {
        VectorSwiglu.apply(g, u, o, from, to);
    }
}
