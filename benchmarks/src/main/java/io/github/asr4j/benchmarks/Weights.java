package io.github.asr4j.benchmarks;

import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/** Random weights and activations for the kernel benchmarks, as a loaded checkpoint would hold them. */
final class Weights {
    private static final ValueLayout.OfFloat F32_LE =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16_LE =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Weights() {}

    /** Uniform values in [-scale, scale), reproducible from {@code seed}. */
    static float[] random(int n, float scale, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return a;
    }

    /**
     * A {@code [rows, cols]} weight tensor in {@code dtype} (F32, F16 or BF16) in native memory, 64-byte aligned
     * like a memory-mapped safetensors file's data usually is.
     */
    static Tensor matrix(String name, DType dtype, int rows, int cols, long seed) {
        long n = (long) rows * cols;
        MemorySegment seg = Arena.ofAuto().allocate(n * dtype.byteSize(), 64);
        SplittableRandom r = new SplittableRandom(seed);
        float scale = (float) (1 / Math.sqrt(cols));
        for (long i = 0; i < n; i++) {
            float v = (float) ((r.nextDouble() * 2 - 1) * scale);
            switch (dtype) {
                case F32 -> seg.set(F32_LE, 4 * i, v);
                case F16 -> seg.set(I16_LE, 2 * i, Float.floatToFloat16(v));
                case BF16 -> seg.set(I16_LE, 2 * i, (short) (Float.floatToRawIntBits(v) >>> 16));   // truncated: any BF16 values do
                default -> throw new IllegalArgumentException("benchmarks cover F32, F16 and BF16 weights, not " + dtype);
            }
        }
        return new Tensor(name, dtype, new long[] {rows, cols}, seg);
    }
}
