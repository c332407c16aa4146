package io.github.asr4j.kernels;

/**
 * A kind of compute backend, found with {@link java.util.ServiceLoader} (a module's
 * {@code META-INF/services/io.github.asr4j.kernels.BackendProvider}): the CPU backends live in
 * {@code asr4j-kernels-cpu}, and an accelerator backend is one more module on the class path that
 * nothing else names. {@link Backends} creates backends through these.
 */
public interface BackendProvider {

    /** The name a backend is asked for by, e.g. {@code "cpu"}, {@code "cpu-scalar"}. */
    String name();

    /** Preference when no name is given: the usable provider with the highest priority wins. */
    int priority();

    /** Why this provider cannot create a backend in this JVM (a module or a device is missing), or null when it can. */
    String unavailableReason();

    /**
     * A new backend with {@code threads} worker threads keeping weight matrices in {@code format}.
     *
     * @throws IllegalStateException when {@link #unavailableReason()} is not null
     */
    Backend create(int threads, WeightFormat format);
}
