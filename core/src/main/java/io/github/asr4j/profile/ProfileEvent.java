package io.github.asr4j.profile;

/**
 * One ended span.
 *
 * @param id          unique within its profile, in order of opening
 * @param parentId    the enclosing span's id, or -1 for a root
 * @param name        e.g. {@code encoder.layers.3} or {@code self_attn.qkv}
 * @param level       where it sits in the tree
 * @param opType      the kind of op for {@link SpanLevel#OP} spans, otherwise null
 * @param startNanos  start, relative to the profiler's creation
 * @param durationNanos wall time
 * @param flops       FLOPs the span must do (for layers and passes: the sum of their ops)
 * @param bytes       bytes the span must move (for layers and passes: the sum of their ops)
 * @param threadId    the thread that ran it
 */
public record ProfileEvent(int id, int parentId, String name, SpanLevel level, OpType opType,
                           long startNanos, long durationNanos, long flops, long bytes, long threadId) {

    /** The category shown in traces: the op type's label, or the level in lower case. */
    public String category() {
        return opType != null ? opType.label() : level.name().toLowerCase(java.util.Locale.ROOT);
    }

    public long endNanos() {
        return startNanos + durationNanos;
    }

    /** Achieved GFLOP/s (0 when the span took no measurable time). */
    public double gflops() {
        return durationNanos > 0 ? (double) flops / durationNanos : 0;
    }

    /** Achieved GB/s (0 when the span took no measurable time). */
    public double gbPerSecond() {
        return durationNanos > 0 ? (double) bytes / durationNanos : 0;
    }
}
