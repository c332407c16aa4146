package io.github.asr4j.kernels;

/**
 * The element type a backend keeps a {@link Buffer} in. Activations are F32; a KV cache may be
 * F16, which halves the bytes attention reads per decoder step (values are rounded to the nearest
 * half-precision number when written, and widened exactly when read).
 */
public enum BufferType {
    F32(4),
    F16(2);

    private final int bytes;

    BufferType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }
}
