package io.github.asr4j.kernels.cpu;

import io.github.asr4j.loader.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD backend on {@code jdk.incubator.vector} ({@link FloatVector#SPECIES_PREFERRED}).
 *
 * <p>Matrix products use dot-product tiles: a 4×4 block of outputs is 16 vector accumulators
 * over the shared input dimension, fed by 4 input rows read in place and 4 weight rows widened
 * into a per-thread packed panel (F32 rows are copied, F16/BF16 rows decoded by
 * {@link VectorWiden}). The matrix-vector product (decoder steps) reads F32 weights straight from
 * their segment. Every output's reduction order depends only on the matrix shape.
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

    private final ThreadLocal<float[]> panels = new ThreadLocal<>();

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
        if (w.dtype() == DType.I8) {
            gemvInt8(x, xOffset, xRowStride, n, w, bias, y);
            return;
        }
        int out = w.rows();
        int in = w.cols();
        boolean f32 = w.dtype() == DType.F32;
        pool.parallelFor(blocks(out, GEMV_ROWS), b -> {
            float[] sums = new float[4];
            float[] rows = f32 ? null : scratch(panels, 4 * in);
            int end = Math.min(out, (b + 1) * GEMV_ROWS);
            for (int o = b * GEMV_ROWS; o < end; o += 4) {
                // A short last group repeats its last row; the duplicate sums are discarded.
                int r1 = Math.min(o + 1, end - 1);
                int r2 = Math.min(o + 2, end - 1);
                int r3 = Math.min(o + 3, end - 1);
                if (!f32) {
                    w.widen(o, 0, in, rows, 0);
                    w.widen(r1, 0, in, rows, in);
                    w.widen(r2, 0, in, rows, 2 * in);
                    w.widen(r3, 0, in, rows, 3 * in);
                }
                for (int i = 0; i < n; i++) {
                    int xo = xOffset + i * xRowStride;
                    if (f32) {
                        dot4Segment(x, xo, w.data(), o, r1, r2, r3, in, sums);
                    } else {
                        dot4(x, xo, rows, in, sums);
                    }
                    for (int r = 0; r < 4 && o + r < end; r++) {
                        y[i * out + o + r] = bias == null ? sums[r] : sums[r] + bias[o + r];
                    }
                }
            }
        });
    }

    /** As {@link #gemv} over int8 weights: each row's bytes are read once and widened in registers. */
    private void gemvInt8(float[] x, int xOffset, int xRowStride, int n, WeightMatrix w, float[] bias, float[] y) {
        int out = w.rows();
        int in = w.cols();
        pool.parallelFor(blocks(out, GEMV_ROWS), b -> {
            float[] sums = new float[4];
            int end = Math.min(out, (b + 1) * GEMV_ROWS);
            for (int o = b * GEMV_ROWS; o < end; o += 4) {
                // A short last group repeats its last row; the duplicate sums are discarded.
                for (int i = 0; i < n; i++) {
                    dot4Int8(x, xOffset + i * xRowStride, w.data(), w.scales(), w.rowStride(), in,
                            o, Math.min(o + 1, end - 1), Math.min(o + 2, end - 1), Math.min(o + 3, end - 1), sums);
                    for (int r = 0; r < 4 && o + r < end; r++) {
                        y[i * out + o + r] = bias == null ? sums[r] : sums[r] + bias[o + r];
                    }
                }
            }
        });
    }

    /**
     * Dot products of x with four int8 rows: per block of 32 inputs, {@code Σ x·q} in float lanes,
     * then scaled by the block's scale into the row's accumulator. A last partial block is summed
     * element by element (the padding bytes past {@code len} are never read against x).
     */
    private static void dot4Int8(float[] x, int xOff, MemorySegment q, MemorySegment scales, int stride, int len,
                                 int r0, int r1, int r2, int r3, float[] sums) {
        int block = WeightMatrix.INT8_BLOCK;
        long b0 = (long) r0 * stride;
        long b1 = (long) r1 * stride;
        long b2 = (long) r2 * stride;
        long b3 = (long) r3 * stride;
        FloatVector c0 = FloatVector.zero(F);
        FloatVector c1 = FloatVector.zero(F);
        FloatVector c2 = FloatVector.zero(F);
        FloatVector c3 = FloatVector.zero(F);
        int whole = block % L == 0 ? len / block * block : 0;
        for (int k = 0; k < whole; k += block) {
            FloatVector t0 = FloatVector.zero(F);
            FloatVector t1 = FloatVector.zero(F);
            FloatVector t2 = FloatVector.zero(F);
            FloatVector t3 = FloatVector.zero(F);
            for (int j = 0; j < block; j += L) {
                FloatVector a = FloatVector.fromArray(F, x, xOff + k + j);
                long off = k + j;
                t0 = a.fma((FloatVector) ByteVector.fromMemorySegment(VectorWiden.B, q, b0 + off, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0), t0);
                t1 = a.fma((FloatVector) ByteVector.fromMemorySegment(VectorWiden.B, q, b1 + off, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0), t1);
                t2 = a.fma((FloatVector) ByteVector.fromMemorySegment(VectorWiden.B, q, b2 + off, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0), t2);
                t3 = a.fma((FloatVector) ByteVector.fromMemorySegment(VectorWiden.B, q, b3 + off, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0), t3);
            }
            c0 = t0.fma(FloatVector.broadcast(F, scales.getAtIndex(WeightMatrix.F32_LE, (b0 + k) / block)), c0);
            c1 = t1.fma(FloatVector.broadcast(F, scales.getAtIndex(WeightMatrix.F32_LE, (b1 + k) / block)), c1);
            c2 = t2.fma(FloatVector.broadcast(F, scales.getAtIndex(WeightMatrix.F32_LE, (b2 + k) / block)), c2);
            c3 = t3.fma(FloatVector.broadcast(F, scales.getAtIndex(WeightMatrix.F32_LE, (b3 + k) / block)), c3);
        }
        float s0 = VectorOps.sumLanes(c0);
        float s1 = VectorOps.sumLanes(c1);
        float s2 = VectorOps.sumLanes(c2);
        float s3 = VectorOps.sumLanes(c3);
        for (int k0 = whole; k0 < len; k0 += block) {
            float t0 = 0;
            float t1 = 0;
            float t2 = 0;
            float t3 = 0;
            for (int k = k0; k < Math.min(len, k0 + block); k++) {
                float a = x[xOff + k];
                t0 = Math.fma(a, q.get(ValueLayout.JAVA_BYTE, b0 + k), t0);
                t1 = Math.fma(a, q.get(ValueLayout.JAVA_BYTE, b1 + k), t1);
                t2 = Math.fma(a, q.get(ValueLayout.JAVA_BYTE, b2 + k), t2);
                t3 = Math.fma(a, q.get(ValueLayout.JAVA_BYTE, b3 + k), t3);
            }
            s0 = Math.fma(t0, scales.getAtIndex(WeightMatrix.F32_LE, (b0 + k0) / block), s0);
            s1 = Math.fma(t1, scales.getAtIndex(WeightMatrix.F32_LE, (b1 + k0) / block), s1);
            s2 = Math.fma(t2, scales.getAtIndex(WeightMatrix.F32_LE, (b2 + k0) / block), s2);
            s3 = Math.fma(t3, scales.getAtIndex(WeightMatrix.F32_LE, (b3 + k0) / block), s3);
        }
        sums[0] = s0;
        sums[1] = s1;
        sums[2] = s2;
        sums[3] = s3;
    }

    /** Dot products of x with four F32 rows of the segment, each in the same order as {@link #dot4}. */
    private static void dot4Segment(float[] x, int xOff, MemorySegment seg, int r0, int r1, int r2, int r3, int len,
                                    float[] sums) {
        long b0 = (long) r0 * len * 4;
        long b1 = (long) r1 * len * 4;
        long b2 = (long) r2 * len * 4;
        long b3 = (long) r3 * len * 4;
        FloatVector c0 = FloatVector.zero(F);
        FloatVector c1 = FloatVector.zero(F);
        FloatVector c2 = FloatVector.zero(F);
        FloatVector c3 = FloatVector.zero(F);
        int k = 0;
        for (int bound = F.loopBound(len); k < bound; k += L) {
            FloatVector a = FloatVector.fromArray(F, x, xOff + k);
            long off = 4L * k;
            c0 = a.fma(FloatVector.fromMemorySegment(F, seg, b0 + off, ByteOrder.LITTLE_ENDIAN), c0);
            c1 = a.fma(FloatVector.fromMemorySegment(F, seg, b1 + off, ByteOrder.LITTLE_ENDIAN), c1);
            c2 = a.fma(FloatVector.fromMemorySegment(F, seg, b2 + off, ByteOrder.LITTLE_ENDIAN), c2);
            c3 = a.fma(FloatVector.fromMemorySegment(F, seg, b3 + off, ByteOrder.LITTLE_ENDIAN), c3);
        }
        float s0 = VectorOps.sumLanes(c0);
        float s1 = VectorOps.sumLanes(c1);
        float s2 = VectorOps.sumLanes(c2);
        float s3 = VectorOps.sumLanes(c3);
        for (; k < len; k++) {
            float a = x[xOff + k];
            long off = 4L * k;
            s0 = Math.fma(a, seg.get(WeightMatrix.F32_LE, b0 + off), s0);
            s1 = Math.fma(a, seg.get(WeightMatrix.F32_LE, b1 + off), s1);
            s2 = Math.fma(a, seg.get(WeightMatrix.F32_LE, b2 + off), s2);
            s3 = Math.fma(a, seg.get(WeightMatrix.F32_LE, b3 + off), s3);
        }
        sums[0] = s0;
        sums[1] = s1;
        sums[2] = s2;
        sums[3] = s3;
    }

    /** Dot products of x with four consecutive rows of length {@code len} in {@code w}. */
    private static void dot4(float[] x, int xOff, float[] w, int len, float[] sums) {
        FloatVector c0 = FloatVector.zero(F);
        FloatVector c1 = FloatVector.zero(F);
        FloatVector c2 = FloatVector.zero(F);
        FloatVector c3 = FloatVector.zero(F);
        int k = 0;
        for (int bound = F.loopBound(len); k < bound; k += L) {
            FloatVector a = FloatVector.fromArray(F, x, xOff + k);
            c0 = a.fma(FloatVector.fromArray(F, w, k), c0);
            c1 = a.fma(FloatVector.fromArray(F, w, len + k), c1);
            c2 = a.fma(FloatVector.fromArray(F, w, 2 * len + k), c2);
            c3 = a.fma(FloatVector.fromArray(F, w, 3 * len + k), c3);
        }
        float s0 = VectorOps.sumLanes(c0);
        float s1 = VectorOps.sumLanes(c1);
        float s2 = VectorOps.sumLanes(c2);
        float s3 = VectorOps.sumLanes(c3);
        for (; k < len; k++) {
            float a = x[xOff + k];
            s0 = Math.fma(a, w[k], s0);
            s1 = Math.fma(a, w[len + k], s1);
            s2 = Math.fma(a, w[2 * len + k], s2);
            s3 = Math.fma(a, w[3 * len + k], s3);
        }
        sums[0] = s0;
        sums[1] = s1;
        sums[2] = s2;
        sums[3] = s3;
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
