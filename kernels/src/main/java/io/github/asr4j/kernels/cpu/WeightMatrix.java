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

    private final String name;
    private final MemorySegment data;
    private final DType dtype;
    private final int rows;
    private final int cols;

    private WeightMatrix(String name, MemorySegment data, DType dtype, int rows, int cols) {
        this.name = name;
        this.data = data;
        this.dtype = dtype;
        this.rows = rows;
        this.cols = cols;
    }

    /**
     * Binds a rank-2 F32, F16 or BF16 tensor.
     *
     * @throws IllegalArgumentException for another rank or dtype
     */
    public static WeightMatrix of(Tensor weight) {
        if (weight.rank() != 2) {
            throw new IllegalArgumentException("tensor " + weight.name() + ": a weight matrix must be 2-D [out, in], got shape "
                    + Arrays.toString(weight.shape()));
        }
        checkDtype(weight);
        return new WeightMatrix(weight.name(), weight.data(), weight.dtype(), weight.dim(0), weight.dim(1));
    }

    /** A matrix over a float array (row-major {@code [rows, cols]}), e.g. a rearranged conv kernel. */
    static WeightMatrix ofFloats(String name, float[] values, int rows, int cols) {
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException(name + ": " + values.length + " values for a " + rows + "x" + cols + " matrix");
        }
        return new WeightMatrix(name, MemorySegment.ofArray(values), DType.F32, rows, cols);
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

    public DType dtype() {
        return dtype;
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
        long element = (long) row * cols + col;
        switch (dtype) {
            case F32 -> MemorySegment.copy(data, F32_LE, element * 4, dst, dstOffset, len);
            case F16 -> {
                long off = element * 2;
                for (int i = 0; i < len; i++) {
                    dst[dstOffset + i] = Float.float16ToFloat(data.get(I16_LE, off + 2L * i));
                }
            }
            case BF16 -> {
                long off = element * 2;
                for (int i = 0; i < len; i++) {
                    dst[dstOffset + i] = Float.intBitsToFloat(data.get(I16_LE, off + 2L * i) << 16);
                }
            }
            default -> throw new IllegalStateException("unreachable: " + dtype);
        }
    }

    @Override
    public String toString() {
        return name + " " + dtype + "[" + rows + ", " + cols + "]";
    }
}
