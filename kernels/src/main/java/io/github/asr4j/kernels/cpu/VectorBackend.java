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

    public VectorBackend(int threads) {
        super(threads);
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
        float s0 = c0.reduceLanes(VectorOperators.ADD);
        float s1 = c1.reduceLanes(VectorOperators.ADD);
        float s2 = c2.reduceLanes(VectorOperators.ADD);
        float s3 = c3.reduceLanes(VectorOperators.ADD);
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
        float s0 = c0.reduceLanes(VectorOperators.ADD);
        float s1 = c1.reduceLanes(VectorOperators.ADD);
        float s2 = c2.reduceLanes(VectorOperators.ADD);
        float s3 = c3.reduceLanes(VectorOperators.ADD);
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
        sums[0] = s00.reduceLanes(VectorOperators.ADD);
        sums[1] = s01.reduceLanes(VectorOperators.ADD);
        sums[2] = s02.reduceLanes(VectorOperators.ADD);
        sums[3] = s03.reduceLanes(VectorOperators.ADD);
        sums[4] = s10.reduceLanes(VectorOperators.ADD);
        sums[5] = s11.reduceLanes(VectorOperators.ADD);
        sums[6] = s12.reduceLanes(VectorOperators.ADD);
        sums[7] = s13.reduceLanes(VectorOperators.ADD);
        sums[8] = s20.reduceLanes(VectorOperators.ADD);
        sums[9] = s21.reduceLanes(VectorOperators.ADD);
        sums[10] = s22.reduceLanes(VectorOperators.ADD);
        sums[11] = s23.reduceLanes(VectorOperators.ADD);
        sums[12] = s30.reduceLanes(VectorOperators.ADD);
        sums[13] = s31.reduceLanes(VectorOperators.ADD);
        sums[14] = s32.reduceLanes(VectorOperators.ADD);
        sums[15] = s33.reduceLanes(VectorOperators.ADD);
    }

    // ---------------------------------------------------------------- attention

    /** Queries per tiled attention task. */
    private static final int QUERY_BLOCK = 32;

    /**
     * With at least 4 queries and a head width that is a multiple of 4 vectors (Whisper's 64):
     * first every head's K slice is transposed once ({@code kt[d, key]}, zero-padded to whole
     * tiles), and its V slice copied contiguously, then each task takes a head and a block of
     * queries: scores for 4 queries × 4L keys at a time, the softmax rows, then 4 queries × 4L
     * output columns at a time. Keys past a query's causal limit get probability 0 and so add nothing.
     */
    @Override
    public void attention(float[] q, int nq, float[] k, float[] v, int nkv, int heads, int headDim,
                          boolean causal, int pastLength, float[] out) {
        if (nq < 4 || headDim % (4 * L) != 0) {
            super.attention(q, nq, k, v, nkv, heads, headDim, causal, pastLength, out);
            return;
        }
        int width = checkAttention(q, nq, k, v, nkv, heads, headDim, causal, pastLength, out);
        int keys = causal ? pastLength + nq : nkv;
        int tile = 4 * L;
        // An odd number of cache lines between rows of kt, so that walking down a column does not
        // keep hitting the same few cache sets.
        int kp = blocks(keys, tile) * tile + L;
        float[] kt = new float[Math.multiplyExact(heads, Math.multiplyExact(headDim, kp))];
        // V's head slices made contiguous, for the same reason (rows of the full V are a power-of-two-ish stride apart).
        float[] vp = new float[Math.multiplyExact(heads, Math.multiplyExact(headDim, keys))];
        int keyTiles = blocks(keys, tile);
        pool.parallelFor(heads * keyTiles, t -> {
            int h = t / keyTiles;
            int j0 = (t % keyTiles) * tile;
            int j1 = Math.min(keys, j0 + tile);
            int base = h * headDim * kp;
            int col = h * headDim;
            for (int d = 0; d < headDim; d++) {
                int dst = base + d * kp;
                for (int j = j0; j < j1; j++) {
                    kt[dst + j] = k[j * width + col + d];
                }
            }
            int vBase = h * headDim * keys;
            for (int j = j0; j < j1; j++) {
                System.arraycopy(v, j * width + col, vp, vBase + j * headDim, headDim);
            }
        });
        float scale = (float) (1 / Math.sqrt(headDim));
        int queryBlocks = blocks(nq, QUERY_BLOCK);
        pool.parallelFor(heads * queryBlocks, task -> {
            int h = task / queryBlocks;
            int q0 = (task % queryBlocks) * QUERY_BLOCK;
            int q1 = Math.min(nq, q0 + QUERY_BLOCK);
            int blockKeys = causal ? pastLength + q1 : nkv;
            tiledAttention(q, q0, q1, kt, h * headDim * kp, kp, vp, h * headDim * keys, blockKeys, h * headDim, headDim,
                    width, causal, pastLength, scale, out);
        });
    }

    private void tiledAttention(float[] q, int q0, int q1, float[] kt, int ktOff, int kp, float[] vp, int vpOff, int keys,
                                int col, int headDim, int width, boolean causal, int pastLength, float scale, float[] out) {
        int tile = 4 * L;
        int sp = blocks(keys, tile) * tile;    // score row stride: whole tiles
        int rows = q1 - q0;
        float[] s = scratch(attentionTiles, rows * sp);
        for (int i = q0; i < q1; i += 4) {
            int r1 = Math.min(i + 1, q1 - 1);
            int r2 = Math.min(i + 2, q1 - 1);
            int r3 = Math.min(i + 3, q1 - 1);
            for (int j = 0; j < sp; j += tile) {
                scoreTile(q, i * width + col, r1 * width + col, r2 * width + col, r3 * width + col, headDim, kt, ktOff, kp, j,
                        s, (i - q0) * sp, (r1 - q0) * sp, (r2 - q0) * sp, (r3 - q0) * sp);
            }
        }
        float[] inv = new float[rows];
        for (int i = q0; i < q1; i++) {
            int lim = causal ? pastLength + i + 1 : keys;
            int row = (i - q0) * sp;
            scale(s, row, lim, scale);
            float max = max(s, row, lim);
            inv[i - q0] = 1 / expShiftedInPlace(s, row, lim, max);
            java.util.Arrays.fill(s, row + lim, row + keys, 0f);
        }
        for (int i = q0; i < q1; i += 4) {
            int valid = Math.min(4, q1 - i);
            int r1 = Math.min(i + 1, q1 - 1) - q0;
            int r2 = Math.min(i + 2, q1 - 1) - q0;
            int r3 = Math.min(i + 3, q1 - 1) - q0;
            for (int c = 0; c < headDim; c += tile) {
                valueTile(s, (i - q0) * sp, r1 * sp, r2 * sp, r3 * sp, keys, vp, headDim, vpOff + c,
                        out, i * width + col + c, width, valid, inv, i - q0);
            }
        }
    }

    private final ThreadLocal<float[]> attentionTiles = new ThreadLocal<>();

    /** Scores of 4 query rows against keys {@code j .. j+4L} of a transposed K ({@code kt[ktOff + d·kp + key]}). */
    private static void scoreTile(float[] q, int qa, int qb, int qc, int qd, int headDim, float[] kt, int ktOff, int kp, int j,
                                  float[] s, int sa, int sb, int sc, int sd) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector a2 = FloatVector.zero(F);
        FloatVector a3 = FloatVector.zero(F);
        FloatVector b0 = FloatVector.zero(F);
        FloatVector b1 = FloatVector.zero(F);
        FloatVector b2 = FloatVector.zero(F);
        FloatVector b3 = FloatVector.zero(F);
        FloatVector c0 = FloatVector.zero(F);
        FloatVector c1 = FloatVector.zero(F);
        FloatVector c2 = FloatVector.zero(F);
        FloatVector c3 = FloatVector.zero(F);
        FloatVector d0 = FloatVector.zero(F);
        FloatVector d1 = FloatVector.zero(F);
        FloatVector d2 = FloatVector.zero(F);
        FloatVector d3 = FloatVector.zero(F);
        for (int d = 0; d < headDim; d++) {
            int ko = ktOff + d * kp + j;
            FloatVector k0 = FloatVector.fromArray(F, kt, ko);
            FloatVector k1 = FloatVector.fromArray(F, kt, ko + L);
            FloatVector k2 = FloatVector.fromArray(F, kt, ko + 2 * L);
            FloatVector k3 = FloatVector.fromArray(F, kt, ko + 3 * L);
            FloatVector x = FloatVector.broadcast(F, q[qa + d]);
            a0 = x.fma(k0, a0);
            a1 = x.fma(k1, a1);
            a2 = x.fma(k2, a2);
            a3 = x.fma(k3, a3);
            x = FloatVector.broadcast(F, q[qb + d]);
            b0 = x.fma(k0, b0);
            b1 = x.fma(k1, b1);
            b2 = x.fma(k2, b2);
            b3 = x.fma(k3, b3);
            x = FloatVector.broadcast(F, q[qc + d]);
            c0 = x.fma(k0, c0);
            c1 = x.fma(k1, c1);
            c2 = x.fma(k2, c2);
            c3 = x.fma(k3, c3);
            x = FloatVector.broadcast(F, q[qd + d]);
            d0 = x.fma(k0, d0);
            d1 = x.fma(k1, d1);
            d2 = x.fma(k2, d2);
            d3 = x.fma(k3, d3);
        }
        // Rows that repeat the last query write identical values to the same place.
        a0.intoArray(s, sa + j);
        a1.intoArray(s, sa + j + L);
        a2.intoArray(s, sa + j + 2 * L);
        a3.intoArray(s, sa + j + 3 * L);
        b0.intoArray(s, sb + j);
        b1.intoArray(s, sb + j + L);
        b2.intoArray(s, sb + j + 2 * L);
        b3.intoArray(s, sb + j + 3 * L);
        c0.intoArray(s, sc + j);
        c1.intoArray(s, sc + j + L);
        c2.intoArray(s, sc + j + 2 * L);
        c3.intoArray(s, sc + j + 3 * L);
        d0.intoArray(s, sd + j);
        d1.intoArray(s, sd + j + L);
        d2.intoArray(s, sd + j + 2 * L);
        d3.intoArray(s, sd + j + 3 * L);
    }

    /**
     * {@code out[r, c .. c+4L) = inv[r] · Σ_j p[r, j]·v[vCol + j·width ..]} for 4 probability rows
     * (the first {@code valid} are stored).
     */
    private static void valueTile(float[] p, int pa, int pb, int pc, int pd, int keys, float[] v, int width, int vCol,
                                  float[] out, int outOff, int outStride, int valid, float[] inv, int invOff) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector a2 = FloatVector.zero(F);
        FloatVector a3 = FloatVector.zero(F);
        FloatVector b0 = FloatVector.zero(F);
        FloatVector b1 = FloatVector.zero(F);
        FloatVector b2 = FloatVector.zero(F);
        FloatVector b3 = FloatVector.zero(F);
        FloatVector c0 = FloatVector.zero(F);
        FloatVector c1 = FloatVector.zero(F);
        FloatVector c2 = FloatVector.zero(F);
        FloatVector c3 = FloatVector.zero(F);
        FloatVector d0 = FloatVector.zero(F);
        FloatVector d1 = FloatVector.zero(F);
        FloatVector d2 = FloatVector.zero(F);
        FloatVector d3 = FloatVector.zero(F);
        for (int j = 0; j < keys; j++) {
            int vo = j * width + vCol;
            FloatVector v0 = FloatVector.fromArray(F, v, vo);
            FloatVector v1 = FloatVector.fromArray(F, v, vo + L);
            FloatVector v2 = FloatVector.fromArray(F, v, vo + 2 * L);
            FloatVector v3 = FloatVector.fromArray(F, v, vo + 3 * L);
            FloatVector x = FloatVector.broadcast(F, p[pa + j]);
            a0 = x.fma(v0, a0);
            a1 = x.fma(v1, a1);
            a2 = x.fma(v2, a2);
            a3 = x.fma(v3, a3);
            x = FloatVector.broadcast(F, p[pb + j]);
            b0 = x.fma(v0, b0);
            b1 = x.fma(v1, b1);
            b2 = x.fma(v2, b2);
            b3 = x.fma(v3, b3);
            x = FloatVector.broadcast(F, p[pc + j]);
            c0 = x.fma(v0, c0);
            c1 = x.fma(v1, c1);
            c2 = x.fma(v2, c2);
            c3 = x.fma(v3, c3);
            x = FloatVector.broadcast(F, p[pd + j]);
            d0 = x.fma(v0, d0);
            d1 = x.fma(v1, d1);
            d2 = x.fma(v2, d2);
            d3 = x.fma(v3, d3);
        }
        // Stored here rather than in a helper: vectors passed to a call that is not inlined get
        // boxed, and that can reach back into the loop.
        float f = inv[invOff];
        a0.mul(f).intoArray(out, outOff);
        a1.mul(f).intoArray(out, outOff + L);
        a2.mul(f).intoArray(out, outOff + 2 * L);
        a3.mul(f).intoArray(out, outOff + 3 * L);
        if (valid > 1) {
            int o = outOff + outStride;
            f = inv[invOff + 1];
            b0.mul(f).intoArray(out, o);
            b1.mul(f).intoArray(out, o + L);
            b2.mul(f).intoArray(out, o + 2 * L);
            b3.mul(f).intoArray(out, o + 3 * L);
        }
        if (valid > 2) {
            int o = outOff + 2 * outStride;
            f = inv[invOff + 2];
            c0.mul(f).intoArray(out, o);
            c1.mul(f).intoArray(out, o + L);
            c2.mul(f).intoArray(out, o + 2 * L);
            c3.mul(f).intoArray(out, o + 3 * L);
        }
        if (valid > 3) {
            int o = outOff + 3 * outStride;
            f = inv[invOff + 3];
            d0.mul(f).intoArray(out, o);
            d1.mul(f).intoArray(out, o + L);
            d2.mul(f).intoArray(out, o + 2 * L);
            d3.mul(f).intoArray(out, o + 3 * L);
        }
    }

    // ---------------------------------------------------------------- vector primitives

    @Override
    protected float dot(float[] a, int aOff, float[] b, int bOff, int len) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            acc = FloatVector.fromArray(F, a, aOff + i).fma(FloatVector.fromArray(F, b, bOff + i), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            s = Math.fma(a[aOff + i], b[bOff + i], s);
        }
        return s;
    }

    @Override
    protected void axpy(float a, float[] x, int xOff, float[] y, int yOff, int len) {
        FloatVector av = FloatVector.broadcast(F, a);
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            av.fma(FloatVector.fromArray(F, x, xOff + i), FloatVector.fromArray(F, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < len; i++) {
            y[yOff + i] = Math.fma(a, x[xOff + i], y[yOff + i]);
        }
    }

    @Override
    protected void axpy(float a, float[] x, float[] y, int len) {
        axpy(a, x, 0, y, 0, len);
    }

    @Override
    protected void scale(float[] x, int off, int len, float factor) {
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            FloatVector.fromArray(F, x, off + i).mul(factor).intoArray(x, off + i);
        }
        for (; i < len; i++) {
            x[off + i] *= factor;
        }
    }

    @Override
    protected float max(float[] x, int off, int len) {
        FloatVector m = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            m = m.max(FloatVector.fromArray(F, x, off + i));
        }
        float max = m.reduceLanes(VectorOperators.MAX);
        for (; i < len; i++) {
            max = Math.max(max, x[off + i]);
        }
        return max;
    }

    @Override
    protected float expShiftedInPlace(float[] x, int off, int len, float max) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            FloatVector e = FloatVector.fromArray(F, x, off + i).sub(max).lanewise(VectorOperators.EXP);
            e.intoArray(x, off + i);
            acc = acc.add(e);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            float e = (float) Math.exp(x[off + i] - max);
            x[off + i] = e;
            sum += e;
        }
        return sum;
    }

    @Override
    protected void layerNormRow(float[] x, int off, int dim, float[] gamma, float[] beta, float eps, float[] y) {
        int lanes = FD.length();
        int bound = FD.loopBound(dim);
        DoubleVector acc = DoubleVector.zero(D);
        int i = 0;
        for (; i < bound; i += lanes) {
            acc = acc.add((DoubleVector) FloatVector.fromArray(FD, x, off + i).convertShape(VectorOperators.F2D, D, 0));
        }
        double sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < dim; i++) {
            sum += x[off + i];
        }
        double mean = sum / dim;
        acc = DoubleVector.zero(D);
        for (i = 0; i < bound; i += lanes) {
            DoubleVector d = ((DoubleVector) FloatVector.fromArray(FD, x, off + i).convertShape(VectorOperators.F2D, D, 0))
                    .sub(mean);
            acc = d.fma(d, acc);
        }
        double sq = acc.reduceLanes(VectorOperators.ADD);
        for (; i < dim; i++) {
            double d = x[off + i] - mean;
            sq += d * d;
        }
        float m = (float) mean;
        float inv = (float) (1 / Math.sqrt(sq / dim + eps));
        i = 0;
        for (int fb = F.loopBound(dim); i < fb; i += L) {
            FloatVector v = FloatVector.fromArray(F, x, off + i).sub(m).mul(inv);
            v.fma(FloatVector.fromArray(F, gamma, i), FloatVector.fromArray(F, beta, i)).intoArray(y, off + i);
        }
        for (; i < dim; i++) {
            y[off + i] = Math.fma((x[off + i] - m) * inv, gamma[i], beta[i]);
        }
    }

    @Override
    protected void geluRange(float[] x, int from, int to) {
        VectorGelu.apply(x, from, to);
    }
}
