package io.github.asr4j.profile;

/**
 * One timed region opened by {@link Profiler#begin} or {@link Profiler#op}; ended exactly once, on
 * the thread that opened it. {@link #close()} ends it without a cost, so a pass can use try-with-resources.
 */
public interface Span extends AutoCloseable {

    /** Ends the span, recording no FLOP or byte count of its own. */
    void end();

    /**
     * Ends the span, recording the arithmetic and memory traffic the op must do (computed from
     * shapes, not measured).
     *
     * @param flops floating-point operations (a multiply-add counts 2)
     * @param bytes bytes the op must read and write: weights in their stored dtype plus activations
     */
    void end(long flops, long bytes);

    @Override
    default void close() {
        end();
    }
}
