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
         * Feeds one token to {@code session} in the next round and returns its logits: the session's own
         * row ({@link DecoderSession#stepInPlace}), valid until its next step.
         *
         * @throws CancellationException when the worker's cancel signal is up (checked before each step)
         */
        float[] step(DecoderSession session, int token) {
            return submit(new Request(index, new Object[] {session}, new int[] {token}))[0];
        }

        /**
         * Feeds {@code tokens[i]} to {@code sessions[i]} (the beams of one window) in the next round, all
         * as this worker's one step, and returns their logits, each session's own row.
         */
        float[][] step(DecoderSession[] sessions, int[] tokens) {
            return submit(new Request(index, sessions.clone(), tokens.clone()));
        }

        /** As {@link #step(DecoderSession, int)} for a Qwen3-ASR session ({@link QwenDecoderSession#stepAllInPlace}). */
        float[] step(QwenDecoderSession session, int token) {
            return submit(new Request(index, new Object[] {session}, new int[] {token}))[0];
        }

        private float[][] submit(Request request) {
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

    /**
     * Rows per decoder pass: a round's requests are packed, in worker order and whole where they fit,
     * into passes of at most this many rows. Up to 16 rows the vector backend streams each weight as
     * dot products and gives every row the bits it would get alone (its {@code FEW_ROWS}); beyond, it
     * packs panels for a matrix product that rounds differently. So a worker's beams may join a round
     * without changing any result, and a round of more files reads each weight once per 16 rows.
     */
    static final int MAX_PASS_ROWS = 16;

    private static void execute(List<Request> round) {
        List<Request> pass = new ArrayList<>();
        int rows = 0;
        for (Request r : round) {
            if (rows > 0 && rows + r.tokens.length > MAX_PASS_ROWS) {
                executePass(pass);
                pass.clear();
                rows = 0;
            }
            pass.add(r);
            rows += r.tokens.length;
        }
        executePass(pass);
    }

    /** One batched pass over the rows of {@code requests} (one model family per batcher). */
    private static void executePass(List<Request> requests) {
        List<Object> sessions = new ArrayList<>();
        List<Integer> tokens = new ArrayList<>();
        for (Request r : requests) {
            for (int i = 0; i < r.tokens.length; i++) {
                sessions.add(r.sessions[i]);
                tokens.add(r.tokens[i]);
            }
        }
        int[] ids = tokens.stream().mapToInt(Integer::intValue).toArray();
        try {
            float[][] logits = stepTogether(sessions, ids);
            int row = 0;
            for (Request r : requests) {
                r.finish(java.util.Arrays.copyOfRange(logits, row, row + r.tokens.length), null);
                row += r.tokens.length;
            }
        } catch (RuntimeException batchFailed) {
            // one bad step must not fail the others: run each request alone and give each its own outcome
            for (Request r : requests) {
                try {
                    float[][] logits = new float[r.tokens.length][];
                    for (int i = 0; i < logits.length; i++) {
                        logits[i] = stepAlone(r.sessions[i], r.tokens[i]);
                    }
                    r.finish(logits, null);
                } catch (RuntimeException e) {
                    r.finish(null, e);
                }
            }
        }
    }

    /** Each row into its session's own logits row: a worker reads it before its next step. */
    private static float[][] stepTogether(List<Object> sessions, int[] tokens) {
        if (sessions.getFirst() instanceof QwenDecoderSession) {
            return QwenDecoderSession.stepAllInPlace(sessions.stream().map(s -> (QwenDecoderSession) s).toList(), tokens);
        }
        DecoderSession[] whisper = sessions.stream().map(s -> (DecoderSession) s).toArray(DecoderSession[]::new);
        return whisper.length == 1 ? new float[][] {whisper[0].stepInPlace(tokens)} : DecoderSession.stepBatchInPlace(whisper, tokens);
    }

    private static float[] stepAlone(Object session, int token) {
        return session instanceof QwenDecoderSession q ? q.stepInPlace(token)
                : ((DecoderSession) session).stepInPlace(new int[] {token});
    }

    /** One worker's step: a token for each of its sessions (one, or the beams of a window). */
    private static final class Request {
        final int worker;
        /** Whisper {@link DecoderSession}s or {@link QwenDecoderSession}s. */
        final Object[] sessions;
        final int[] tokens;
        boolean done;
        float[][] logits;
        RuntimeException error;

        Request(int worker, Object[] sessions, int[] tokens) {
            this.worker = worker;
            this.sessions = sessions;
            this.tokens = tokens;
        }

        void finish(float[][] result, RuntimeException failure) {
            logits = result;
            error = failure;
            done = true;
        }
    }
}
