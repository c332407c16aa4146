package io.github.asr4j;

import io.github.asr4j.decode.DecoderState;
import io.github.asr4j.model.DecoderSession;
import java.util.List;

/**
 * The network's decoder session seen as the decoding rules' {@link DecoderState}; with a batch
 * worker, its single-token steps join the batch's shared passes.
 */
final class SessionState implements DecoderState {
    private final DecoderSession session;
    private final StepBatcher.Worker batch;
    private final ForkPool forks;

    /** @param batch null outside a batch */
    SessionState(DecoderSession session, StepBatcher.Worker batch) {
        this(session, batch, null);
    }

    /** @param forks where {@link #fork} takes its copies' memory from; null for new copies */
    SessionState(DecoderSession session, StepBatcher.Worker batch, ForkPool forks) {
        this.session = session;
        this.batch = batch;
        this.forks = forks;
    }

    /** The session's own logits row ({@link DecoderSession#stepInPlace}): valid until this state's next step. */
    @Override
    public float[] step(int[] tokens) {
        return requireFinite(batch != null && tokens.length == 1 ? batch.step(session, tokens[0]) : session.stepInPlace(tokens));
    }

    @Override
    public float[][] stepAll(int[] tokens) {
        float[][] rows = session.stepAllLogits(tokens);
        for (float[] row : rows) {
            requireFinite(row);
        }
        return rows;
    }

    /** The two rows the window decoder reads, without projecting the prompt's other rows onto the vocabulary. */
    @Override
    public float[][] stepProbing(int[] tokens, int probeIndex) {
        float[][] rows = session.stepProbing(tokens, probeIndex);
        for (float[] row : rows) {
            requireFinite(row);
        }
        return rows;
    }

    /**
     * NaN or infinite logits mean the weights or the arithmetic went wrong; decoding them would
     * give confident nonsense (argmax of NaNs), so it is an error instead.
     */
    static float[] requireFinite(float[] logits) {
        for (int i = 0; i < logits.length; i++) {
            if (!Float.isFinite(logits[i])) {
                throw new ModelOutputException("the model produced a non-finite logit (" + logits[i] + " for token " + i
                        + "); the weights are broken or overflow in float32");
            }
        }
        return logits;
    }

    /**
     * Beams and best-of candidates: one batched decoder pass for all of them, each row in its
     * session's own logits row. In a batch of files
     * they are this worker's one step of the round, sharing its passes with the other files (each
     * row's logits are what it gets alone, see {@link StepBatcher#MAX_PASS_ROWS}).
     */
    @Override
    public float[][] stepTogether(List<? extends DecoderState> states, int[] tokens) {
        if (states.size() == 1) {
            return DecoderState.super.stepTogether(states, tokens);
        }
        DecoderSession[] sessions = new DecoderSession[states.size()];
        for (int i = 0; i < sessions.length; i++) {
            sessions[i] = ((SessionState) states.get(i)).session;
        }
        float[][] logits = batch != null ? batch.step(sessions, tokens) : DecoderSession.stepBatchInPlace(sessions, tokens);
        for (float[] row : logits) {
            requireFinite(row);
        }
        return logits;
    }

    @Override
    public DecoderState fork() {
        return new SessionState(forks == null ? session.copy() : forks.copyOf(session), batch, forks);
    }

    @Override
    public DecoderState forkInto(DecoderState spare) {
        if (spare instanceof SessionState s && s.batch == batch) {
            session.copyInto(s.session);
            return s;
        }
        return fork();
    }
}
