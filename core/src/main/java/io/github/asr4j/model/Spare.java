package io.github.asr4j.model;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One object (a set of window-sized buffers) kept from one use to the next, so that a pass per
 * window does not leave a window's worth of G1 humongous garbage behind it each time. A single
 * spare, not one per thread: a concurrent caller that finds it taken makes its own, so nothing is
 * held per thread, and what it hands back replaces the kept one.
 */
final class Spare<T> {
    private final AtomicReference<T> kept = new AtomicReference<>();

    /** The kept object, or a new one from {@code fresh} when none is kept; hand it back with {@link #release}. */
    T take(Supplier<? extends T> fresh) {
        T t = kept.getAndSet(null);
        return t != null ? t : fresh.get();
    }

    /** Keeps {@code t} for the next {@link #take}; the caller no longer uses it. */
    void release(T t) {
        kept.set(t);
    }
}
