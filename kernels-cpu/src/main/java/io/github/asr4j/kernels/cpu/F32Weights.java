package io.github.asr4j.kernels.cpu;

import static io.github.asr4j.kernels.cpu.VectorWiden.F;

import io.github.asr4j.loader.DType;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;

/** Float32 weights: rows are copied as they are; {@link Simd} takes dot products straight from the segment. */
class F32Weights extends WeightMatrix {

    F32Weights(String name, MemorySegment data, int rows, int cols) {
        super(name, data, rows, cols, cols);
    }

    @Override
    public DType dtype() {
        return DType.F32;
    }

    @Override
    void widen(int row, int col, int len, float[] dst, int dstOffset) {
        MemorySegment.copy(data, F32_LE, 4 * element(row, col), dst, dstOffset, len);
    }

    /** The Vector API kernels (loaded only by the vector backend). */
    static final class Simd extends F32Weights {
        private static final int L = F.length();

        Simd(String name, MemorySegment data, int rows, int cols) {
            super(name, data, rows, cols);
        }

        @Override
        float dot(float[] x, int xOff, int row) {
            return dotF32(x, xOff, data, element(row, 0), cols);
        }

        @Override
        void dots(float[] x, int xOff, int xStride, int n, int row, float[] sums) {
            if (n == DOT_ROWS) {
                dots4F32(x, xOff, xStride, data, element(row, 0), cols, sums);
            } else {
                super.dots(x, xOff, xStride, n, row, sums);
            }
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
                s = Math.fma(x[xOff + k], seg.get(F32_LE, base + 4L * k), s);
            }
            return s;
        }

        /**
         * {@link #dotF32} of four input rows {@code xOff + i·xStride} with one F32 row, each weight
         * vector loaded once and every sum accumulated exactly as {@link #dotF32} does it.
         */
        private static void dots4F32(float[] x, int xOff, int xStride, MemorySegment seg, long element, int len,
                                     float[] sums) {
            long base = element * 4;
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
            int k = 0;
            for (int bound = len - 2 * L; k <= bound; k += 2 * L) {
                FloatVector w = FloatVector.fromMemorySegment(F, seg, base + 4L * k, ByteOrder.LITTLE_ENDIAN);
                FloatVector u = FloatVector.fromMemorySegment(F, seg, base + 4L * (k + L), ByteOrder.LITTLE_ENDIAN);
                e0 = FloatVector.fromArray(F, x, x0 + k).fma(w, e0);
                e1 = FloatVector.fromArray(F, x, x1 + k).fma(w, e1);
                e2 = FloatVector.fromArray(F, x, x2 + k).fma(w, e2);
                e3 = FloatVector.fromArray(F, x, x3 + k).fma(w, e3);
                o0 = FloatVector.fromArray(F, x, x0 + k + L).fma(u, o0);
                o1 = FloatVector.fromArray(F, x, x1 + k + L).fma(u, o1);
                o2 = FloatVector.fromArray(F, x, x2 + k + L).fma(u, o2);
                o3 = FloatVector.fromArray(F, x, x3 + k + L).fma(u, o3);
            }
            // VectorOps.sumLanes' folds, written out: four calls with vector arguments in one method
            // were not all inlined, and each boxed its vector (measured: ~5 MB allocated per beam per step).
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
            for (; k < len; k++) {
                float w = seg.get(F32_LE, base + 4L * k);
                s0 = Math.fma(x[x0 + k], w, s0);
                s1 = Math.fma(x[x1 + k], w, s1);
                s2 = Math.fma(x[x2 + k], w, s2);
                s3 = Math.fma(x[x3 + k], w, s3);
            }
            sums[0] = s0;
            sums[1] = s1;
            sums[2] = s2;
            sums[3] = s3;
        }
    }
}
