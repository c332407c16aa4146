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
        return requireFinite(batch != null && tokens.length == 1 ? batch.step(session, tokens[0]) : session.step(tokens));
    }

    @Override
    public float[][] stepAll(int[] tokens) {
        float[][] rows = session.stepAllLogits(tokens);
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

    @Override
    public DecoderState fork() {
        return new SessionState(session.copy(), batch);
    }
}
