package io.github.asr4j;

import io.github.asr4j.model.DecoderSession;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets several transcriptions running on their own threads share decoder passes: each
 * single-token step waits until every active worker has one pending, then all of them run as one
 * batched pass ({@link DecoderSession#stepBatch}), which reads each weight once for the whole batch.
 *
 * <p>Rounds are lockstep — the i-th step of every active worker goes into round i — and rows are
 * ordered by worker index, so which steps share a pass never depends on timing and the output of
 * a batch run is the same every time. A worker busy elsewhere (audio, encoder, a prompt) holds
 * the round until it steps or leaves.
 */
final class StepBatcher {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition roundDone = lock.newCondition();
    private final List<Request> pending = new ArrayList<>();
    private final ReentrantLock encoderTurn = new ReentrantLock(true);
    private int active;

    /** One worker's place in the rounds; {@link #close()} it when the worker stops stepping. */
    final class Worker implements AutoCloseable {
        private final int index;
        private boolean closed;

        private Worker(int index) {
            this.index = index;
        }

        /** Feeds one token to {@code session} in the next round and returns its logits. */
        float[] step(DecoderSession session, int token) {
            Request request = new Request(index, session, token);
            lock.lock();
            try {
                pending.add(request);
                runRoundIfComplete();
                while (!request.done) {
                    roundDone.awaitUninterruptibly();
                }
            } finally {
                lock.unlock();
            }
            if (request.error != null) {
                throw request.error;
            }
            return request.logits;
        }

        /**
         * Runs an encoder pass when no other worker runs one: a pass already keeps every core
         * busy, and side by side they would only share the cores and thrash the caches.
         */
        float[] encode(java.util.function.Supplier<float[]> pass) {
            encoderTurn.lock();
            try {
                return pass.get();
            } finally {
                encoderTurn.unlock();
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (!closed) {
                    closed = true;
                    active--;
                    runRoundIfComplete();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Registers a worker; rounds wait for it until it is closed. */
    Worker join(int index) {
        lock.lock();
        try {
            active++;
            return new Worker(index);
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held: runs the round once every active worker has a step pending. */
    private void runRoundIfComplete() {
        if (pending.isEmpty() || pending.size() < active) {
            return;
        }
        List<Request> round = new ArrayList<>(pending);
        pending.clear();
        round.sort(Comparator.comparingInt(r -> r.worker));
        execute(round);
        roundDone.signalAll();
    }

    private static void execute(List<Request> round) {
        DecoderSession[] sessions = new DecoderSession[round.size()];
        int[] tokens = new int[round.size()];
        for (int i = 0; i < sessions.length; i++) {
            sessions[i] = round.get(i).session;
            tokens[i] = round.get(i).token;
        }
        try {
            float[][] logits = sessions.length == 1
                    ? new float[][] {sessions[0].step(tokens)}
                    : DecoderSession.stepBatch(sessions, tokens);
            for (int i = 0; i < sessions.length; i++) {
                round.get(i).finish(logits[i], null);
            }
        } catch (RuntimeException batchFailed) {
            // one bad step must not fail the others: run each alone and give each its own outcome
            for (Request r : round) {
                try {
                    r.finish(r.session.step(new int[] {r.token}), null);
                } catch (RuntimeException e) {
                    r.finish(null, e);
                }
            }
        }
    }

    private static final class Request {
        final int worker;
        final DecoderSession session;
        final int token;
        boolean done;
        float[] logits;
        RuntimeException error;

        Request(int worker, DecoderSession session, int token) {
            this.worker = worker;
            this.session = session;
            this.token = token;
        }

        void finish(float[] result, RuntimeException failure) {
            logits = result;
            error = failure;
            done = true;
        }
    }
}
