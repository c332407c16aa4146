package io.github.asr4j.fuzz;

import java.util.List;

/**
 * The one rule every fuzz target checks: a parser given any bytes either returns or throws one of
 * its documented exception types. Anything else (another runtime exception, an Error such as
 * OutOfMemoryError or StackOverflowError) escapes to Jazzer, which records the input as a finding;
 * a hang is caught by Jazzer's per-input timeout.
 */
final class Outcomes {
    private Outcomes() {}

    /** An input slower than this is a finding too: a parser must fail fast on garbage. */
    private static final long SLOW_NANOS = 5_000_000_000L;

    @SafeVarargs
    static void expectTyped(Runnable parse, Class<? extends RuntimeException>... allowed) {
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
        if (took > SLOW_NANOS) {
            throw new AssertionError("one input took " + took / 1_000_000 + " ms");
        }
    }
}
