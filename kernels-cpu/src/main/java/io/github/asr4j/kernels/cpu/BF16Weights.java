package io.github.asr4j.kernels.cpu;

import static io.github.asr4j.kernels.cpu.VectorWiden.F;
import static io.github.asr4j.kernels.cpu.VectorWiden.I;
import static io.github.asr4j.kernels.cpu.VectorWiden.S;

import io.github.asr4j.loader.DType;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/** bfloat16 weights: the upper half of a float32, widened by a 16-bit shift. */
class BF16Weights extends WeightMatrix {

    BF16Weights(String name, MemorySegment data, int rows, int cols) {
        super(name, data, rows, cols, cols);
    }

    @Override
    public DType dtype() {
        return DType.BF16;
    }

    @Override
    void widen(int row, int col, int len, float[] dst, int dstOffset) {
        widenScalar(data, element(row, col), len, dst, dstOffset);
    }

    static void widenScalar(MemorySegment data, long element, int len, float[] dst, int off) {
        long base = element * 2;
        for (int i = 0; i < len; i++) {
            dst[off + i] = Float.intBitsToFloat(data.get(I16_LE, base + 2L * i) << 16);
        }
    }

    /** The Vector API kernels (loaded only by the vector backend). */
    static final class Simd extends BF16Weights {
        private static final int L = F.length();

        Simd(String name, MemorySegment data, int rows, int cols) {
            super(name, data, rows, cols);
        }

        @Override
        void widen(int row, int col, int len, float[] dst, int dstOffset) {
            widenBF16(data, element(row, col), len, dst, dstOffset);
        }

        @Override
        float dot(float[] x, int xOff, int row) {
            return dotBF16(x, xOff, data, element(row, 0), cols);
        }

        static void widenBF16(MemorySegment seg, long element, int len, float[] dst, int off) {
            long base = element * 2;
            int i = 0;
            for (int bound = F.loopBound(len); i < bound; i += F.length()) {
                IntVector bits = (IntVector) ShortVector.fromMemorySegment(S, seg, base + 2L * i, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0);
                bits.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().intoArray(dst, off + i);
            }
            for (; i < len; i++) {
                dst[off + i] = Float.intBitsToFloat(seg.get(I16_LE, base + 2L * i) << 16);
            }
        }

        /** The dot product of x with the BF16 row starting at element {@code element} (bits shifted into place). */
        private static float dotBF16(float[] x, int xOff, MemorySegment seg, long element, int len) {
            long base = element * 2;
            FloatVector c = FloatVector.zero(F);
            int k = 0;
            for (int bound = F.loopBound(len); k < bound; k += L) {
                FloatVector wv = ((IntVector) ShortVector.fromMemorySegment(S, seg, base + 2L * k, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
                c = FloatVector.fromArray(F, x, xOff + k).fma(wv, c);
            }
            float s = VectorOps.sumLanes(c);
            for (; k < len; k++) {
                s = Math.fma(x[xOff + k], Float.intBitsToFloat(seg.get(I16_LE, base + 2L * k) << 16), s);
            }
            return s;
        }
    }
}
