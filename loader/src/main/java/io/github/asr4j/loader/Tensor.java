package io.github.asr4j.loader;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A named, typed, shaped view of little-endian bytes, usually inside a memory-mapped file.
 *
 * <p>The bytes are never copied: {@link #data()} is a slice of the mapping, valid while the file
 * that produced it is open. Conversions to Java arrays ({@link #toFloatArray()}) copy on demand and
 * are meant for small tensors or tests; kernels read {@link #data()} in the stored dtype.
 */
public final class Tensor {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final String name;
    private final DType dtype;
    private final long[] shape;
    private final MemorySegment data;

    /**
     * @throws IllegalArgumentException when the byte size does not equal the element count times
     *     the dtype size, or a dimension is negative
     */
    public Tensor(String name, DType dtype, long[] shape, MemorySegment data) {
        this.name = name;
        this.dtype = dtype;
        this.shape = shape.clone();
        this.data = data;
        long count = elementCount(this.shape);
        if (count < 0 || Math.multiplyHigh(count, dtype.byteSize()) != 0 || count * dtype.byteSize() != data.byteSize()) {
            throw new IllegalArgumentException("tensor " + name + ": shape " + Arrays.toString(shape) + " of " + dtype
                    + " needs " + (count < 0 ? "an invalid number of" : String.valueOf(count * dtype.byteSize()))
                    + " bytes, but " + data.byteSize() + " are given");
        }
    }

    /** The product of the dimensions, or -1 when a dimension is negative or the product overflows. */
    public static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                return -1;
            }
            if (d != 0 && n > Long.MAX_VALUE / d) {
                return -1;
            }
            n *= d;
        }
        return n;
    }

    public String name() {
        return name;
    }

    public DType dtype() {
        return dtype;
    }

    /** A copy of the shape. */
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Dimension {@code i} as an int (tensor dimensions in these models fit). */
    public int dim(int i) {
        return Math.toIntExact(shape[i]);
    }

    public long elementCount() {
        return elementCount(shape);
    }

    /** The raw little-endian bytes (a view, not a copy). */
    public MemorySegment data() {
        return data;
    }

    /** Element {@code index} (row-major) widened to float; for integer dtypes, the value converted. */
    public float getFloat(long index) {
        long off = index * dtype.byteSize();
        return switch (dtype) {
            case F32 -> data.get(F32, off);
            case F16 -> Float.float16ToFloat(data.get(I16, off));
            case BF16 -> Float.intBitsToFloat((data.get(I16, off) & 0xFFFF) << 16);
            case F64 -> (float) data.get(F64, off);
            case I64 -> data.get(I64, off);
            case I32 -> data.get(I32, off);
            case I16 -> data.get(I16, off);
            case I8 -> data.get(ValueLayout.JAVA_BYTE, off);
            case U8, BOOL -> data.get(ValueLayout.JAVA_BYTE, off) & 0xFF;
        };
    }

    /** Element {@code index} of an integer tensor as a long. */
    public long getLong(long index) {
        long off = index * dtype.byteSize();
        return switch (dtype) {
            case I64 -> data.get(I64, off);
            case I32 -> data.get(I32, off);
            case I16 -> data.get(I16, off);
            case I8 -> data.get(ValueLayout.JAVA_BYTE, off);
            case U8, BOOL -> data.get(ValueLayout.JAVA_BYTE, off) & 0xFF;
            default -> throw new IllegalStateException("tensor " + name + " is " + dtype + ", not an integer type");
        };
    }

    /** All elements widened to float, copied onto the heap. */
    public float[] toFloatArray() {
        float[] out = new float[arrayLength()];
        if (dtype == DType.F32) {
            MemorySegment.copy(data, F32, 0, out, 0, out.length);
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = getFloat(i);
            }
        }
        return out;
    }

    /** All elements of an integer tensor as ints, copied onto the heap. */
    public int[] toIntArray() {
        int[] out = new int[arrayLength()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.toIntExact(getLong(i));
        }
        return out;
    }

    private int arrayLength() {
        long n = elementCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("tensor " + name + " has " + n + " elements, too many for one Java array");
        }
        return (int) n;
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape);
    }
}
