package io.github.asr4j.kernels.cpu;

import java.util.Arrays;

/**
 * The cosines and sines by which rotary embedding turns each row: angle {@code positions[r] ·
 * base^(-2j/headDim)} in double, its sine and cosine by {@link StrictMath} rounded once to float.
 * A forward pass rotates the queries and keys of every layer at the same positions (a 28-layer
 * decoder step: 56 calls, each 64 {@code pow}, 64 {@code cos} and 64 {@code sin} at head size 128),
 * so the last table is kept per calling thread and reused while the arguments match: the same
 * floats, computed once.
 */
final class RopeTable {
    private static final ThreadLocal<RopeTable> LAST = new ThreadLocal<>();
    /** Rows per task when a long prompt's table is computed. */
    private static final int ROW_BLOCK = 16;

    private final int headDim;
    private final float base;
    private final int[] positions;
    /** {@code [rows, headDim / 2]}. */
    final float[] cos;
    final float[] sin;

    private RopeTable(int headDim, float base, int[] positions, WorkerPool pool) {
        this.headDim = headDim;
        this.base = base;
        this.positions = positions.clone();
        int half = headDim / 2;
        double[] inverseFrequency = new double[half];
        for (int j = 0; j < half; j++) {
            inverseFrequency[j] = StrictMath.pow(base, -2.0 * j / headDim);
        }
        int rows = positions.length;
        cos = new float[rows * half];
        sin = new float[rows * half];
        pool.parallelFor(CpuBackend.blocks(rows, ROW_BLOCK), b -> {
            for (int r = b * ROW_BLOCK, end = Math.min(rows, (b + 1) * ROW_BLOCK); r < end; r++) {
                for (int j = 0; j < half; j++) {
                    double angle = this.positions[r] * inverseFrequency[j];
                    cos[r * half + j] = (float) StrictMath.cos(angle);
                    sin[r * half + j] = (float) StrictMath.sin(angle);
                }
            }
        });
    }

    /** This thread's last table if it was made for these arguments, else a new one (kept as the last). */
    static RopeTable of(int headDim, int[] positions, float base, WorkerPool pool) {
        RopeTable t = LAST.get();
        if (t == null || t.headDim != headDim || Float.compare(t.base, base) != 0 || !Arrays.equals(t.positions, positions)) {
            t = new RopeTable(headDim, base, positions, pool);
            LAST.set(t);
        }
        return t;
    }
}
