package io.github.asr4j.spark;

import io.github.asr4j.Transcriber;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The transcribers of this JVM: each is loaded by the first task that needs it and shared by every
 * later task (a {@code Transcriber} is thread-safe), then closed when the JVM exits. Loading a model
 * takes seconds and its weights take memory, so an executor holds one per model and settings,
 * however many tasks and jobs it runs.
 */
final class ExecutorTranscribers {
    private static final Map<TranscriberKey, Transcriber> LOADED = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorTranscribers::closeAll, "asr4j-spark-close"));
    }

    private ExecutorTranscribers() {}

    /** The shared transcriber for {@code key}; concurrent first callers wait for one load. */
    static Transcriber get(TranscriberKey key) {
        return LOADED.computeIfAbsent(key, k -> {
            LOADS.incrementAndGet();
            return k.load();
        });
    }

    /** How many models this JVM has loaded so far (one per key, however many tasks ran). */
    static int loads() {
        return LOADS.get();
    }

    private static void closeAll() {
        LOADED.values().forEach(Transcriber::close);
        LOADED.clear();
    }
}
