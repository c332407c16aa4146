package io.github.asr4j.kernels.bench;

import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Random;

/** Random inputs and weights for the benchmark programs of this package. */
final class BenchInputs {
    private BenchInputs() {}

    /** Gaussian values, N(0, 1). */
    static float[] random(int n, Random rnd) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
        return a;
    }

    /** A [rows, cols] weight (or the given shape) of N(0, 0.05) values in {@code dt}, off the heap. */
    static Tensor tensor(DType dt, int rows, int cols, Random rnd, long... shape) {
        long count = (long) rows * cols;
        MemorySegment seg = Arena.ofAuto().allocate(count * dt.byteSize(), 64);
        ValueLayout.OfFloat f32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
        ValueLayout.OfShort i16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
        for (long i = 0; i < count; i++) {
            float v = (float) (rnd.nextGaussian() * 0.05);
            switch (dt) {
                case F32 -> seg.set(f32, 4 * i, v);
                case F16 -> seg.set(i16, 2 * i, Float.floatToFloat16(v));
                default -> seg.set(i16, 2 * i, (short) (Float.floatToRawIntBits(v) >>> 16));
            }
        }
        return new Tensor("bench", dt, shape.length > 0 ? shape : new long[] {rows, cols}, seg);
    }
}
