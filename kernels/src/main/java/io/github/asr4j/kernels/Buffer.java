package io.github.asr4j.kernels;

/**
 * A row-major {@code [rows, cols]} tensor that lives in a backend (heap or native memory on the
 * CPU, device memory on an accelerator): activations, KV caches, biases and norms. Only the
 * backend that allocated a buffer reads or writes its elements; the host sees them through
 * {@link Backend#upload} and {@link Backend#download}.
 *
 * <p>Not thread-safe: a buffer belongs to one forward pass or one decoding session at a time.
 */
public interface Buffer {
    int rows();

    int cols();

    BufferType type();

    /** {@code rows · cols}. */
    default long size() {
        return (long) rows() * cols();
    }
}
