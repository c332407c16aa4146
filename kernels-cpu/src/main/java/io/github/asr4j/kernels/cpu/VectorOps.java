package io.github.asr4j.kernels.cpu;

import static io.github.asr4j.kernels.cpu.VectorBackend.D;
import static io.github.asr4j.kernels.cpu.VectorBackend.F;
import static io.github.asr4j.kernels.cpu.VectorBackend.FD;
import static io.github.asr4j.kernels.cpu.VectorBackend.L;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD versions of {@link CpuBackend}'s row primitives. Each keeps a fixed reduction order for a
 * given length. Vector values never cross a method boundary (an un-inlined call would box them).
 */
final class VectorOps {
    private VectorOps() {}

    /** {@link #sumLanes(FloatVector)}'s shuffles, for kernels that must fold in place (see {@code F16Weights.Simd#dots4F16}). */
    static final VectorShuffle<Float>[] FLOAT_FOLDS = folds(F);
    private static final VectorShuffle<Double>[] DOUBLE_FOLDS = folds(D);

    /** Shuffles moving lane i + w to lane i, for every power of two w below the lane count. */
    @SuppressWarnings("unchecked")
    private static <E> VectorShuffle<E>[] folds(VectorSpecies<E> species) {
        int lanes = species.length();
        VectorShuffle<E>[] folds = new VectorShuffle[lanes];
        for (int w = 1; w < lanes; w *= 2) {
            int width = w;
            folds[w] = VectorShuffle.fromOp(species, i -> (i + width) % lanes);
        }
        return folds;
    }

    /**
     * The sum of the lanes in a fixed pairwise order. {@code reduceLanes(ADD)} leaves the order
     * open, and HotSpot's intrinsic and its Java fallback do differ, so a result would change with
     * JIT warm-up; lane-wise adds are exact IEEE operations either way.
     */
    static float sumLanes(FloatVector v) {
        for (int w = v.length() / 2; w >= 1; w /= 2) {
            v = v.add(v.rearrange(FLOAT_FOLDS[w]));
        }
        return v.lane(0);
    }

    /** As {@link #sumLanes(FloatVector)} for doubles. */
    static double sumLanes(DoubleVector v) {
        for (int w = v.length() / 2; w >= 1; w /= 2) {
            v = v.add(v.rearrange(DOUBLE_FOLDS[w]));
        }
        return v.lane(0);
    }


    static float dot(float[] a, int aOff, float[] b, int bOff, int len) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            acc = FloatVector.fromArray(F, a, aOff + i).fma(FloatVector.fromArray(F, b, bOff + i), acc);
        }
        float s = sumLanes(acc);
        for (; i < len; i++) {
            s = Math.fma(a[aOff + i], b[bOff + i], s);
        }
        return s;
    }

    static void axpy(float a, float[] x, int xOff, float[] y, int yOff, int len) {
        FloatVector av = FloatVector.broadcast(F, a);
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            av.fma(FloatVector.fromArray(F, x, xOff + i), FloatVector.fromArray(F, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < len; i++) {
            y[yOff + i] = Math.fma(a, x[xOff + i], y[yOff + i]);
        }
    }

    /** As {@link #dot} over half-precision {@code b}. */
    static float dotF16(float[] a, int aOff, short[] b, int bOff, int len) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            FloatVector w = VectorWiden.half(VectorWiden.halves(b, bOff + i), true);
            acc = FloatVector.fromArray(F, a, aOff + i).fma(w, acc);
        }
        float s = sumLanes(acc);
        for (; i < len; i++) {
            s = Math.fma(a[aOff + i], Float.float16ToFloat(b[bOff + i]), s);
        }
        return s;
    }

    /** Whether {@link #dots16} and {@link #dots16F16} apply: sixteen lanes (one key per lane after the fold) and whole vectors per row. */
    static boolean dots16Fit(int len) {
        return L == 16 && len % L == 0;
    }

    /** Lane i takes lane i - w (mod the lane count); {@link #FLOAT_FOLDS} take lane i + w. */
    private static final VectorShuffle<Float>[] FLOAT_UNFOLDS = unfolds();
    /** Lanes whose index has bit w set. */
    private static final jdk.incubator.vector.VectorMask<Float>[] UPPER = uppers();

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] unfolds() {
        VectorShuffle<Float>[] s = new VectorShuffle[L];
        for (int w = 1; w < L; w *= 2) {
            int width = w;
            s[w] = VectorShuffle.fromOp(F, i -> (i - width + L) % L);
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static jdk.incubator.vector.VectorMask<Float>[] uppers() {
        jdk.incubator.vector.VectorMask<Float>[] m = new jdk.incubator.vector.VectorMask[L];
        for (int w = 1; w < L; w *= 2) {
            boolean[] bits = new boolean[L];
            for (int i = 0; i < L; i++) {
                bits[i] = (i & w) != 0;
            }
            m[w] = jdk.incubator.vector.VectorMask.fromArray(F, bits, 0);
        }
        return m;
    }

    /**
     * One step of {@link #sumLanes}' fold for two vectors at once: lanes without bit {@code w} take
     * {@code p[i] + p[i + w]} (p's fold), lanes with it {@code q[i - w] + q[i]} (q's fold, moved up
     * by w). Four such levels over sixteen vectors leave lane k holding vector k's {@link #sumLanes},
     * each lane sum made of the same adds in the same order.
     */
    private static FloatVector foldPair(FloatVector p, FloatVector q, int w) {
        FloatVector x = p.blend(q.rearrange(FLOAT_UNFOLDS[w]), UPPER[w]);
        FloatVector y = p.rearrange(FLOAT_FOLDS[w]).blend(q, UPPER[w]);
        return x.add(y);
    }

    /**
     * {@code out[outOff + j] = dot(q, qOff, k, kOff + j·stride, len)·scale} for the sixteen keys
     * {@code j < 16}, bit-identical to {@link #dot} then the scale, with the sixteen lane folds done
     * together ({@link #foldPair}: 15 pair steps instead of 16 × 4 folds and lane reads). Needs {@link #dots16Fit}.
     */
    static void dots16(float[] q, int qOff, float[] k, int kOff, int stride, int len, float scale, float[] out, int outOff) {
        FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        FloatVector a8 = a0, a9 = a0, a10 = a0, a11 = a0, a12 = a0, a13 = a0, a14 = a0, a15 = a0;
        for (int c = 0, kc = kOff; c < len; c += L, kc += L) {
            FloatVector qv = FloatVector.fromArray(F, q, qOff + c);
            a0 = qv.fma(FloatVector.fromArray(F, k, kc), a0);
            a1 = qv.fma(FloatVector.fromArray(F, k, kc + stride), a1);
            a2 = qv.fma(FloatVector.fromArray(F, k, kc + 2 * stride), a2);
            a3 = qv.fma(FloatVector.fromArray(F, k, kc + 3 * stride), a3);
            a4 = qv.fma(FloatVector.fromArray(F, k, kc + 4 * stride), a4);
            a5 = qv.fma(FloatVector.fromArray(F, k, kc + 5 * stride), a5);
            a6 = qv.fma(FloatVector.fromArray(F, k, kc + 6 * stride), a6);
            a7 = qv.fma(FloatVector.fromArray(F, k, kc + 7 * stride), a7);
            a8 = qv.fma(FloatVector.fromArray(F, k, kc + 8 * stride), a8);
            a9 = qv.fma(FloatVector.fromArray(F, k, kc + 9 * stride), a9);
            a10 = qv.fma(FloatVector.fromArray(F, k, kc + 10 * stride), a10);
            a11 = qv.fma(FloatVector.fromArray(F, k, kc + 11 * stride), a11);
            a12 = qv.fma(FloatVector.fromArray(F, k, kc + 12 * stride), a12);
            a13 = qv.fma(FloatVector.fromArray(F, k, kc + 13 * stride), a13);
            a14 = qv.fma(FloatVector.fromArray(F, k, kc + 14 * stride), a14);
            a15 = qv.fma(FloatVector.fromArray(F, k, kc + 15 * stride), a15);
        }
        fold16(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15).mul(scale).intoArray(out, outOff);
    }

    /** As {@link #dots16} over half-precision keys. */
    static void dots16F16(float[] q, int qOff, short[] k, int kOff, int stride, int len, float scale, float[] out, int outOff) {
        FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        FloatVector a8 = a0, a9 = a0, a10 = a0, a11 = a0, a12 = a0, a13 = a0, a14 = a0, a15 = a0;
        for (int c = 0, kc = kOff; c < len; c += L, kc += L) {
            FloatVector qv = FloatVector.fromArray(F, q, qOff + c);
            a0 = qv.fma(VectorWiden.half(VectorWiden.halves(k, kc), true), a0);
            a1 = qv.fma(VectorWiden.half(VectorWiden.halves(k, kc + stride), true), a1);
            a2 = qv.fma(VectorWiden.half(VectorWiden.halves(k, kc + 2 * stride), true), a2);
            a3 = qv.fma(VectorWiden.half(VectorWiden.halves(k, kc + 3 * stride), true), a3);
            a4 = qv.fma(VectorWiden.half(VectorWiden.halves(k, kc + 4 * stride), true), a4);
            a5 = qv.fma(VectorWiden.half(VectorWiden.halves(k, kc + 5 * stride), true), a5);
            a6 = qv.fma(VectorWiden.half(VectorWiden.halves(k, kc + 6 * stride), true), a6);
            a7 = qv.fma(VectorWiden.half(VectorWiden.halves(k, kc + 7 * stride), true), a7);
            a8 = qv.fma(VectorWiden.half(VectorWiden.halves(k, kc + 8 * stride), true), a8);
            a9 = qv.fma(VectorWiden.half(VectorWiden.halves(k, kc + 9 * stride), true), a9);
            a10 = qv.fma(VectorWiden.half(VectorWiden.halves(k, kc + 10 * stride), true), a10);
            a11 = qv.fma(VectorWiden.half(VectorWiden.halves(k, kc + 11 * stride), true), a11);
            a12 = qv.fma(VectorWiden.half(VectorWiden.halves(k, kc + 12 * stride), true), a12);
            a13 = qv.fma(VectorWiden.half(VectorWiden.halves(k, kc + 13 * stride), true), a13);
            a14 = qv.fma(VectorWiden.half(VectorWiden.halves(k, kc + 14 * stride), true), a14);
            a15 = qv.fma(VectorWiden.half(VectorWiden.halves(k, kc + 15 * stride), true), a15);
        }
        fold16(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15).mul(scale).intoArray(out, outOff);
    }

    /** Lane k: {@link #sumLanes} of the k-th argument. */
    private static FloatVector fold16(FloatVector a0, FloatVector a1, FloatVector a2, FloatVector a3, FloatVector a4,
                                      FloatVector a5, FloatVector a6, FloatVector a7, FloatVector a8, FloatVector a9,
                                      FloatVector a10, FloatVector a11, FloatVector a12, FloatVector a13, FloatVector a14,
                                      FloatVector a15) {
        FloatVector b0 = foldPair(a0, a8, 8);
        FloatVector b1 = foldPair(a1, a9, 8);
        FloatVector b2 = foldPair(a2, a10, 8);
        FloatVector b3 = foldPair(a3, a11, 8);
        FloatVector b4 = foldPair(a4, a12, 8);
        FloatVector b5 = foldPair(a5, a13, 8);
        FloatVector b6 = foldPair(a6, a14, 8);
        FloatVector b7 = foldPair(a7, a15, 8);
        FloatVector c0 = foldPair(b0, b4, 4);
        FloatVector c1 = foldPair(b1, b5, 4);
        FloatVector c2 = foldPair(b2, b6, 4);
        FloatVector c3 = foldPair(b3, b7, 4);
        return foldPair(foldPair(c0, c2, 2), foldPair(c1, c3, 2), 1);
    }

    /** {@code dst[dstOff + i] = src[srcOff + i]} widened from half precision, decoded as {@link #dotF16} does. */
    static void widenF16(short[] src, int srcOff, float[] dst, int dstOff, int len) {
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            VectorWiden.half(VectorWiden.halves(src, srcOff + i), true).intoArray(dst, dstOff + i);
        }
        for (; i < len; i++) {
            dst[dstOff + i] = Float.float16ToFloat(src[srcOff + i]);
        }
    }

    /** As {@link #axpy} over half-precision {@code x}. */
    static void axpyF16(float a, short[] x, int xOff, float[] y, int yOff, int len) {
        FloatVector av = FloatVector.broadcast(F, a);
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            FloatVector w = VectorWiden.half(VectorWiden.halves(x, xOff + i), true);
            av.fma(w, FloatVector.fromArray(F, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < len; i++) {
            y[yOff + i] = Math.fma(a, Float.float16ToFloat(x[xOff + i]), y[yOff + i]);
        }
    }

    /**
     * {@code out[outOff + c] += Σ w[wOff + j]·x[xOff + j·stride + c]} for {@code c < len}, keys
     * {@code j < n} in order: the same fused multiply-adds in the same order per element as
     * {@code n} calls of {@link #axpy} (so bit-identical to them), with each output vector held in
     * a register over all the keys instead of stored and reloaded key by key.
     */
    static void weightedRows(float[] w, int wOff, int n, float[] x, int xOff, int stride, float[] out, int outOff, int len) {
        int c = 0;
        for (; c + 4 * L <= len; c += 4 * L) {
            FloatVector y0 = FloatVector.fromArray(F, out, outOff + c);
            FloatVector y1 = FloatVector.fromArray(F, out, outOff + c + L);
            FloatVector y2 = FloatVector.fromArray(F, out, outOff + c + 2 * L);
            FloatVector y3 = FloatVector.fromArray(F, out, outOff + c + 3 * L);
            for (int j = 0, xj = xOff + c; j < n; j++, xj += stride) {
                FloatVector a = FloatVector.broadcast(F, w[wOff + j]);
                y0 = a.fma(FloatVector.fromArray(F, x, xj), y0);
                y1 = a.fma(FloatVector.fromArray(F, x, xj + L), y1);
                y2 = a.fma(FloatVector.fromArray(F, x, xj + 2 * L), y2);
                y3 = a.fma(FloatVector.fromArray(F, x, xj + 3 * L), y3);
            }
            y0.intoArray(out, outOff + c);
            y1.intoArray(out, outOff + c + L);
            y2.intoArray(out, outOff + c + 2 * L);
            y3.intoArray(out, outOff + c + 3 * L);
        }
        for (int bound = F.loopBound(len); c < bound; c += L) {
            FloatVector y = FloatVector.fromArray(F, out, outOff + c);
            for (int j = 0, xj = xOff + c; j < n; j++, xj += stride) {
                y = FloatVector.broadcast(F, w[wOff + j]).fma(FloatVector.fromArray(F, x, xj), y);
            }
            y.intoArray(out, outOff + c);
        }
        for (; c < len; c++) {
            float y = out[outOff + c];
            for (int j = 0, xj = xOff + c; j < n; j++, xj += stride) {
                y = Math.fma(w[wOff + j], x[xj], y);
            }
            out[outOff + c] = y;
        }
    }

    /** As {@link #weightedRows} over half-precision {@code x}: bit-identical to {@code n} calls of {@link #axpyF16}. */
    static void weightedRowsF16(float[] w, int wOff, int n, short[] x, int xOff, int stride, float[] out, int outOff, int len) {
        int c = 0;
        for (; c + 4 * L <= len; c += 4 * L) {
            FloatVector y0 = FloatVector.fromArray(F, out, outOff + c);
            FloatVector y1 = FloatVector.fromArray(F, out, outOff + c + L);
            FloatVector y2 = FloatVector.fromArray(F, out, outOff + c + 2 * L);
            FloatVector y3 = FloatVector.fromArray(F, out, outOff + c + 3 * L);
            for (int j = 0, xj = xOff + c; j < n; j++, xj += stride) {
                FloatVector a = FloatVector.broadcast(F, w[wOff + j]);
                y0 = a.fma(VectorWiden.half(VectorWiden.halves(x, xj), true), y0);
                y1 = a.fma(VectorWiden.half(VectorWiden.halves(x, xj + L), true), y1);
                y2 = a.fma(VectorWiden.half(VectorWiden.halves(x, xj + 2 * L), true), y2);
                y3 = a.fma(VectorWiden.half(VectorWiden.halves(x, xj + 3 * L), true), y3);
            }
            y0.intoArray(out, outOff + c);
            y1.intoArray(out, outOff + c + L);
            y2.intoArray(out, outOff + c + 2 * L);
            y3.intoArray(out, outOff + c + 3 * L);
        }
        for (int bound = F.loopBound(len); c < bound; c += L) {
            FloatVector y = FloatVector.fromArray(F, out, outOff + c);
            for (int j = 0, xj = xOff + c; j < n; j++, xj += stride) {
                y = FloatVector.broadcast(F, w[wOff + j]).fma(VectorWiden.half(VectorWiden.halves(x, xj), true), y);
            }
            y.intoArray(out, outOff + c);
        }
        for (; c < len; c++) {
            float y = out[outOff + c];
            for (int j = 0, xj = xOff + c; j < n; j++, xj += stride) {
                y = Math.fma(w[wOff + j], Float.float16ToFloat(x[xj]), y);
            }
            out[outOff + c] = y;
        }
    }

    static void scale(float[] x, int off, int len, float factor) {
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            FloatVector.fromArray(F, x, off + i).mul(factor).intoArray(x, off + i);
        }
        for (; i < len; i++) {
            x[off + i] *= factor;
        }
    }

    static float max(float[] x, int off, int len) {
        // Four running maxima: Java's max (NaN and -0 rules) is several instructions on x86, so
        // one chain would wait on each; the maximum does not depend on the order.
        FloatVector m0 = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        FloatVector m1 = m0;
        FloatVector m2 = m0;
        FloatVector m3 = m0;
        int i = 0;
        for (int bound = len - 4 * L; i <= bound; i += 4 * L) {
            m0 = m0.max(FloatVector.fromArray(F, x, off + i));
            m1 = m1.max(FloatVector.fromArray(F, x, off + i + L));
            m2 = m2.max(FloatVector.fromArray(F, x, off + i + 2 * L));
            m3 = m3.max(FloatVector.fromArray(F, x, off + i + 3 * L));
        }
        for (int bound = F.loopBound(len); i < bound; i += L) {
            m0 = m0.max(FloatVector.fromArray(F, x, off + i));
        }
        float max = m0.max(m1).max(m2.max(m3)).reduceLanes(VectorOperators.MAX);
        for (; i < len; i++) {
            max = Math.max(max, x[off + i]);
        }
        return max;
    }

    static float expShiftedInPlace(float[] x, int off, int len, float max) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            FloatVector e = VectorExp.exp(FloatVector.fromArray(F, x, off + i).sub(max));
            e.intoArray(x, off + i);
            acc = acc.add(e);
        }
        float sum = sumLanes(acc);
        for (; i < len; i++) {
            float e = (float) Math.exp(x[off + i] - max);
            x[off + i] = e;
            sum += e;
        }
        return sum;
    }

    /** {@code x[i] = exp((x[i] - max)·scale)} over the range; returns the sum of the results. */
    static float expScaledInPlace(float[] x, int off, int len, float max, float scale) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += L) {
            FloatVector e = VectorExp.exp(FloatVector.fromArray(F, x, off + i).sub(max).mul(scale));
            e.intoArray(x, off + i);
            acc = acc.add(e);
        }
        float sum = sumLanes(acc);
        for (; i < len; i++) {
            float e = (float) Math.exp((x[off + i] - max) * scale);
            x[off + i] = e;
            sum += e;
        }
        return sum;
    }

    static void layerNormRow(float[] x, int off, int dim, float[] gamma, float[] beta, float eps, float[] y) {
        int lanes = FD.length();
        int bound = FD.loopBound(dim);
        DoubleVector acc = DoubleVector.zero(D);
        int i = 0;
        for (; i < bound; i += lanes) {
            acc = acc.add((DoubleVector) FloatVector.fromArray(FD, x, off + i).convertShape(VectorOperators.F2D, D, 0));
        }
        double sum = sumLanes(acc);
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
        double sq = sumLanes(acc);
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
}
