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

        @Override
        void dots(float[] x, int xOff, int xStride, int n, int row, float[] sums) {
            if (VectorWiden.INT8_SIMD && n == DOT_ROWS) {
                dots4Int8(x, xOff, xStride, data, scales, element(row, 0), cols, sums);
            } else {
                super.dots(x, xOff, xStride, n, row, sums);
            }
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

        private static FloatVector bytes(MemorySegment q, long offset) {
            return (FloatVector) ByteVector.fromMemorySegment(B, q, offset, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.B2F, F, 0);
        }

        /**
         * {@link #dotInt8} of four input rows {@code xOff + i·xStride} with one int8 row, each weight
         * vector widened once for all four (beams, batched files): every sum is accumulated exactly
         * as {@link #dotInt8} accumulates it (per block in float lanes, scaled into even and odd
         * block accumulators, the same lane sum and partial last block), so each equals its
         * single-row result bit for bit.
         */
        static void dots4Int8(float[] x, int xOff, int xStride, MemorySegment q, MemorySegment scales, long base,
                              int len, float[] sums) {
            int block = BLOCK;
            int x0 = xOff;
            int x1 = x0 + xStride;
            int x2 = x1 + xStride;
            int x3 = x2 + xStride;
            FloatVector e0 = FloatVector.zero(F);
            FloatVector e1 = FloatVector.zero(F);
            FloatVector e2 = FloatVector.zero(F);
            FloatVector e3 = FloatVector.zero(F);
            FloatVector o0 = FloatVector.zero(F);
            FloatVector o1 = FloatVector.zero(F);
            FloatVector o2 = FloatVector.zero(F);
            FloatVector o3 = FloatVector.zero(F);
            int whole = block % L == 0 ? len / block * block : 0;
            int k = 0;
            for (; k < whole; k += block) {
                FloatVector t0 = FloatVector.zero(F);
                FloatVector t1 = FloatVector.zero(F);
                FloatVector t2 = FloatVector.zero(F);
                FloatVector t3 = FloatVector.zero(F);
                for (int j = 0; j < block; j += L) {
                    FloatVector wv = bytes(q, base + k + j);
                    t0 = FloatVector.fromArray(F, x, x0 + k + j).fma(wv, t0);
                    t1 = FloatVector.fromArray(F, x, x1 + k + j).fma(wv, t1);
                    t2 = FloatVector.fromArray(F, x, x2 + k + j).fma(wv, t2);
                    t3 = FloatVector.fromArray(F, x, x3 + k + j).fma(wv, t3);
                }
                FloatVector scale = FloatVector.broadcast(F, scales.getAtIndex(F32_LE, (base + k) / block));
                // dotInt8 sends even blocks to c0 and odd ones to c1, and a last unpaired block to c0.
                if ((k / block & 1) == 0) {
                    e0 = t0.fma(scale, e0);
                    e1 = t1.fma(scale, e1);
                    e2 = t2.fma(scale, e2);
                    e3 = t3.fma(scale, e3);
                } else {
                    o0 = t0.fma(scale, o0);
                    o1 = t1.fma(scale, o1);
                    o2 = t2.fma(scale, o2);
                    o3 = t3.fma(scale, o3);
                }
            }
            // VectorOps.sumLanes' folds written out, as in F16Weights.dots4F16 (calls with vector arguments box).
            FloatVector v0 = e0.add(o0);
            FloatVector v1 = e1.add(o1);
            FloatVector v2 = e2.add(o2);
            FloatVector v3 = e3.add(o3);
            for (int w = L / 2; w >= 1; w /= 2) {
                jdk.incubator.vector.VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];
                v0 = v0.add(v0.rearrange(fold));
                v1 = v1.add(v1.rearrange(fold));
                v2 = v2.add(v2.rearrange(fold));
                v3 = v3.add(v3.rearrange(fold));
            }
            float s0 = v0.lane(0);
            float s1 = v1.lane(0);
            float s2 = v2.lane(0);
            float s3 = v3.lane(0);
            for (int k0 = whole; k0 < len; k0 += block) {
                float t0 = 0;
                float t1 = 0;
                float t2 = 0;
                float t3 = 0;
                for (int e = k0; e < Math.min(len, k0 + block); e++) {
                    float w = q.get(ValueLayout.JAVA_BYTE, base + e);
                    t0 = Math.fma(x[x0 + e], w, t0);
                    t1 = Math.fma(x[x1 + e], w, t1);
                    t2 = Math.fma(x[x2 + e], w, t2);
                    t3 = Math.fma(x[x3 + e], w, t3);
                }
                float scale = scales.getAtIndex(F32_LE, (base + k0) / block);
                s0 = Math.fma(t0, scale, s0);
                s1 = Math.fma(t1, scale, s1);
                s2 = Math.fma(t2, scale, s2);
                s3 = Math.fma(t3, scale, s3);
            }
            sums[0] = s0;
            sums[1] = s1;
            sums[2] = s2;
            sums[3] = s3;
        }
    }
}
