package io.github.asr4j.kernels.cpu;

import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;

/**
 * A CPU backend's buffer: a Java array on the heap, {@code float[]} for F32, the half-precision
 * bits in a {@code short[]} for F16, or int8 values in a {@code byte[]} with their block scales in
 * a {@code float[]} for Q8. Heap arrays keep the kernels' inner loops on plain array
 * indexing, which HotSpot vectorises and bounds-checks cheaply.
 */
final class CpuBuffer implements Buffer {
    private final int rows;
    private final int cols;
    final float[] f32;
    final short[] f16;
    /** Q8 only: the int8 values, laid out as {@link #f16} would be ({@link #index}). */
    final byte[] q8;
    /**
     * Q8 only: one scale per row and block of {@link #Q8_BLOCK} columns ({@link #scaleIndex}); rows
     * are in tiles as the values are when {@link #tiled}.
     */
    final float[] q8Scales;
    /**
     * F16 only: whether a half with the all-ones exponent (an infinity or NaN) may have been
     * written; never cleared. Without them the attention kernels skip that part of the decode.
     */
    boolean specials;
    /**
     * Keys only ({@link CpuBackend#allocateKeys}): the values are kept in tiles of {@link #TILE} rows,
     * each tile column-major ({@code [cols][16]}, see {@link #index}), for attention keys: a query
     * scores a tile's sixteen keys with one lane each, no lane folds (the last tile padded). An F32
     * buffer in tiles is read by copyRows, download and the attention ops alone (no view, no other op).
     */
    final boolean tiled;

    /** Rows per tile of a {@link #tiled} buffer: one key per float lane of a 512-bit vector. */
    static final int TILE = 16;

    /** Columns per scale of a Q8 buffer (as q8_0 and {@link Int8Weights}; a head of 64 has two). */
    static final int Q8_BLOCK = 32;

    private CpuBuffer(int rows, int cols, float[] f32, short[] f16, byte[] q8, float[] q8Scales, boolean tiled) {
        this.rows = rows;
        this.cols = cols;
        this.f32 = f32;
        this.f16 = f16;
        this.q8 = q8;
        this.q8Scales = q8Scales;
        this.tiled = tiled;
    }

    private CpuBuffer(int rows, int cols, float[] f32, short[] f16) {
        this(rows, cols, f32, f16, null, null, false);
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
            case Q8 -> new CpuBuffer(rows, cols, null, null, new byte[(int) size],
                    new float[rows * CpuBackend.blocks(cols, Q8_BLOCK)], false);
        };
    }

    /** A buffer in {@link #tiled} layout. */
    static CpuBuffer allocateTiled(int rows, int cols, BufferType type) {
        long size = (long) CpuBackend.blocks(rows, TILE) * TILE * cols;
        if (rows < 0 || cols < 0 || size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a tiled CPU buffer holds at most 2^31 - 9 elements, asked for [" + rows + ", " + cols + "]");
        }
        return switch (type) {
            case F16 -> new CpuBuffer(rows, cols, null, new short[(int) size], null, null, true);
            case Q8 -> new CpuBuffer(rows, cols, null, null, new byte[(int) size],
                    new float[CpuBackend.blocks(rows, TILE) * TILE * CpuBackend.blocks(cols, Q8_BLOCK)], true);
            case F32 -> new CpuBuffer(rows, cols, new float[(int) size], null, null, null, true);
        };
    }

    /** Where element (row, col) lives in the array: {@code row·cols + col}, or in tiles {@code ((row/16)·cols + col)·16 + row%16}. */
    int index(int row, int col) {
        return tiled ? tiledIndex(row, col, cols) : row * cols + col;
    }

    /** Where element (row, col) of a {@code cols}-wide matrix sits in {@link #tiled} layout. */
    static int tiledIndex(int row, int col, int cols) {
        return ((row / TILE) * cols + col) * TILE + row % TILE;
    }

    /** The distance in the array between elements (row, col) and (row, col + 1): 16 in tiles, else 1. */
    int stride() {
        return tiled ? TILE : 1;
    }

    /** Where a Q8 buffer keeps the scale of row {@code row}'s block {@code block}: laid out as {@link #index} over blocks. */
    int scaleIndex(int row, int block) {
        int blocks = CpuBackend.blocks(cols, Q8_BLOCK);
        return tiled ? ((row / TILE) * blocks + block) * TILE + row % TILE : row * blocks + block;
    }

    /**
     * {@code [rows, cols]} over the first {@code rows·cols} floats of {@code base}'s array (see
     * {@link io.github.asr4j.kernels.Backend#view}): the array may be longer than the shape, so every
     * op bounds its work by the shape, never by the array's length.
     */
    static CpuBuffer view(CpuBuffer base, int rows, int cols) {
        if (base.f32 == null || base.tiled) {
            throw new IllegalArgumentException("a view is over an F32 buffer in rows, not " + base);
        }
        if (rows < 0 || cols < 0 || (long) rows * cols > base.size()) {
            throw new IllegalArgumentException("[" + rows + ", " + cols + "] does not fit in " + base);
        }
        return new CpuBuffer(rows, cols, base.f32, null);
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
        return f32 != null ? BufferType.F32 : f16 != null ? BufferType.F16 : BufferType.Q8;
    }

    @Override
    public String toString() {
        return "cpu " + type() + (tiled ? " tiled" : "") + "[" + rows + ", " + cols + "]";
    }
}
