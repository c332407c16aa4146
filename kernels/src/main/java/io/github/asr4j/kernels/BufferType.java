package io.github.asr4j.kernels;

/**
 * The element type a backend keeps a {@link Buffer} in. Activations are F32; a KV cache may be
 * F16, which halves the bytes attention reads per decoder step (values are rounded to the nearest
 * half-precision number when written, and widened exactly when read), or Q8, a quarter of F32.
 */
public enum BufferType {
    F32(4),
    F16(2),
    /**
     * 8-bit, for a KV cache written whole and then only read (a window's cross-attention keys and
     * values): each row quantized in blocks of 32 values along the width as q8_0 and int8 weights
     * are, {@code scale = max|x| / 127}, {@code q = round(x / scale)}, read back as {@code q · scale}
     * (so {@code |x - q·scale| ≤ scale / 2}). A block holding an infinity or NaN reads back as NaN
     * throughout. {@link #bytes} counts the int8 values; a float scale per 32 adds 1/8 byte.
     */
    Q8(1);

    private final int bytes;

    BufferType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }
}
