package io.github.asr4j.kernels.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A bounded set of daemon threads running {@link #parallelFor} loops.
 *
 * <p>The calling thread always works too, and helpers that have not started by the time the
 * caller runs out of work are claimed by it (so they do nothing when they do run) instead of awaited, so concurrent callers sharing one pool
 * never wait on each other's queue and a busy pool degrades to the caller doing everything.
 * Tasks are claimed dynamically; which thread runs a task does not change what the task computes,
 * so results never depend on the thread count.
 */
public final class WorkerPool implements AutoCloseable {
    private final int threads;
    private final ThreadPoolExecutor helpers;

    public WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        if (threads == 1) {
            helpers = null;
        } else {
            AtomicInteger counter = new AtomicInteger();
            helpers = new ThreadPoolExecutor(threads - 1, threads - 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    r -> {
                        Thread t = new Thread(r, "asr4j-cpu-" + counter.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
        }
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code task.accept(i)} for every {@code i} in {@code [0, tasks)}, spread over the threads. */
    public void parallelFor(int tasks, IntConsumer task) {
        if (tasks <= 0) {
            return;
        }
        if (helpers == null || tasks == 1) {
            for (int i = 0; i < tasks; i++) {
                task.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
                task.accept(i);
            }
        };
        int helperCount = Math.min(threads - 1, tasks - 1);
        List<Helper> started = new ArrayList<>(helperCount);
        for (int h = 0; h < helperCount; h++) {
            Helper helper = new Helper(worker);
            try {
                helpers.execute(helper.future);
            } catch (RejectedExecutionException e) {
                throw new IllegalStateException("backend is closed", e);
            }
            started.add(helper);
        }
        Throwable failure = null;
        try {
            worker.run();
        } catch (RuntimeException | Error e) {
            failure = e;
            next.set(tasks); // stop helpers early
        }
        for (Helper helper : started) {
            if (helper.claimed.compareAndSet(false, true)) {
                continue; // never started, and now never will: nothing to wait for
            }
            try {
                helper.future.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for worker threads", e);
            }
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    /** A helper run that either the pool starts or the caller claims first, never both. */
    private static final class Helper {
        final AtomicBoolean claimed = new AtomicBoolean();
        final FutureTask<Void> future;

        Helper(Runnable work) {
            future = new FutureTask<>(() -> {
                if (claimed.compareAndSet(false, true)) {
                    work.run();
                }
            }, null);
        }
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }
}
