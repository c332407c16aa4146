package io.github.asr4j.kernels.cpu;

import static io.github.asr4j.kernels.cpu.VectorWiden.B;
import static io.github.asr4j.kernels.cpu.VectorWiden.F;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link Q8Rows}' read-backs with SIMD: bytes widened to float lanes ({@code B2F}, exact) and
 * multiplied by their scales, the same IEEE products as the plain loops (which C2 left scalar:
 * a greedy card step's Q8 cross attention took 7 ms against 2.4 for F16, profiled).
 */
final class VectorQ8 {
    private VectorQ8() {}

    /** Whether the vectors fit: byte lanes as many as float lanes, and whole vectors per tile row and per block. */
    static final boolean FITS = VectorWiden.INT8_SIMD && CpuBuffer.TILE % F.length() == 0
            && CpuBuffer.Q8_BLOCK % F.length() == 0;

    /** {@link Q8Rows#dequantizeTile}. */
    static void tile(byte[] q, int qOff, float[] scales, int scalesOff, int col, int len, float[] tile) {
        for (int d = 0; d < len; d++) {
            int s = scalesOff + (col + d) / CpuBuffer.Q8_BLOCK * CpuBuffer.TILE;
            int o = qOff + d * CpuBuffer.TILE;
            for (int lane = 0; lane < CpuBuffer.TILE; lane += F.length()) {
                ((FloatVector) ByteVector.fromArray(B, q, o + lane).convertShape(VectorOperators.B2F, F, 0))
                        .mul(FloatVector.fromArray(F, scales, s + lane))
                        .intoArray(tile, d * CpuBuffer.TILE + lane);
            }
        }
    }

    /** {@link Q8Rows#dequantizeRow}. */
    static void row(byte[] q, int qOff, float[] scales, int scalesOff, int cols, float[] y, int yOff) {
        for (int b = 0, c0 = 0; c0 < cols; b++, c0 += CpuBuffer.Q8_BLOCK) {
            int c1 = Math.min(cols, c0 + CpuBuffer.Q8_BLOCK);
            float scale = scales[scalesOff + b];
            int c = c0;
            for (; c + F.length() <= c1; c += F.length()) {
                ((FloatVector) ByteVector.fromArray(B, q, qOff + c).convertShape(VectorOperators.B2F, F, 0))
                        .mul(scale)
                        .intoArray(y, yOff + c);
            }
            for (; c < c1; c++) {
                y[yOff + c] = q[qOff + c] * scale;
            }
        }
    }
}
