package io.github.asr4j.kernels.cpu;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.Tensor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A {@code [rows, cols]} weight matrix left in its stored dtype inside its memory segment
 * (usually a file mapping). Rows are widened to float on demand, a piece at a time, by the kernels.
 */
public final class WeightMatrix implements Backend.Matrix {
    static final ValueLayout.OfFloat F32_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort I16_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /**
     * Widens {@code len} consecutive elements starting at element index {@code element} of a
     * segment to float. One implementation per dtype and backend, chosen when the matrix is bound,
     * so each stays a small, separately compiled loop whatever mix of dtypes a process uses.
     */
    interface RowWidener {
        void widen(MemorySegment data, long element, int len, float[] dst, int dstOffset);
    }

    /** Plain-Java wideners. */
    static final RowWidener SCALAR_F32 = (data, element, len, dst, off) ->
            MemorySegment.copy(data, F32_LE, element * 4, dst, off, len);
    static final RowWidener SCALAR_F16 = (data, element, len, dst, off) -> {
        long base = element * 2;
        for (int i = 0; i < len; i++) {
            dst[off + i] = Float.float16ToFloat(data.get(I16_LE, base + 2L * i));
        }
    };
    static final RowWidener SCALAR_BF16 = (data, element, len, dst, off) -> {
        long base = element * 2;
        for (int i = 0; i < len; i++) {
            dst[off + i] = Float.intBitsToFloat(data.get(I16_LE, base + 2L * i) << 16);
        }
    };

    /** Inputs per int8 quantization block (one float scale each). */
    public static final int INT8_BLOCK = 32;

    private final String name;
    private final MemorySegment data;
    private final DType dtype;
    private final int rows;
    private final int cols;
    /** Elements between row starts in {@link #data}: cols, or cols rounded up to whole blocks for int8. */
    private final int rowStride;
    /** Int8 only: one float per block of {@link #INT8_BLOCK} elements of data; else null. */
    private final MemorySegment scales;
    private final RowWidener widener;

    private WeightMatrix(String name, MemorySegment data, DType dtype, int rows, int cols, RowWidener widener) {
        this(name, data, dtype, rows, cols, cols, null, widener);
    }

    private WeightMatrix(String name, MemorySegment data, DType dtype, int rows, int cols, int rowStride,
                         MemorySegment scales, RowWidener widener) {
        this.name = name;
        this.data = data;
        this.dtype = dtype;
        this.rows = rows;
        this.cols = cols;
        this.rowStride = rowStride;
        this.scales = scales;
        this.widener = widener;
    }

    /**
     * Quantizes a rank-2 F32, F16 or BF16 tensor to int8 in new native memory: row-major with rows
     * padded to whole blocks of {@link #INT8_BLOCK} (zeros), and per block {@code scale = max|w| / 127},
     * {@code q = round(w / scale)} (so {@code |w - scale·q| ≤ scale / 2}). The result has dtype
     * {@link DType#I8}; {@code int8} makes its widener from the scales segment.
     *
     * @throws IllegalArgumentException for another rank or dtype
     */
    static WeightMatrix quantized(Tensor weight, java.util.function.Function<DType, RowWidener> wideners,
                                  java.util.function.Function<MemorySegment, RowWidener> int8) {
        WeightMatrix stored = of(weight, wideners);
        int rows = stored.rows;
        int cols = stored.cols;
        int stride = Math.multiplyExact(blocks(cols), INT8_BLOCK);
        java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofAuto();
        MemorySegment q = arena.allocate(Math.multiplyExact((long) rows, stride), 64);
        MemorySegment s = arena.allocate(4L * rows * (stride / INT8_BLOCK), 64);
        float[] row = new float[stride];
        byte[] qrow = new byte[stride];
        float[] srow = new float[stride / INT8_BLOCK];
        for (int r = 0; r < rows; r++) {
            stored.widen(r, 0, cols, row, 0);
            for (int b = 0; b < srow.length; b++) {
                float max = 0;
                for (int i = b * INT8_BLOCK; i < (b + 1) * INT8_BLOCK; i++) {
                    max = Math.max(max, Math.abs(row[i]));
                }
                if (!Float.isFinite(max)) {
                    throw new IllegalArgumentException("tensor " + weight.name() + ": row " + r + " holds a non-finite value,"
                            + " which int8 cannot represent");
                }
                float scale = max / 127;
                srow[b] = scale;
                float inv = scale == 0 ? 0 : 1 / scale;
                for (int i = b * INT8_BLOCK; i < (b + 1) * INT8_BLOCK; i++) {
                    qrow[i] = (byte) Math.max(-127, Math.min(127, Math.round(row[i] * inv)));
                }
            }
            MemorySegment.copy(qrow, 0, q, java.lang.foreign.ValueLayout.JAVA_BYTE, (long) r * stride, stride);
            MemorySegment.copy(srow, 0, s, F32_LE, 4L * r * srow.length, srow.length);
        }
        return new WeightMatrix(weight.name(), q, DType.I8, rows, cols, stride, s, int8.apply(s));
    }

    private static int blocks(int cols) {
        return (cols + INT8_BLOCK - 1) / INT8_BLOCK;
    }

    /** The plain-Java int8 widener: {@code dst[i] = q[e + i] · scale[(e + i) / 32]}. */
    static RowWidener scalarInt8(MemorySegment scales) {
        return (data, element, len, dst, off) -> {
            for (int i = 0; i < len; i++) {
                long e = element + i;
                dst[off + i] = data.get(java.lang.foreign.ValueLayout.JAVA_BYTE, e) * scales.getAtIndex(F32_LE, e / INT8_BLOCK);
            }
        };
    }

    /**
     * Binds a rank-2 F32, F16 or BF16 tensor.
     *
     * @throws IllegalArgumentException for another rank or dtype
     */
    static WeightMatrix of(Tensor weight, java.util.function.Function<DType, RowWidener> wideners) {
        if (weight.rank() != 2) {
            throw new IllegalArgumentException("tensor " + weight.name() + ": a weight matrix must be 2-D [out, in], got shape "
                    + Arrays.toString(weight.shape()));
        }
        checkDtype(weight);
        return new WeightMatrix(weight.name(), weight.data(), weight.dtype(), weight.dim(0), weight.dim(1),
                wideners.apply(weight.dtype()));
    }

    /**
     * An F32 matrix in a new native segment (row-major {@code [rows, cols]}), e.g. a rearranged conv
     * kernel. Native like mapped weights, so the kernels see one kind of segment.
     */
    static WeightMatrix ofFloats(String name, float[] values, int rows, int cols, RowWidener f32) {
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException(name + ": " + values.length + " values for a " + rows + "x" + cols + " matrix");
        }
        MemorySegment seg = java.lang.foreign.Arena.ofAuto().allocate(4L * values.length, 64);
        MemorySegment.copy(values, 0, seg, F32_LE, 0, values.length);
        return new WeightMatrix(name, seg, DType.F32, rows, cols, f32);
    }

    /** The plain-Java widener for a dtype. */
    static RowWidener scalarWidener(DType dtype) {
        return switch (dtype) {
            case F32 -> SCALAR_F32;
            case F16 -> SCALAR_F16;
            case BF16 -> SCALAR_BF16;
            default -> throw new IllegalArgumentException("no widener for " + dtype);
        };
    }

    static void checkDtype(Tensor weight) {
        DType t = weight.dtype();
        if (t != DType.F32 && t != DType.F16 && t != DType.BF16) {
            throw new IllegalArgumentException("tensor " + weight.name() + ": weights must be F32, F16 or BF16, got " + t);
        }
    }

    public String name() {
        return name;
    }

    public MemorySegment data() {
        return data;
    }

    /** The dtype the data is held in: the tensor's, or {@link DType#I8} once quantized. */
    public DType dtype() {
        return dtype;
    }

    /** Elements between row starts in {@link #data()}. */
    int rowStride() {
        return rowStride;
    }

    /** Int8 block scales (one float per {@link #INT8_BLOCK} elements), or null. */
    MemorySegment scales() {
        return scales;
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
    public void row(int r, float[] dst, int dstOffset) {
        if (r < 0 || r >= rows) {
            throw new IndexOutOfBoundsException("row " + r + " of " + name + " with " + rows + " rows");
        }
        widen(r, 0, cols, dst, dstOffset);
    }

    /** Widens {@code W[row, col .. col+len)} into {@code dst[dstOffset ..]}. */
    void widen(int row, int col, int len, float[] dst, int dstOffset) {
        widener.widen(data, (long) row * rowStride + col, len, dst, dstOffset);
    }

    @Override
    public String toString() {
        return name + " " + dtype + "[" + rows + ", " + cols + "]";
    }
}
