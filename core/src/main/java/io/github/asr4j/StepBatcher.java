package io.github.asr4j;

import io.github.asr4j.model.DecoderSession;
import io.github.asr4j.qwen.QwenDecoderSession;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Lets several transcriptions running on their own threads share decoder passes: each
 * single-token step waits until every active worker has one pending, then all of them run as one
 * batched pass ({@link DecoderSession#stepBatch}), which reads each weight once for the whole batch.
 *
 * <p>Rounds are lockstep — the i-th step of every active worker goes into round i — and rows are
 * ordered by worker index, so which steps share a pass never depends on timing and the output of
 * a batch run is the same every time. A worker busy elsewhere (audio, encoder, a prompt) holds
 * the round until it steps or leaves.
 *
 * <p>Without lockstep (a server's requests, which come and go at any time) a worker counts in the
 * rounds only from its first step until its next encoder pass: a round runs as soon as every
 * worker that is decoding has a step pending, and one reading audio or encoding holds no one up.
 * Which steps share a pass then depends on timing.
 */
final class StepBatcher {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition roundDone = lock.newCondition();
    private final List<Request> pending = new ArrayList<>();
    private final ReentrantLock encoderTurn = new ReentrantLock(true);
    private final boolean lockstep;
    private int active;

    StepBatcher() {
        this(true);
    }

    /** @param lockstep whether every joined worker holds each round (see the class comment) */
    StepBatcher(boolean lockstep) {
        this.lockstep = lockstep;
    }

    /** One worker's place in the rounds; {@link #close()} it when the worker stops stepping. */
    final class Worker implements AutoCloseable {
        private final int index;
        private final BooleanSupplier cancelled;
        private boolean inRounds; // counted in active; guarded by lock

        private Worker(int index, BooleanSupplier cancelled) {
            this.index = index;
            this.cancelled = cancelled;
            this.inRounds = lockstep;
        }

        /**
         * Feeds one token to {@code session} in the next round and returns its logits.
         *
         * @throws CancellationException when the worker's cancel signal is up (checked before each step)
         */
        float[] step(DecoderSession session, int token) {
            return submit(new Request(index, session, token));
        }

        /** As {@link #step(DecoderSession, int)} for a Qwen3-ASR session ({@link QwenDecoderSession#stepAll}). */
        float[] step(QwenDecoderSession session, int token) {
            return submit(new Request(index, session, token));
        }

        private float[] submit(Request request) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("transcription cancelled");
            }
            lock.lock();
            try {
                if (!inRounds) {
                    inRounds = true;
                    active++;
                }
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
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("transcription cancelled");
            }
            if (!lockstep) {
                leaveRounds();
            }
            encoderTurn.lock();
            try {
                return pass.get();
            } finally {
                encoderTurn.unlock();
            }
        }

        @Override
        public void close() {
            leaveRounds();
        }

        /** Stops holding the rounds (until the next step, without lockstep). */
        private void leaveRounds() {
            lock.lock();
            try {
                if (inRounds) {
                    inRounds = false;
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
        return join(index, () -> false);
    }

    /** As {@link #join(int)}, with a signal that makes the worker's next step throw {@link CancellationException}. */
    Worker join(int index, BooleanSupplier cancelled) {
        lock.lock();
        try {
            if (lockstep) {
                active++;
            }
            return new Worker(index, cancelled);
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
        if (round.getFirst().session instanceof QwenDecoderSession) { // one model family per batcher
            executeQwen(round);
            return;
        }
        DecoderSession[] sessions = new DecoderSession[round.size()];
        int[] tokens = new int[round.size()];
        for (int i = 0; i < sessions.length; i++) {
            sessions[i] = (DecoderSession) round.get(i).session;
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
                    r.finish(((DecoderSession) r.session).step(new int[] {r.token}), null);
                } catch (RuntimeException e) {
                    r.finish(null, e);
                }
            }
        }
    }

    private static void executeQwen(List<Request> round) {
        List<QwenDecoderSession> sessions = round.stream().map(r -> (QwenDecoderSession) r.session).toList();
        int[] tokens = round.stream().mapToInt(r -> r.token).toArray();
        try {
            float[][] logits = QwenDecoderSession.stepAll(sessions, tokens);
            for (int i = 0; i < logits.length; i++) {
                round.get(i).finish(logits[i], null);
            }
        } catch (RuntimeException batchFailed) {
            for (Request r : round) { // as above: each alone, each its own outcome
                try {
                    r.finish(((QwenDecoderSession) r.session).step(r.token), null);
                } catch (RuntimeException e) {
                    r.finish(null, e);
                }
            }
        }
    }

    private static final class Request {
        final int worker;
        /** A Whisper {@link DecoderSession} or a {@link QwenDecoderSession}. */
        final Object session;
        final int token;
        boolean done;
        float[] logits;
        RuntimeException error;

        Request(int worker, Object session, int token) {
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
