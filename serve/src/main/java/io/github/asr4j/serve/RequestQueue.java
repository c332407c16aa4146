package io.github.asr4j.serve;

import io.github.asr4j.SharedDecoding;
import io.github.asr4j.TranscribeOptions;
import io.github.asr4j.Transcript;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's work: a bounded queue of transcriptions and a fixed set of workers, one per batch
 * place, all stepping through one {@link SharedDecoding} so that the requests in flight share each
 * decoder pass. A full queue refuses at once (the caller answers 429); a job cancelled while
 * queued never runs, and one cancelled while running stops at its next decoder step.
 */
final class RequestQueue {
    private final SharedDecoding decoding;
    private final BlockingQueue<Job> waiting;
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong serviceNanos = new AtomicLong();
    private volatile boolean accepting = true;

    /** Counters since start, for {@code /health} and tests. */
    record Stats(int waiting, int running, long completed, long failed, long cancelled, long rejected) {}

    /**
     * @param workers how many transcriptions run at once (the batch size)
     * @param capacity how many more may wait for a worker
     */
    RequestQueue(SharedDecoding decoding, int workers, int capacity) {
        this.decoding = decoding;
        this.waiting = new ArrayBlockingQueue<>(capacity);
        for (int i = 0; i < workers; i++) {
            this.workers.add(Thread.ofPlatform().name("asr4j-serve-" + i).start(this::work));
        }
    }

    /** One queued transcription; {@link #result} completes on a worker thread. */
    final class Job {
        final Path audio;
        final TranscribeOptions options;
        final CompletableFuture<Transcript> result = new CompletableFuture<>();
        private volatile boolean cancel;
        private volatile double durationSeconds;

        private Job(Path audio, TranscribeOptions options) {
            this.audio = audio;
            this.options = options;
        }

        /** Stops the job: dropped if still waiting, else ended at its next decoder step. */
        void cancel() {
            cancel = true;
            if (waiting.remove(this)) {
                finishCancelled();
            }
        }

        /** The audio's length as the transcription measured it (0 before it ran). */
        double durationSeconds() {
            return durationSeconds;
        }

        private void finishCancelled() {
            cancelled.incrementAndGet();
            result.completeExceptionally(new CancellationException("the client went away"));
        }
    }

    /**
     * @return the queued job, or null when the queue is full
     * @throws IllegalStateException when shutting down
     */
    synchronized Job submit(Path audio, TranscribeOptions options) {
        if (!accepting) {
            throw new IllegalStateException("shutting down");
        }
        Job job = new Job(audio, options);
        if (!waiting.offer(job)) {
            rejected.incrementAndGet();
            return null;
        }
        return job;
    }

    boolean accepting() {
        return accepting;
    }

    /** Seconds a refused client should wait: the queue's expected drain time, at least one. */
    long retryAfterSeconds() {
        long done = Math.max(1, completed.get() + failed.get());
        double perJob = serviceNanos.get() / 1e9 / done;
        return Math.max(1, (long) Math.ceil(perJob * (waiting.size() + 1) / workers.size()));
    }

    Stats stats() {
        return new Stats(waiting.size(), running.get(), completed.get(), failed.get(), cancelled.get(), rejected.get());
    }

    /**
     * Takes no new jobs, lets every accepted one finish, then stops the workers.
     *
     * @return whether all finished within {@code timeoutMillis}
     */
    boolean drain(long timeoutMillis) throws InterruptedException {
        synchronized (this) {
            accepting = false; // under submit's lock: no job lands after a worker saw the queue empty
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (Thread t : workers) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
        return workers.stream().noneMatch(Thread::isAlive);
    }

    private void work() {
        while (accepting || !waiting.isEmpty()) {
            Job job;
            try {
                job = waiting.poll(100, TimeUnit.MILLISECONDS); // wakes to notice a drain
            } catch (InterruptedException e) {
                return;
            }
            if (job != null) {
                run(job);
            }
        }
    }

    private void run(Job job) {
        if (job.cancel) {
            job.finishCancelled();
            return;
        }
        long start = System.nanoTime();
        running.incrementAndGet();
        try {
            Transcript t = decoding.transcribe(job.audio, job.options, (done, total) -> job.durationSeconds = total,
                    () -> job.cancel);
            completed.incrementAndGet();
            job.result.complete(t);
        } catch (CancellationException e) {
            job.finishCancelled();
        } catch (RuntimeException | Error e) {
            failed.incrementAndGet();
            job.result.completeExceptionally(e);
        } finally {
            running.decrementAndGet();
            serviceNanos.addAndGet(System.nanoTime() - start);
        }
    }
}
