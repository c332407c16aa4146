package io.github.asr4j.kernels.cpu;

import io.github.asr4j.loader.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
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
     * Up to this many input rows, a product streams the weights as dot products (no packing);
     * beyond, packing panels for {@link VectorGemm} pays off.
     */
    static final int FEW_ROWS = 8;
    /** Output rows per matrix-vector task. */
    private static final int GEMV_ROWS = 64;

    private final ThreadLocal<float[]> rowBuffers = new ThreadLocal<>();


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
    }

    @Override
    protected WeightMatrix.RowWidener int8Widener(MemorySegment scales) {
        return VectorWiden.int8(scales);
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
    protected WeightMatrix.RowWidener widener(DType dtype) {
        return VectorWiden.widener(dtype);
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
     * Few input rows (decoder steps, beams): each task streams its weight rows once, four at a
     * time, and takes their dot products with every input row while they are in L1. Each output
     * is summed as for a single row, so a row's result does not depend on the others.
     */
    private void gemv(float[] x, int xOffset, int xRowStride, int n, WeightMatrix w, float[] bias, float[] y) {
        if (w.dtype() == DType.I8 && VectorWiden.INT8_SIMD) {
            gemvInt8(x, xOffset, xRowStride, n, w, bias, y);
            return;
        }
        gemvByRow(x, xOffset, xRowStride, n, w, bias, y);
    }

    /**
     * F32, F16 and BF16 weights, one weight row at a time, widened in registers: measured faster
     * here (2 threads, 768 → 51865) than four interleaved rows (F32 8.5 vs 11.9 ms, F16 6 vs 8.3 ms).
     */
    private void gemvByRow(float[] x, int xOffset, int xRowStride, int n, WeightMatrix w, float[] bias, float[] y) {
        int out = w.rows();
        int in = w.cols();
        MemorySegment seg = w.data();
        DType dtype = w.dtype();
        pool.parallelFor(blocks(out, GEMV_ROWS), b -> {
            int end = Math.min(out, (b + 1) * GEMV_ROWS);
            float[] widened = dtype == DType.I8 ? scratch(rowBuffers, in) : null;
            for (int o = b * GEMV_ROWS; o < end; o++) {
                float bo = bias == null ? 0f : bias[o];
                if (widened != null) {
                    w.widen(o, 0, in, widened, 0);    // int8 where bytes are too narrow for SIMD
                }
                for (int i = 0; i < n; i++) {
                    int xo = xOffset + i * xRowStride;
                    long row = (long) o * in;
                    float sum = widened != null ? VectorOps.dot(x, xo, widened, 0, in) : switch (dtype) {
                        case F16 -> dotF16(x, xo, seg, row, in);
                        case BF16 -> dotBF16(x, xo, seg, row, in);
                        default -> dotF32(x, xo, seg, row, in);
                    };
                    y[i * out + o] = bias == null ? sum : sum + bo;
                }
            }
        });
    }

    /** The dot product of x with the F32 row starting at element {@code element}, two accumulators. */
    private static float dotF32(float[] x, int xOff, MemorySegment seg, long element, int len) {
        long base = element * 4;
        FloatVector c0 = FloatVector.zero(F);
        FloatVector c1 = FloatVector.zero(F);
        int k = 0;
        for (int bound = len - 2 * L; k <= bound; k += 2 * L) {
            c0 = FloatVector.fromArray(F, x, xOff + k)
                    .fma(FloatVector.fromMemorySegment(F, seg, base + 4L * k, ByteOrder.LITTLE_ENDIAN), c0);
            c1 = FloatVector.fromArray(F, x, xOff + k + L)
                    .fma(FloatVector.fromMemorySegment(F, seg, base + 4L * (k + L), ByteOrder.LITTLE_ENDIAN), c1);
        }
        float s = VectorOps.sumLanes(c0.add(c1));
        for (; k < len; k++) {
            s = Math.fma(x[xOff + k], seg.get(WeightMatrix.F32_LE, base + 4L * k), s);
        }
        return s;
    }

    /**
     * The dot product of x with the F16 row starting at element {@code element}, decoded in
     * registers as {@link VectorWiden#widenF16} does.
     */
    private static float dotF16(float[] x, int xOff, MemorySegment seg, long element, int len) {
        long base = element * 2;
        // Two accumulators (even and odd vectors), so consecutive FMAs do not wait on each other.
        FloatVector c0 = FloatVector.zero(F);
        FloatVector c1 = FloatVector.zero(F);
        int k = 0;
        for (int bound = F.loopBound(len); k < bound; k += L) {
            IntVector h = (IntVector) ShortVector.fromMemorySegment(VectorWiden.S, seg, base + 2L * k, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, VectorWiden.I, 0);
            IntVector magnitude = h.and(0x7FFF);
            IntVector shifted = magnitude.lanewise(VectorOperators.LSHL, 13);
            IntVector finite = shifted.reinterpretAsFloats().mul(0x1p112f).reinterpretAsInts();
            IntVector value = finite.blend(shifted.or(0x7F800000), magnitude.compare(VectorOperators.GE, 0x7C00));
            FloatVector wv = value.or(h.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
            if ((k / L & 1) == 0) {
                c0 = FloatVector.fromArray(F, x, xOff + k).fma(wv, c0);
            } else {
                c1 = FloatVector.fromArray(F, x, xOff + k).fma(wv, c1);
            }
        }
        float s = VectorOps.sumLanes(c0.add(c1));
        for (; k < len; k++) {
            s = Math.fma(x[xOff + k], Float.float16ToFloat(seg.get(WeightMatrix.I16_LE, base + 2L * k)), s);
        }
        return s;
    }

    /** The dot product of x with the BF16 row starting at element {@code element} (bits shifted into place). */
    private static float dotBF16(float[] x, int xOff, MemorySegment seg, long element, int len) {
        long base = element * 2;
        FloatVector c = FloatVector.zero(F);
        int k = 0;
        for (int bound = F.loopBound(len); k < bound; k += L) {
            FloatVector wv = ((IntVector) ShortVector.fromMemorySegment(VectorWiden.S, seg, base + 2L * k, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, VectorWiden.I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
            c = FloatVector.fromArray(F, x, xOff + k).fma(wv, c);
        }
        float s = VectorOps.sumLanes(c);
        for (; k < len; k++) {
            s = Math.fma(x[xOff + k], Float.intBitsToFloat(seg.get(WeightMatrix.I16_LE, base + 2L * k) << 16), s);
        }
        return s;
    }

    /**
     * As {@link #gemv} over int8 weights: each row's bytes are read once and widened in registers.
     * One row at a time: measured faster here than four interleaved rows.
     */
    private void gemvInt8(float[] x, int xOffset, int xRowStride, int n, WeightMatrix w, float[] bias, float[] y) {
        int out = w.rows();
        int in = w.cols();
        MemorySegment q = w.data();
        MemorySegment scales = w.scales();
        int stride = w.rowStride();
        pool.parallelFor(blocks(out, GEMV_ROWS), b -> {
            int end = Math.min(out, (b + 1) * GEMV_ROWS);
            for (int o = b * GEMV_ROWS; o < end; o++) {
                float bo = bias == null ? 0f : bias[o];
                for (int i = 0; i < n; i++) {
                    float sum = dotInt8(x, xOffset + i * xRowStride, q, scales, (long) o * stride, in);
                    y[i * out + o] = bias == null ? sum : sum + bo;
                }
            }
        });
    }

    /**
     * The dot product of x with the int8 row at byte {@code base}: per block of 32 inputs,
     * {@code Σ x·q} in float lanes, then scaled by the block's scale into the accumulator. A last
     * partial block is summed element by element (padding bytes past {@code len} are never read).
     */
    private static float dotInt8(float[] x, int xOff, MemorySegment q, MemorySegment scales, long base, int len) {
        int block = WeightMatrix.INT8_BLOCK;
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
                        VectorWiden.B, q, base + k + j, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.B2F, F, 0), t0);
                t1 = FloatVector.fromArray(F, x, xOff + k + block + j).fma((FloatVector) ByteVector.fromMemorySegment(
                        VectorWiden.B, q, base + k + block + j, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.B2F, F, 0), t1);
            }
            c0 = t0.fma(FloatVector.broadcast(F, scales.getAtIndex(WeightMatrix.F32_LE, (base + k) / block)), c0);
            c1 = t1.fma(FloatVector.broadcast(F, scales.getAtIndex(WeightMatrix.F32_LE, (base + k + block) / block)), c1);
        }
        for (; k < whole; k += block) {
            FloatVector t0 = FloatVector.zero(F);
            for (int j = 0; j < block; j += L) {
                t0 = FloatVector.fromArray(F, x, xOff + k + j).fma((FloatVector) ByteVector.fromMemorySegment(
                        VectorWiden.B, q, base + k + j, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.B2F, F, 0), t0);
            }
            c0 = t0.fma(FloatVector.broadcast(F, scales.getAtIndex(WeightMatrix.F32_LE, (base + k) / block)), c0);
        }
        float s = VectorOps.sumLanes(c0.add(c1));
        for (int k0 = whole; k0 < len; k0 += block) {
            float t = 0;
            for (int e = k0; e < Math.min(len, k0 + block); e++) {
                t = Math.fma(x[xOff + e], q.get(ValueLayout.JAVA_BYTE, base + e), t);
            }
            s = Math.fma(t, scales.getAtIndex(WeightMatrix.F32_LE, (base + k0) / block), s);
        }
        return s;
    }

    // ---------------------------------------------------------------- matrix-matrix

    private final VectorGemm packedGemm = new VectorGemm();

    private void gemm(float[] x, int xOffset, int xRowStride, int n, WeightMatrix w, float[] bias, float[] y) {
        packedGemm.run(pool, x, xOffset, xRowStride, n, w, bias, y);
    }

    // ---------------------------------------------------------------- delegated to VectorAttention / VectorOps

    private final VectorAttention tiledAttention = new VectorAttention();

    @Override
    public void attention(float[] q, int nq, float[] k, float[] v, int nkv, int heads, int headDim,
                          boolean causal, int pastLength, float[] out) {
        if (!VectorAttention.supports(nq, headDim)) {
            super.attention(q, nq, k, v, nkv, heads, headDim, causal, pastLength, out);
            return;
        }
        checkAttention(q, nq, k, v, nkv, heads, headDim, causal, pastLength, out);
        tiledAttention.run(pool, q, nq, k, v, nkv, heads, headDim, causal, pastLength, out);
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

    @Override
    protected void geluRange(float[] x, int from, int to) {
        VectorGelu.apply(x, from, to);
    }
}
