package io.github.asr4j.kernels.cpu;

import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;

/**
 * A CPU backend's buffer: a Java array on the heap, {@code float[]} for F32 or the half-precision
 * bits in a {@code short[]} for F16. Heap arrays keep the kernels' inner loops on plain array
 * indexing, which HotSpot vectorises and bounds-checks cheaply.
 */
final class CpuBuffer implements Buffer {
    private final int rows;
    private final int cols;
    final float[] f32;
    final short[] f16;
    /**
     * F16 only: whether a half with the all-ones exponent (an infinity or NaN) may have been
     * written; never cleared. Without them the attention kernels skip that part of the decode.
     */
    boolean specials;
    /**
     * F16 only: the halves are kept in tiles of {@link #TILE} rows, each tile column-major
     * ({@code [cols][16]}, see {@link #index}), for attention keys: a query scores a tile's sixteen
     * keys with one lane each, no lane folds (the last tile padded with zeros).
     */
    final boolean tiled;

    /** Rows per tile of a {@link #tiled} buffer: one key per float lane of a 512-bit vector. */
    static final int TILE = 16;

    private CpuBuffer(int rows, int cols, float[] f32, short[] f16, boolean tiled) {
        this.rows = rows;
        this.cols = cols;
        this.f32 = f32;
        this.f16 = f16;
        this.tiled = tiled;
    }

    private CpuBuffer(int rows, int cols, float[] f32, short[] f16) {
        this(rows, cols, f32, f16, false);
    }

    static CpuBuffer allocate(int rows, int cols, BufferType type) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("a buffer needs rows, cols >= 0, got [" + rows + ", " + cols + "]");
        }
        long size = (long) rows * cols;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a CPU buffer holds at most 2^31 - 9 elements, asked for [" + rows + ", " + cols + "]");
        }
        return switch (type) {
            case F32 -> new CpuBuffer(rows, cols, new float[(int) size], null);
            case F16 -> new CpuBuffer(rows, cols, null, new short[(int) size]);
        };
    }

    /** An F16 buffer in {@link #tiled} layout. */
    static CpuBuffer allocateTiled(int rows, int cols) {
        long size = (long) CpuBackend.blocks(rows, TILE) * TILE * cols;
        if (rows < 0 || cols < 0 || size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a tiled CPU buffer holds at most 2^31 - 9 elements, asked for [" + rows + ", " + cols + "]");
        }
        return new CpuBuffer(rows, cols, null, new short[(int) size], true);
    }

    /** Where element (row, col) lives in the array: {@code row·cols + col}, or in tiles {@code ((row/16)·cols + col)·16 + row%16}. */
    int index(int row, int col) {
        return tiled ? ((row / TILE) * cols + col) * TILE + row % TILE : row * cols + col;
    }

    /** Wraps a host array without copying (the caller gives it up). */
    static CpuBuffer wrap(float[] values, int rows, int cols) {
        if (rows < 0 || cols < 0 || (long) rows * cols != values.length) {
            throw new IllegalArgumentException(values.length + " values do not make a [" + rows + ", " + cols + "] buffer");
        }
        return new CpuBuffer(rows, cols, values, null);
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public BufferType type() {
        return f32 != null ? BufferType.F32 : BufferType.F16;
    }

    @Override
    public String toString() {
        return "cpu " + type() + (tiled ? " tiled" : "") + "[" + rows + ", " + cols + "]";
    }
}
