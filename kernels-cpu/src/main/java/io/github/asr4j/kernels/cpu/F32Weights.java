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
    }
}
