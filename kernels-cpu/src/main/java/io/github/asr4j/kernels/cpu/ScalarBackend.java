package io.github.asr4j.kernels.cpu;

import io.github.asr4j.loader.DType;
import java.util.Arrays;

/**
 * The plain-Java backend, used where the Vector API module is absent. Its matrix product is
 * written as {@code acc[j] += a·panel[p][j]} over whole arrays, a form HotSpot's auto-vectoriser
 * turns into SIMD code; the matrix-vector product is a scalar dot product with four partial sums.
 */
public final class ScalarBackend extends CpuBackend {
    /** Output columns per matrix-product task (one packed panel); long rows keep the vector loop busy. */
    private static final int COLS = 512;
    /** Depth of one packed panel. */
    private static final int DEPTH = 64;
    /** Input rows per matrix-product task. */
    private static final int ROWS = 128;
    /** Output rows per matrix-vector task. */
    private static final int GEMV_ROWS = 32;

    private final ThreadLocal<float[]> panels = new ThreadLocal<>();

    public ScalarBackend(int threads) {
        this(threads, io.github.asr4j.kernels.WeightFormat.STORED);
    }

    public ScalarBackend(int threads, io.github.asr4j.kernels.WeightFormat format) {
        super(threads, format);
    }

    @Override
    protected WeightMatrix bind(String name, java.lang.foreign.MemorySegment data, DType dtype, int rows, int cols) {
        return switch (dtype) {
            case F32 -> new F32Weights(name, data, rows, cols);
            case F16 -> new F16Weights(name, data, rows, cols);
            case BF16 -> new BF16Weights(name, data, rows, cols);
            default -> throw new IllegalArgumentException(name + ": no kernels for " + dtype);
        };
    }

    @Override
    protected WeightMatrix int8(String name, Int8Weights.Quantized q, int rows, int cols) {
        return new Int8Weights(name, q, rows, cols);
    }

    @Override
    public String name() {
        return "cpu-scalar (" + threads() + " threads" + (format() == io.github.asr4j.kernels.WeightFormat.INT8 ? ", int8 weights" : "") + ")";
    }

    @Override
    protected void linearRows(float[] x, int xOffset, int xRowStride, int n, WeightMatrix w, float[] bias, float[] y) {
        if (n == 1) {
            gemv(x, xOffset, w, bias, y);
        } else {
            gemm(x, xOffset, xRowStride, n, w, bias, y);
        }
    }

    /** One input row: each task owns a block of output rows and streams their weights once ({@link WeightMatrix#dot}). */
    private void gemv(float[] x, int xOffset, WeightMatrix w, float[] bias, float[] y) {
        int out = w.rows();
        pool.parallelFor(blocks(out, GEMV_ROWS), b -> {
            int end = Math.min(out, (b + 1) * GEMV_ROWS);
            for (int o = b * GEMV_ROWS; o < end; o++) {
                float sum = w.dot(x, xOffset, o);
                y[o] = bias == null ? sum : sum + bias[o];
            }
        });
    }

    /**
     * Many input rows: each task owns a tile of {@code ROWS × COLS} outputs. The tile's weights are
     * widened and transposed a {@code DEPTH} slice at a time into per-thread panel rows, and each
     * output row accumulates in a separate array, so the inner loop is {@code acc[j] += a·panel[p][j]}
     * over whole arrays, which the JIT vectorises. Every output sums its inputs in ascending order.
     */
    private void gemm(float[] x, int xOffset, int xRowStride, int n, WeightMatrix w, float[] bias, float[] y) {
        int out = w.rows();
        int in = w.cols();
        int colBlocks = blocks(out, COLS);
        pool.parallelFor(colBlocks * blocks(n, ROWS), task -> {
            int o0 = (task % colBlocks) * COLS;
            int i0 = (task / colBlocks) * ROWS;
            int cols = Math.min(COLS, out - o0);
            int i1 = Math.min(n, i0 + ROWS);
            float[][] panel = rows(panelRows, DEPTH, cols);
            float[] row = scratch(panels, DEPTH);
            float[] acc = scratch(accumulators, cols);
            for (int i = i0; i < i1; i++) {
                if (bias == null) {
                    Arrays.fill(y, i * out + o0, i * out + o0 + cols, 0f);
                } else {
                    System.arraycopy(bias, o0, y, i * out + o0, cols);
                }
            }
            for (int c0 = 0; c0 < in; c0 += DEPTH) {
                int depth = Math.min(DEPTH, in - c0);
                for (int j = 0; j < cols; j++) {
                    w.widen(o0 + j, c0, depth, row, 0);
                    for (int p = 0; p < depth; p++) {
                        panel[p][j] = row[p];
                    }
                }
                for (int i = i0; i < i1; i++) {
                    int xo = xOffset + i * xRowStride + c0;
                    int yo = i * out + o0;
                    System.arraycopy(y, yo, acc, 0, cols);
                    for (int p = 0; p < depth; p++) {
                        axpy(x[xo + p], panel[p], acc, cols);
                    }
                    System.arraycopy(acc, 0, y, yo, cols);
                }
            }
        });
    }

    private final ThreadLocal<float[][]> panelRows = new ThreadLocal<>();
    private final ThreadLocal<float[]> accumulators = new ThreadLocal<>();
}
