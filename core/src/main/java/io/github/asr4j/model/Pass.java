package io.github.asr4j.model;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.profile.ActivationListener;
import io.github.asr4j.profile.CaptureSite;
import io.github.asr4j.profile.Profiler;
import io.github.asr4j.profile.ProfilingBackend;
import io.github.asr4j.profile.Scopes;
import io.github.asr4j.profile.Span;

/**
 * What one forward pass runs on: the backend (a profiling view of it when profiled), the scopes
 * the pass opens for observers, and the listener that captures values at typed sites.
 */
record Pass(Backend backend, Scopes scopes, ActivationListener listener) {

    static Pass of(Backend backend, Profiler profiler, ActivationListener listener) {
        Backend b = ProfilingBackend.wrap(backend, profiler);
        return new Pass(b, ProfilingBackend.scopes(b), listener);
    }

    Span layer(String name) {
        return scopes.layer(name);
    }

    Span block(String name) {
        return scopes.block(name);
    }

    boolean wants(CaptureSite site) {
        return listener != ActivationListener.NONE && listener.wants(site);
    }

    /** Hands the listener a host copy of {@code values} when it wants {@code site}, shaped {@code [rows, cols]}. */
    void capture(CaptureSite site, Buffer values) {
        captureRows(site, values, 0, values.rows());
    }

    /** Hands the listener a host copy of rows {@code [firstRow, firstRow + rows)} of {@code values} when it wants {@code site}. */
    void captureRows(CaptureSite site, Buffer values, int firstRow, int rows) {
        if (wants(site)) {
            float[] copy = new float[Math.multiplyExact(rows, values.cols())];
            backend.download(values, firstRow, rows, copy);
            listener.accept(site, copy, new int[] {rows, values.cols()});
        }
    }

    /** Hands the listener a host copy of {@code values}, shaped {@code shape} (the caller checked {@link #wants}). */
    void hand(CaptureSite site, Buffer values, int... shape) {
        float[] copy = new float[Math.toIntExact(values.size())];
        backend.download(values, 0, values.rows(), copy);
        listener.accept(site, copy, shape);
    }
}
