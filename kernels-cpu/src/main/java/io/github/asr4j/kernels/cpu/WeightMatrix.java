package io.github.asr4j.kernels.cpu;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.Tensor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A {@code [rows, cols]} weight matrix in one storage format, left in its memory segment (usually
 * a file mapping). Each format is one subclass holding its own kernels: {@link #widen} (rows to
 * float, a piece at a time, for packing matrix-product panels) and {@link #dot} (the
 * matrix-vector product of one row). A backend picks the subclass once, when it binds the weight
 * ({@link CpuBackend#matrix}); formats with SIMD kernels have a nested {@code Simd} subclass that
 * only the vector backend names. A new format (e.g. 4-bit blocks) is one more subclass.
 */
public abstract class WeightMatrix implements Backend.Matrix {
    static final ValueLayout.OfFloat F32_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort I16_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Inputs per int8 quantization block (one float scale each). */
    public static final int INT8_BLOCK = Int8Weights.BLOCK;

    /** Weight elements widened at a time by the plain {@link #dot}. */
    private static final int DOT_CHUNK = 1024;
    private static final ThreadLocal<float[]> CHUNKS = new ThreadLocal<>();

    private final String name;
    final MemorySegment data;
    final int rows;
    final int cols;
    /** Elements between row starts in {@link #data}: cols, or more for padded formats. */
    final int rowStride;

    WeightMatrix(String name, MemorySegment data, int rows, int cols, int rowStride) {
        this.name = name;
        this.data = data;
        this.rows = rows;
        this.cols = cols;
        this.rowStride = rowStride;
    }

    /** The format the data is held in. */
    public abstract DType dtype();

    /** Panel kernel: widens {@code W[row, col .. col+len)} into {@code dst[dstOffset ..]}. */
    abstract void widen(int row, int col, int len, float[] dst, int dstOffset);

    /**
     * Matrix-vector kernel: {@code Σ_c x[xOff + c] · W[row, c]}, summed in an order fixed by
     * {@code cols}. This plain form widens a chunk at a time and sums each chunk with four
     * partial sums; SIMD formats override it to decode in registers.
     */
    float dot(float[] x, int xOff, int row) {
        float[] chunk = CpuBackend.scratch(CHUNKS, Math.min(cols, DOT_CHUNK));
        float sum = 0;
        for (int c0 = 0; c0 < cols; c0 += DOT_CHUNK) {
            int len = Math.min(DOT_CHUNK, cols - c0);
            widen(row, c0, len, chunk, 0);
            sum += dot4(x, xOff + c0, chunk, 0, len);
        }
        return sum;
    }

    /**
     * {@code y[yOff + i] = dot(x, xOff, row + i)} for {@code i < count}: the matrix-vector product of
     * consecutive weight rows with one input row, each sum bit-identical to {@link #dot}. Formats
     * override it to stream several weight rows in one pass (independent accumulators, one load of
     * each input vector).
     */
    void dotRows(float[] x, int xOff, int row, int count, float[] y, int yOff) {
        for (int i = 0; i < count; i++) {
            y[yOff + i] = dot(x, xOff, row + i);
        }
    }

    /**
     * A power of two ≥ 1 by which {@link #dotRowsScaled} wants its input row multiplied, or 0 (the
     * default: no such kernel).
     */
    float rowInputScale() {
        return 0f;
    }

    /**
     * {@link #dotRows}, given besides the row at {@code xOff} the same row times {@link #rowInputScale}
     * at {@code scaledOff} (every value finite): the same results. The default does not look at it.
     */
    void dotRowsScaled(float[] x, int xOff, int scaledOff, int row, int count, float[] y, int yOff) {
        dotRows(x, xOff, row, count, y, yOff);
    }

    /** Input rows one {@link #dots} call takes. */
    static final int DOT_ROWS = 4;
    /** Input rows one {@link #dots} call of a format with a wide kernel (F16) takes: sixteen batched rows in two calls. */
    static final int WIDE_DOT_ROWS = 8;

    /**
     * How many of {@code remaining} input rows (≥ 1) the next {@link #dots} (or {@link #dotsPair})
     * call should take: up to {@link #DOT_ROWS}; a format with wider kernels takes more (F16: five or
     * six for its pair kernels, {@link #WIDE_DOT_ROWS} for its 8-row one), so more rows share each
     * decoded weight vector.
     */
    int rowsPerDots(int remaining) {
        return Math.min(DOT_ROWS, remaining);
    }

    /**
     * {@code sums[i] = dot(x, xOff + i·xStride, row)} for {@code i < n ≤ rowsPerDots(n)}, each bit-identical
     * to {@link #dot}: what beams and batched sessions need, so a row's result does not depend on the
     * others. SIMD formats override it to decode the weight row once for all {@code n} input rows.
     */
    void dots(float[] x, int xOff, int xStride, int n, int row, float[] sums) {
        for (int i = 0; i < n; i++) {
            sums[i] = dot(x, xOff + i * xStride, row);
        }
    }

    /**
     * Whether {@link #dotsPair} takes {@code n} input rows with two weight rows at once (each input
     * vector loaded once for both): a format with such a kernel says so for the row counts it has.
     */
    boolean pairs(int n) {
        return false;
    }

    /**
     * Whether {@link #dotsOctetPair} takes {@code n} input rows (sixteen: two octets), from the inputs'
     * scaled twin interleaved by {@link AlignedRows#octetStart}: a format with such a kernel says so.
     */
    boolean octets(int n) {
        return false;
    }

    /**
     * {@link #dotsPair} of eight input rows with weight rows {@code rowA} and {@code rowB}, the kernel
     * reading them from {@code octetOff} ({@link AlignedRows#octetStart}'s layout; {@code xOff} and
     * {@code xStride}: the same rows unscaled, for rows the kernel does not take); {@code sums} of
     * {@code 2·WIDE_DOT_ROWS·(1 + lanes)} floats (room for the kernel's accumulators). Only where {@link #octets} said so.
     */
    void dotsOctetPair(float[] x, int xOff, int octetOff, int xStride, int rowA, int rowB, float[] sums) {
        throw new UnsupportedOperationException("octets");
    }

    /**
     * {@link #dots} of the same {@code n} input rows with weight rows {@code rowA} and {@code rowB}:
     * {@code sums[i]} for {@code rowA}, {@code sums[WIDE_DOT_ROWS + i]} for {@code rowB}, each
     * bit-identical to {@link #dot}.
     */
    void dotsPair(float[] x, int xOff, int xStride, int n, int rowA, int rowB, float[] sums) {
        for (int i = 0; i < n; i++) {
            sums[i] = dot(x, xOff + i * xStride, rowA);
            sums[WIDE_DOT_ROWS + i] = dot(x, xOff + i * xStride, rowB);
        }
    }

    /**
     * Whether {@link #dotsQuadScaled} takes {@code n} input rows with four weight rows at once, from the inputs'
     * scaled twin ({@link #pairInputScale}) interleaved as by {@link AlignedRows#octetStart}: a format with such a
     * kernel says so.
     */
    boolean quads(int n) {
        return false;
    }

    /**
     * {@link #dotsPairScaled} of {@code n} input rows ({@link #quads}) with the four weight rows
     * {@code rowA + r·apart} ({@code r < 4}; {@code apart} may be 0), the kernel reading the scaled rows
     * interleaved from {@code quintetOff} ({@link AlignedRows#octetStart}'s layout, five rows at a time; the
     * rows at {@code xOff} and {@code scaledOff}, stride {@code xStride}, serve rows it does not take): row {@code r}'s sums at
     * {@code sums[r·WIDE_DOT_ROWS + i]}, each bit-identical to {@link #dot}; {@code sums} of
     * {@code 4·WIDE_DOT_ROWS + 8·n·lanes} floats (room for the kernel's accumulators). Only where {@link #quads} said so.
     */
    void dotsQuadScaled(float[] x, int xOff, int scaledOff, int quintetOff, int xStride, int rowA, int apart, float[] sums) {
        throw new UnsupportedOperationException("quads");
    }

    /**
     * A power of two ≥ 1 by which {@link #dotsPairScaled} wants its input rows multiplied, or 0 (the
     * default: no such kernel).
     */
    float pairInputScale() {
        return 0f;
    }

    /**
     * {@link #dotsPair}, given besides the rows at {@code xOff} the same rows times
     * {@link #pairInputScale} at {@code scaledOff} (same stride, every value finite): the same
     * results. The default does not look at them.
     */
    void dotsPairScaled(float[] x, int xOff, int scaledOff, int xStride, int n, int rowA, int rowB, float[] sums) {
        dotsPair(x, xOff, xStride, n, rowA, rowB, sums);
    }

    /**
     * Whether {@link #dotsPairRunScaled} takes runs of pairs for {@code n} input rows of this matrix's length:
     * a format with pair kernels cut along long rows says so.
     */
    boolean pairRuns(int n) {
        return false;
    }

    /**
     * {@link #dotsPairScaled} for {@code count} pairs {@code (rowA + j, rowB + j)} in one call: row
     * {@code rowA + j}'s sums at {@code sums[2·WIDE_DOT_ROWS·j + i]}, {@code rowB + j}'s {@link #WIDE_DOT_ROWS}
     * later, each bit-identical to {@link #dot}. Called only where {@link #pairRuns} says so.
     */
    void dotsPairRunScaled(float[] x, int xOff, int scaledOff, int xStride, int n, int rowA, int rowB, int count,
                           float[] sums) {
        throw new UnsupportedOperationException(this + ": no pair runs");
    }

    /**
     * Whether {@link #dotsRun} takes runs of rows for {@code n} input rows of this matrix's length: a format
     * whose few-row kernel is cut along long rows says so.
     */
    boolean runs(int n) {
        return false;
    }

    /**
     * {@link #dots} for {@code count} rows {@code row + j} in one call: row {@code row + j}'s sums at
     * {@code sums[n·j + i]}, each bit-identical to {@link #dot}. Called only where {@link #runs} says so.
     */
    void dotsRun(float[] x, int xOff, int xStride, int n, int row, int count, float[] sums) {
        throw new UnsupportedOperationException(this + ": no runs");
    }

    /** {@code Σ a[aOff + i]·b[bOff + i]} with four partial sums, added pairwise at the end. */
    static float dot4(float[] a, int aOff, float[] b, int bOff, int len) {
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

    /** The element index of {@code W[row, col]} in {@link #data}. */
    final long element(int row, int col) {
        return (long) row * rowStride + col;
    }

    /**
     * Checks that a tensor can be a weight matrix: rank 2, F32, F16 or BF16.
     *
     * @throws IllegalArgumentException otherwise, naming the tensor
     */
    static void checkMatrix(Tensor weight) {
        if (weight.rank() != 2) {
            throw new IllegalArgumentException("tensor " + weight.name() + ": a weight matrix must be 2-D [out, in], got shape "
                    + Arrays.toString(weight.shape()));
        }
        checkDtype(weight);
    }

    static void checkDtype(Tensor weight) {
        DType t = weight.dtype();
        if (t != DType.F32 && t != DType.F16 && t != DType.BF16) {
            throw new IllegalArgumentException("tensor " + weight.name() + ": weights must be F32, F16 or BF16, got " + t);
        }
    }

    /** An F32 {@code [rows, cols]} copy of {@code values} in a new native segment (native like mapped weights). */
    static MemorySegment nativeFloats(String name, float[] values, int rows, int cols) {
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException(name + ": " + values.length + " values for a " + rows + "x" + cols + " matrix");
        }
        MemorySegment seg = java.lang.foreign.Arena.ofAuto().allocate(4L * values.length, 64);
        MemorySegment.copy(values, 0, seg, F32_LE, 0, values.length);
        return seg;
    }

    @Override
    public String name() {
        return name;
    }

    /** Bytes of {@link #data} (plus any per-block scales, which formats add). */
    @Override
    public long bytes() {
        return data.byteSize();
    }

    public MemorySegment data() {
        return data;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    /** Copies row {@code r} widened to float into {@code dst[dstOffset ..]} (embedding lookup). */
    public void row(int r, float[] dst, int dstOffset) {
        if (r < 0 || r >= rows) {
            throw new IllegalArgumentException("row " + r + " of " + name + " with " + rows + " rows");
        }
        widen(r, 0, cols, dst, dstOffset);
    }

    @Override
    public String toString() {
        return name + " " + dtype() + "[" + rows + ", " + cols + "]";
    }
}
