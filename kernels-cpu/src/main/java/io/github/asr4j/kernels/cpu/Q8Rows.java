package io.github.asr4j.kernels.cpu;

/**
 * Rows of a {@link io.github.asr4j.kernels.BufferType#Q8} buffer to and from floats, in either of
 * its layouts (rows or {@link CpuBuffer#tiled}). A row is quantized in blocks of
 * {@link CpuBuffer#Q8_BLOCK} columns by {@link Int8Weights}' rule for weights ({@code scale =
 * max|x| / 127}, {@code q = round(x / scale)}); a value reads back as the float product
 * {@code q · scale}, which every Q8 reader computes the same way, so all of them see the same floats.
 *
 * <p>Infinities and NaNs propagate rather than throw (a cache is written mid-transcription, and an
 * F16 cache carries them too): a block holding one gets a NaN scale and reads back NaN throughout.
 */
final class Q8Rows {
    private Q8Rows() {
    }

    /** Quantizes {@code x[xOff .. xOff + cols)} into row {@code row} of {@code d}. */
    static void quantize(float[] x, int xOff, CpuBuffer d, int row) {
        int cols = d.cols();
        int at = d.index(row, 0);
        int stride = d.stride();
        for (int b = 0, c0 = 0; c0 < cols; b++, c0 += CpuBuffer.Q8_BLOCK) {
            int c1 = Math.min(cols, c0 + CpuBuffer.Q8_BLOCK);
            float max = Int8Weights.maxAbs(x, xOff + c0, xOff + c1);   // NaN wins Math.max
            float scale = Float.isFinite(max) ? max / 127 : Float.NaN;
            float inv = scale == 0 || Float.isNaN(scale) ? 0 : 1 / scale;
            d.q8Scales[d.scaleIndex(row, b)] = scale;
            for (int c = c0; c < c1; c++) {
                d.q8[at + c * stride] = Int8Weights.quantized(x[xOff + c], inv);
            }
        }
    }

    /** Row {@code row} of {@code s} read back into {@code y[yOff .. yOff + cols)}. */
    static void dequantize(CpuBuffer s, int row, float[] y, int yOff) {
        int cols = s.cols();
        int at = s.index(row, 0);
        if (!s.tiled) {
            dequantizeRow(s.q8, at, s.q8Scales, s.scaleIndex(row, 0), cols, y, yOff);
            return;
        }
        for (int b = 0, c0 = 0; c0 < cols; b++, c0 += CpuBuffer.Q8_BLOCK) {
            int c1 = Math.min(cols, c0 + CpuBuffer.Q8_BLOCK);
            float scale = s.q8Scales[s.scaleIndex(row, b)];
            for (int c = c0; c < c1; c++) {
                y[yOff + c] = s.q8[at + c * CpuBuffer.TILE] * scale;
            }
        }
    }

    /**
     * A row of {@code cols} int8 values from {@code q[qOff]} (contiguous) read back into
     * {@code y[yOff ..]}, block b's scale at {@code scales[scalesOff + b]}.
     */
    static void dequantizeRow(byte[] q, int qOff, float[] scales, int scalesOff, int cols, float[] y, int yOff) {
        for (int b = 0, c0 = 0; c0 < cols; b++, c0 += CpuBuffer.Q8_BLOCK) {
            int c1 = Math.min(cols, c0 + CpuBuffer.Q8_BLOCK);
            float scale = scales[scalesOff + b];
            for (int c = c0; c < c1; c++) {
                y[yOff + c] = q[qOff + c] * scale;
            }
        }
    }

    /** The first {@code rows} rows of {@code s} read back row-major into {@code f}, which is returned. */
    static float[] dequantize(CpuBuffer s, int rows, float[] f) {
        for (int r = 0; r < rows; r++) {
            dequantize(s, r, f, r * s.cols());
        }
        return f;
    }

    /** Row {@code srcRow} of {@code s} into row {@code dstRow} of {@code d} as it is (values and scales, either layout). */
    static void copy(CpuBuffer s, int srcRow, CpuBuffer d, int dstRow) {
        int from = s.index(srcRow, 0);
        int to = d.index(dstRow, 0);
        for (int c = 0; c < s.cols(); c++) {
            d.q8[to + c * d.stride()] = s.q8[from + c * s.stride()];
        }
        for (int b = 0; b < CpuBackend.blocks(s.cols(), CpuBuffer.Q8_BLOCK); b++) {
            d.q8Scales[d.scaleIndex(dstRow, b)] = s.q8Scales[s.scaleIndex(srcRow, b)];
        }
    }
}
