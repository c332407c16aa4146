package io.github.asr4j.kernels.cpu;

import static io.github.asr4j.kernels.cpu.VectorWiden.B;
import static io.github.asr4j.kernels.cpu.VectorWiden.F;

import io.github.asr4j.loader.DType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * 8-bit block-quantized weights in native memory: signed bytes, row-major with rows padded to
 * whole blocks of {@link #BLOCK} (zeros), and one float scale per block
 * ({@code w ≈ scale · q}, {@code scale = max|w| / 127}).
 */
class Int8Weights extends WeightMatrix {
    /** Inputs per quantization block (one float scale each). */
    static final int BLOCK = 32;

    /** One float per block of {@link #BLOCK} elements of data. */
    final MemorySegment scales;

    /** Quantized bytes and their block scales, rows {@code stride} bytes apart. */
    record Quantized(MemorySegment bytes, MemorySegment scales, int stride) {}

    Int8Weights(String name, Quantized q, int rows, int cols) {
        super(name, q.bytes(), rows, cols, q.stride());
        this.scales = q.scales();
    }

    @Override
    public DType dtype() {
        return DType.I8;
    }

    @Override
    public long bytes() {
        return data.byteSize() + scales.byteSize();
    }

    /**
     * Quantizes a bound F32, F16 or BF16 matrix in new native memory: per block
     * {@code scale = max|w| / 127}, {@code q = round(w / scale)} (so {@code |w - scale·q| ≤ scale / 2}).
     *
     * @throws IllegalArgumentException when a row holds a non-finite value
     */
    static Quantized quantize(WeightMatrix stored) {
        int rows = stored.rows();
        int cols = stored.cols();
        int stride = Math.multiplyExact((cols + BLOCK - 1) / BLOCK, BLOCK);
        Arena arena = Arena.ofAuto();
        MemorySegment q = arena.allocate(Math.multiplyExact((long) rows, stride), 64);
        MemorySegment s = arena.allocate(4L * rows * (stride / BLOCK), 64);
        float[] row = new float[stride];
        byte[] qrow = new byte[stride];
        float[] srow = new float[stride / BLOCK];
        for (int r = 0; r < rows; r++) {
            stored.widen(r, 0, cols, row, 0);
            for (int b = 0; b < srow.length; b++) {
                float max = 0;
                for (int i = b * BLOCK; i < (b + 1) * BLOCK; i++) {
                    max = Math.max(max, Math.abs(row[i]));
                }
                if (!Float.isFinite(max)) {
                    throw new IllegalArgumentException("tensor " + stored.name() + ": row " + r + " holds a non-finite value,"
                            + " which int8 cannot represent");
                }
                float scale = max / 127;
                srow[b] = scale;
                float inv = scale == 0 ? 0 : 1 / scale;
                for (int i = b * BLOCK; i < (b + 1) * BLOCK; i++) {
                    qrow[i] = (byte) Math.max(-127, Math.min(127, Math.round(row[i] * inv)));
                }
            }
            MemorySegment.copy(qrow, 0, q, ValueLayout.JAVA_BYTE, (long) r * stride, stride);
            MemorySegment.copy(srow, 0, s, F32_LE, 4L * r * srow.length, srow.length);
        }
        return new Quantized(q, s, stride);
    }

    /** {@code dst[i] = q[e + i] · scale[(e + i) / 32]}. */
    @Override
    void widen(int row, int col, int len, float[] dst, int dstOffset) {
        long element = element(row, col);
        for (int i = 0; i < len; i++) {
            long e = element + i;
            dst[dstOffset + i] = data.get(ValueLayout.JAVA_BYTE, e) * scales.getAtIndex(F32_LE, e / BLOCK);
        }
    }

    /**
     * The Vector API kernels (loaded only by the vector backend). They need bytes with as many
     * lanes as floats ({@link VectorWiden#INT8_SIMD}); narrower machines widen a row at a time.
     */
    static final class Simd extends Int8Weights {
        private static final int L = F.length();
        private static final ThreadLocal<float[]> ROWS = new ThreadLocal<>();

        Simd(String name, Quantized q, int rows, int cols) {
            super(name, q, rows, cols);
        }

        @Override
        void widen(int row, int col, int len, float[] dst, int dstOffset) {
            if (VectorWiden.INT8_SIMD) {
                widenInt8(data, scales, element(row, col), len, dst, dstOffset);
            } else {
                super.widen(row, col, len, dst, dstOffset);
            }
        }

        @Override
        float dot(float[] x, int xOff, int row) {
            if (VectorWiden.INT8_SIMD) {
                return dotInt8(x, xOff, data, scales, element(row, 0), cols);
            }
            float[] widened = CpuBackend.scratch(ROWS, cols);
            super.widen(row, 0, cols, widened, 0);
            return VectorOps.dot(x, xOff, widened, 0, cols);
        }

        static void widenInt8(MemorySegment seg, MemorySegment scales, long element, int len, float[] dst, int off) {
            int lanes = F.length();
            int block = BLOCK;
            int i = 0;
            // Single elements up to a block boundary, then whole blocks of vectors.
            while (i < len && (element + i) % block != 0) {
                long e = element + i;
                dst[off + i] = seg.get(ValueLayout.JAVA_BYTE, e) * scales.getAtIndex(F32_LE, e / block);
                i++;
            }
            if (block % lanes == 0) {
                for (; i + block <= len; i += block) {
                    long e = element + i;
                    float scale = scales.getAtIndex(F32_LE, e / block);
                    for (int j = 0; j < block; j += lanes) {
                        ((FloatVector) ByteVector.fromMemorySegment(B, seg, e + j, ByteOrder.LITTLE_ENDIAN)
                                .convertShape(VectorOperators.B2F, F, 0)).mul(scale).intoArray(dst, off + i + j);
                    }
                }
            }
            for (; i < len; i++) {
                long e = element + i;
                dst[off + i] = seg.get(ValueLayout.JAVA_BYTE, e) * scales.getAtIndex(F32_LE, e / block);
            }
        }

        /**
         * The dot product of x with the int8 row at byte {@code base}: per block of 32 inputs,
         * {@code Σ x·q} in float lanes, then scaled by the block's scale into the accumulator. A last
         * partial block is summed element by element (padding bytes past {@code len} are never read).
         */
        private static float dotInt8(float[] x, int xOff, MemorySegment q, MemorySegment scales, long base, int len) {
            int block = BLOCK;
            // Two accumulators (even and odd blocks), so consecutive blocks do not wait on each other.
            FloatVector c0 = FloatVector.zero(F);
            FloatVector c1 = FloatVector.zero(F);
            int whole = block % L == 0 ? len / block * block : 0;
            int k = 0;
            for (; k + 2 * block <= whole; k += 2 * block) {
                FloatVector t0 = FloatVector.zero(F);
                FloatVector t1 = FloatVector.zero(F);
                for (int j = 0; j < block; j += L) {
                    t0 = FloatVector.fromArray(F, x, xOff + k + j).fma((FloatVector) ByteVector.fromMemorySegment(
                            B, q, base + k + j, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.B2F, F, 0), t0);
                    t1 = FloatVector.fromArray(F, x, xOff + k + block + j).fma((FloatVector) ByteVector.fromMemorySegment(
                            B, q, base + k + block + j, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.B2F, F, 0), t1);
                }
                c0 = t0.fma(FloatVector.broadcast(F, scales.getAtIndex(F32_LE, (base + k) / block)), c0);
                c1 = t1.fma(FloatVector.broadcast(F, scales.getAtIndex(F32_LE, (base + k + block) / block)), c1);
            }
            for (; k < whole; k += block) {
                FloatVector t0 = FloatVector.zero(F);
                for (int j = 0; j < block; j += L) {
                    t0 = FloatVector.fromArray(F, x, xOff + k + j).fma((FloatVector) ByteVector.fromMemorySegment(
                            B, q, base + k + j, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.B2F, F, 0), t0);
                }
                c0 = t0.fma(FloatVector.broadcast(F, scales.getAtIndex(F32_LE, (base + k) / block)), c0);
            }
            float s = VectorOps.sumLanes(c0.add(c1));
            for (int k0 = whole; k0 < len; k0 += block) {
                float t = 0;
                for (int e = k0; e < Math.min(len, k0 + block); e++) {
                    t = Math.fma(x[xOff + e], q.get(ValueLayout.JAVA_BYTE, base + e), t);
                }
                s = Math.fma(t, scales.getAtIndex(F32_LE, (base + k0) / block), s);
            }
            return s;
        }
    }
}
