package io.github.asr4j.profile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A profiler that records every span with {@link System#nanoTime()}. Thread-safe: each thread
 * nests its own spans; {@link #snapshot()} may be taken at any time and holds the ended spans.
 *
 * <p>A layer or pass span ended without a cost of its own gets the sum of its children's FLOPs
 * and bytes, so every level of the tree carries its work. Ending a span drops the spans still open
 * inside it (abandoned when an exception passed their end), so a window's try-with-resources
 * closes cleanly after a failed pass.
 */
public final class RecordingProfiler implements Profiler {
    private final long origin = System.nanoTime();
    private final AtomicInteger nextId = new AtomicInteger();
    private final ThreadLocal<ArrayDeque<Open>> stacks = ThreadLocal.withInitial(ArrayDeque::new);
    private final List<ProfileEvent> ended = new ArrayList<>();
    private volatile String backend = "unknown";
    private volatile int threads;

    RecordingProfiler() {}

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Span begin(String name, SpanLevel level) {
        return open(name, level, null);
    }

    @Override
    public Span op(String name, OpType type) {
        return open(name, SpanLevel.OP, type);
    }

    @Override
    public void backend(String name, int threads) {
        this.backend = name;
        this.threads = threads;
    }

    /** The spans ended so far. */
    public Profile snapshot() {
        List<ProfileEvent> copy;
        synchronized (ended) {
            copy = new ArrayList<>(ended);
        }
        copy.sort(Comparator.comparingInt(ProfileEvent::id));
        return new Profile(backend, threads, copy);
    }

    /** Forgets every ended span (open spans still end normally). */
    public void clear() {
        synchronized (ended) {
            ended.clear();
        }
    }

    private Span open(String name, SpanLevel level, OpType type) {
        ArrayDeque<Open> stack = stacks.get();
        Open parent = stack.peek();
        Open span = new Open(nextId.getAndIncrement(), parent, name, level, type, stack);
        stack.push(span);
        span.start = System.nanoTime();
        return span;
    }

    private final class Open implements Span {
        final int id;
        final Open parent;
        final String name;
        final SpanLevel level;
        final OpType type;
        final ArrayDeque<Open> stack;
        long start;
        long childFlops;
        long childBytes;
        boolean done;

        Open(int id, Open parent, String name, SpanLevel level, OpType type, ArrayDeque<Open> stack) {
            this.id = id;
            this.parent = parent;
            this.name = name;
            this.level = level;
            this.type = type;
            this.stack = stack;
        }

        @Override
        public void end() {
            finish(childFlops, childBytes);
        }

        @Override
        public void end(long flops, long bytes) {
            finish(flops, bytes);
        }

        private void finish(long flops, long bytes) {
            long now = System.nanoTime();
            if (done) {
                throw new IllegalStateException("span '" + name + "' ended twice");
            }
            if (!stack.contains(this)) {
                throw new IllegalStateException("span '" + name + "' ended on a thread that did not begin it");
            }
            // Spans left open above this one were abandoned (an exception went past their end): drop them.
            while (stack.peek() != this) {
                stack.pop().done = true;
            }
            done = true;
            stack.pop();
            if (parent != null) {
                parent.childFlops += flops;
                parent.childBytes += bytes;
            }
            ProfileEvent e = new ProfileEvent(id, parent == null ? -1 : parent.id, name, level, type,
                    start - origin, now - start, flops, bytes, Thread.currentThread().threadId());
            synchronized (ended) {
                ended.add(e);
            }
        }
    }
}
