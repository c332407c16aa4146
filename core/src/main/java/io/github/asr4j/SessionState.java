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

    /** @param batch null outside a batch */
    SessionState(DecoderSession session, StepBatcher.Worker batch) {
        this.session = session;
        this.batch = batch;
    }

    @Override
    public float[] step(int[] tokens) {
        return batch != null && tokens.length == 1 ? batch.step(session, tokens[0]) : session.step(tokens);
    }

    @Override
    public float[][] stepAll(int[] tokens) {
        return session.stepAllLogits(tokens);
    }

    /**
     * Beams and best-of candidates: one batched decoder pass for all of them. In a batch of files
     * each one steps in its own round, as before: merging them into the rounds would push a round
     * past the matrix-vector kernel's few rows and change the last bits of the batch's logits.
     */
    @Override
    public float[][] stepTogether(List<? extends DecoderState> states, int[] tokens) {
        if (batch != null || states.size() == 1) {
            return DecoderState.super.stepTogether(states, tokens);
        }
        DecoderSession[] sessions = new DecoderSession[states.size()];
        for (int i = 0; i < sessions.length; i++) {
            sessions[i] = ((SessionState) states.get(i)).session;
        }
        return DecoderSession.stepBatch(sessions, tokens);
    }

    @Override
    public DecoderState fork() {
        return new SessionState(session.copy(), batch);
    }
}
