package io.github.asr4j.kernels.cpu;

import io.github.asr4j.loader.DType;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
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

    /** Weight rows per matrix-product task. */
    private static final int OUT_BLOCK = 64;
    /** Input rows per matrix-product task. */
    private static final int ROW_BLOCK = 128;
    /** Most columns of the shared dimension per packed panel. */
    private static final int MAX_DEPTH = 1024;
    /** Output rows per matrix-vector task. */
    private static final int GEMV_ROWS = 64;

    private final ThreadLocal<float[]> panels = new ThreadLocal<>();
    private final ThreadLocal<float[]> zeros = new ThreadLocal<>();

    /**
     * @throws UnsupportedOperationException when the JIT offers vectors narrower than 128 bits
     *     (the Vector API would then run as slow Java code)
     */
    public VectorBackend(int threads) {
        super(checkedThreads(threads));
    }

    private static int checkedThreads(int threads) {
        if (F.vectorBitSize() < 128) {
            throw new UnsupportedOperationException("the preferred float vector here is only " + F.vectorBitSize() + " bits");
        }
        return threads;
    }

    @Override
    public String name() {
        return "cpu-vector (" + F.vectorBitSize() + "-bit, " + threads() + " threads)";
    }

    @Override
    protected WeightMatrix.RowWidener widener(DType dtype) {
        return VectorWiden.widener(dtype);
    }

    @Override
    protected void linearRows(float[] x, int xOffset, int xRowStride, int n, WeightMatrix w, float[] bias, float[] y) {
        if (n == 1) {
            gemv(x, xOffset, w, bias, y);
        } else {
            gemm(x, xOffset, xRowStride, n, w, bias, y);
        }
    }

    // ---------------------------------------------------------------- matrix-vector

    private void gemv(float[] x, int xOffset, WeightMatrix w, float[] bias, float[] y) {
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
                if (f32) {
                    dot4Segment(x, xOffset, w.data(), o, r1, r2, r3, in, sums);
                } else {
                    w.widen(o, 0, in, rows, 0);
                    w.widen(r1, 0, in, rows, in);
                    w.widen(r2, 0, in, rows, 2 * in);
                    w.widen(r3, 0, in, rows, 3 * in);
                    dot4(x, xOffset, rows, in, sums);
                }
                for (int r = 0; r < 4 && o + r < end; r++) {
                    y[o + r] = bias == null ? sums[r] : sums[r] + bias[o + r];
                }
            }
        });
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

    private void gemm(float[] x, int xOffset, int xRowStride, int n, WeightMatrix w, float[] bias, float[] y) {
        int out = w.rows();
        int in = w.cols();
        int depthBlocks = blocks(in, MAX_DEPTH);
        int depth = blocks(blocks(in, depthBlocks), L) * L;   // per block, a multiple of L
        int stride = depth;                                     // packed row stride
        int outBlocks = blocks(out, OUT_BLOCK);
        pool.parallelFor(outBlocks * blocks(n, ROW_BLOCK), task -> {
            int o0 = (task % outBlocks) * OUT_BLOCK;
            int o1 = Math.min(out, o0 + OUT_BLOCK);
            int i0 = (task / outBlocks) * ROW_BLOCK;
            int i1 = Math.min(n, i0 + ROW_BLOCK);
            int tiles = blocks(o1 - o0, 4);
            float[] panel = scratch(panels, tiles * 4 * stride);
            float[] zero = zeroRow(stride);
            float[] sums = new float[16];
            for (int c0 = 0; c0 < in; c0 += depth) {
                int len = Math.min(depth, in - c0);
                boolean first = c0 == 0;
                // Pack rows o0..o1 (zero-padded to whole tiles and to the stride).
                for (int r = 0; r < tiles * 4; r++) {
                    int po = r * stride;
                    if (o0 + r < o1) {
                        w.widen(o0 + r, c0, len, panel, po);
                        java.util.Arrays.fill(panel, po + len, po + stride, 0f);
                    } else {
                        java.util.Arrays.fill(panel, po, po + stride, 0f);
                    }
                }
                VectorMask<Float> tail = F.indexInRange(len - len % L, len);
                for (int t = 0; t < tiles; t++) {
                    int o = o0 + 4 * t;
                    for (int i = i0; i < i1; i += 4) {
                        int base = xOffset + c0;
                        float[] x1 = i + 1 < i1 ? x : zero;
                        float[] x2 = i + 2 < i1 ? x : zero;
                        float[] x3 = i + 3 < i1 ? x : zero;
                        kernel4x4(x, base + i * xRowStride,
                                x1, x1 == x ? base + (i + 1) * xRowStride : 0,
                                x2, x2 == x ? base + (i + 2) * xRowStride : 0,
                                x3, x3 == x ? base + (i + 3) * xRowStride : 0,
                                panel, 4 * t * stride, stride, len, tail, sums);
                        for (int r = 0; r < 4 && i + r < i1; r++) {
                            int yo = (i + r) * out + o;
                            for (int c = 0; c < 4 && o + c < o1; c++) {
                                float s = sums[4 * r + c];
                                y[yo + c] = first ? (bias == null ? s : s + bias[o + c]) : y[yo + c] + s;
                            }
                        }
                    }
                }
            }
        });
    }

    private float[] zeroRow(int length) {
        float[] z = zeros.get();
        if (z == null || z.length < length) {
            z = new float[length];
            zeros.set(z);
        }
        return z;
    }

    /**
     * sums[4r + c] = Σ_k x_r[k]·w_c[k] for k < len, where w_c is row c of the packed tile at
     * {@code wOff} (rows {@code stride} apart, zero-padded past len) and x_r are four input rows.
     */
    private static void kernel4x4(float[] xa, int a0, float[] xb, int b0, float[] xc, int c0, float[] xd, int d0,
                                  float[] w, int wOff, int stride, int len, VectorMask<Float> tail, float[] sums) {
        FloatVector s00 = FloatVector.zero(F);
        FloatVector s01 = FloatVector.zero(F);
        FloatVector s02 = FloatVector.zero(F);
        FloatVector s03 = FloatVector.zero(F);
        FloatVector s10 = FloatVector.zero(F);
        FloatVector s11 = FloatVector.zero(F);
        FloatVector s12 = FloatVector.zero(F);
        FloatVector s13 = FloatVector.zero(F);
        FloatVector s20 = FloatVector.zero(F);
        FloatVector s21 = FloatVector.zero(F);
        FloatVector s22 = FloatVector.zero(F);
        FloatVector s23 = FloatVector.zero(F);
        FloatVector s30 = FloatVector.zero(F);
        FloatVector s31 = FloatVector.zero(F);
        FloatVector s32 = FloatVector.zero(F);
        FloatVector s33 = FloatVector.zero(F);
        int w1 = wOff + stride;
        int w2 = wOff + 2 * stride;
        int w3 = wOff + 3 * stride;
        int k = 0;
        for (int bound = len - L; k <= bound; k += L) {
            FloatVector v0 = FloatVector.fromArray(F, w, wOff + k);
            FloatVector v1 = FloatVector.fromArray(F, w, w1 + k);
            FloatVector v2 = FloatVector.fromArray(F, w, w2 + k);
            FloatVector v3 = FloatVector.fromArray(F, w, w3 + k);
            FloatVector a = FloatVector.fromArray(F, xa, a0 + k);
            s00 = a.fma(v0, s00);
            s01 = a.fma(v1, s01);
            s02 = a.fma(v2, s02);
            s03 = a.fma(v3, s03);
            a = FloatVector.fromArray(F, xb, b0 + k);
            s10 = a.fma(v0, s10);
            s11 = a.fma(v1, s11);
            s12 = a.fma(v2, s12);
            s13 = a.fma(v3, s13);
            a = FloatVector.fromArray(F, xc, c0 + k);
            s20 = a.fma(v0, s20);
            s21 = a.fma(v1, s21);
            s22 = a.fma(v2, s22);
            s23 = a.fma(v3, s23);
            a = FloatVector.fromArray(F, xd, d0 + k);
            s30 = a.fma(v0, s30);
            s31 = a.fma(v1, s31);
            s32 = a.fma(v2, s32);
            s33 = a.fma(v3, s33);
        }
        if (k < len) {
            // The packed rows are zero past len; only the input rows need masking.
            FloatVector v0 = FloatVector.fromArray(F, w, wOff + k);
            FloatVector v1 = FloatVector.fromArray(F, w, w1 + k);
            FloatVector v2 = FloatVector.fromArray(F, w, w2 + k);
            FloatVector v3 = FloatVector.fromArray(F, w, w3 + k);
            FloatVector a = FloatVector.fromArray(F, xa, a0 + k, tail);
            s00 = a.fma(v0, s00);
            s01 = a.fma(v1, s01);
            s02 = a.fma(v2, s02);
            s03 = a.fma(v3, s03);
            a = FloatVector.fromArray(F, xb, b0 + k, tail);
            s10 = a.fma(v0, s10);
            s11 = a.fma(v1, s11);
            s12 = a.fma(v2, s12);
            s13 = a.fma(v3, s13);
            a = FloatVector.fromArray(F, xc, c0 + k, tail);
            s20 = a.fma(v0, s20);
            s21 = a.fma(v1, s21);
            s22 = a.fma(v2, s22);
            s23 = a.fma(v3, s23);
            a = FloatVector.fromArray(F, xd, d0 + k, tail);
            s30 = a.fma(v0, s30);
            s31 = a.fma(v1, s31);
            s32 = a.fma(v2, s32);
            s33 = a.fma(v3, s33);
        }
        sums[0] = VectorOps.sumLanes(s00);
        sums[1] = VectorOps.sumLanes(s01);
        sums[2] = VectorOps.sumLanes(s02);
        sums[3] = VectorOps.sumLanes(s03);
        sums[4] = VectorOps.sumLanes(s10);
        sums[5] = VectorOps.sumLanes(s11);
        sums[6] = VectorOps.sumLanes(s12);
        sums[7] = VectorOps.sumLanes(s13);
        sums[8] = VectorOps.sumLanes(s20);
        sums[9] = VectorOps.sumLanes(s21);
        sums[10] = VectorOps.sumLanes(s22);
        sums[11] = VectorOps.sumLanes(s23);
        sums[12] = VectorOps.sumLanes(s30);
        sums[13] = VectorOps.sumLanes(s31);
        sums[14] = VectorOps.sumLanes(s32);
        sums[15] = VectorOps.sumLanes(s33);
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
