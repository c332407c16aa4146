package io.github.asr4j.kernels.cpu;

import java.util.concurrent.atomic.AtomicReference;

/**
 * One float array kept from one use of a large, short-lived buffer to the next: a window-sized
 * array allocated per call is a G1 humongous object, and a stream of them stretches the heap (and
 * with it the resident memory) although little of it is live. A single spare, not one per thread:
 * a concurrent caller that finds it taken allocates its own, so nothing is held per thread.
 */
final class SpareArray {
    private final AtomicReference<float[]> spare = new AtomicReference<>();

    /** An array of at least {@code size} floats, contents undefined; hand it back with {@link #release}. */
    float[] take(int size) {
        float[] a = takeKept();
        return a != null && a.length >= size ? a : new float[size];
    }

    /** The kept array, or null where there is none (none kept yet, or a concurrent caller has it). */
    float[] takeKept() {
        return spare.getAndSet(null);
    }

    /** Keeps {@code a} for the next {@link #take}; the caller no longer uses it. */
    void release(float[] a) {
        spare.set(a);
    }
}
