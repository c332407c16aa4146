package io.github.asr4j;

import io.github.asr4j.decode.DecoderState;
import io.github.asr4j.model.DecoderSession;

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

    @Override
    public DecoderState fork() {
        return new SessionState(session.copy(), batch);
    }
}
