package io.github.asr4j.profile;

/**
 * Receives the timed spans of forward passes. {@link #off()} is a no-op whose methods return one
 * shared {@link Span} and do nothing, so a pass run without profiling pays a few inlined calls;
 * {@link #recording()} builds the tree of {@link ProfileEvent}s.
 *
 * <p>Spans nest per thread: a span begun while another is open on the same thread is its child.
 */
public interface Profiler {

    /** The profiler that records nothing. */
    static Profiler off() {
        return NoOpProfiler.INSTANCE;
    }

    /** A new profiler that records every span (thread-safe). */
    static RecordingProfiler recording() {
        return new RecordingProfiler();
    }

    /** Whether spans are recorded; lets callers skip work whose only use is a span's name or cost. */
    boolean enabled();

    /** Opens a window, pass or layer span. */
    Span begin(String name, SpanLevel level);

    /** Opens an op span. */
    Span op(String name, OpType type);

    /** Notes the backend the passes run on, for the report header. */
    void backend(String name, int threads);
}
