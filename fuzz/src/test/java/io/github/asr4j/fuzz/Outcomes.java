package io.github.asr4j.fuzz;

import java.util.List;

/**
 * The one rule every fuzz target checks: a parser given any bytes either returns or throws one of
 * its documented exception types. Anything else (another runtime exception, an Error such as
 * OutOfMemoryError or StackOverflowError) escapes to Jazzer, which records the input as a finding;
 * a hang is caught by Jazzer's per-input timeout.
 */
public final class Outcomes {
    private Outcomes() {}

    /**
     * An input slower than this is a finding too: a parser must fail fast on garbage. Generous,
     * because a shared CI machine can be slow; a hang (the real target) takes forever.
     */
    private static final long SLOW_NANOS = 30_000_000_000L;
    /** The first inputs of a JVM also pay for class loading, instrumentation and the JIT: not timed. */
    private static final int WARM_UP_INPUTS = 20;
    private static final java.util.concurrent.atomic.AtomicInteger SEEN = new java.util.concurrent.atomic.AtomicInteger();

    @SafeVarargs
    public static void expectTyped(Runnable parse, Class<? extends RuntimeException>... allowed) {
        long start = System.nanoTime();
        try {
            parse.run();
            requireQuick(start);
        } catch (RuntimeException e) {
            requireQuick(start);
            for (Class<? extends RuntimeException> type : List.of(allowed)) {
                if (type.isInstance(e)) {
                    if (e.getMessage() == null || e.getMessage().isBlank()) {
                        throw new AssertionError("typed exception without a message", e);
                    }
                    return;
                }
            }
            throw e;
        }
    }

    private static void requireQuick(long start) {
        long took = System.nanoTime() - start;
        if (SEEN.incrementAndGet() > WARM_UP_INPUTS && took > SLOW_NANOS) {
            throw new AssertionError("one input took " + took / 1_000_000 + " ms");
        }
    }
}
