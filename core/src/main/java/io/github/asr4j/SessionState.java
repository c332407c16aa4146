package io.github.asr4j;

import io.github.asr4j.decode.DecoderState;
import io.github.asr4j.model.DecoderSession;

/** The network's decoder session seen as the decoding rules' {@link DecoderState}. */
final class SessionState implements DecoderState {
    private final DecoderSession session;

    SessionState(DecoderSession session) {
        this.session = session;
    }

    @Override
    public float[] step(int[] tokens) {
        return session.step(tokens);
    }

    @Override
    public float[][] stepAll(int[] tokens) {
        return session.stepAllLogits(tokens);
    }

    @Override
    public DecoderState fork() {
        return new SessionState(session.copy());
    }
}
