package io.github.asr4j.qwen;

/**
 * {@link QwenAsrModel} as the {@link QwenNetwork} that transcription drives; each single-token step
 * goes through {@code stepper} (alone, or into a batched pass shared with other calls).
 */
public record QwenAsrNetwork(QwenAsrModel model, Stepper stepper) implements QwenNetwork {
    /** Feeds one token to a session and returns the logits after it (the session's own row: valid until its next step). */
    public interface Stepper {
        float[] step(QwenDecoderSession session, int token);
    }

    /** Each step alone. */
    public QwenAsrNetwork(QwenAsrModel model) {
        this(model, QwenDecoderSession::stepInPlace);
    }

    private record Rows(EncodedAudio audio) implements AudioRows {
        @Override
        public int tokens() {
            return audio.tokens();
        }
    }

    @Override
    public AudioRows encode(float[] samples16k) {
        int frames = samples16k.length / 160;
        return new Rows(model.encode(model.logMel(samples16k), frames));
    }

    @Override
    public Decoding start(int[] promptIds, AudioRows audio, int maxPositions) {
        QwenDecoderSession session = model.newSession(maxPositions);
        float[] first;
        try {
            first = session.prefill(promptIds, ((Rows) audio).audio());
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        return new Decoding() {
            private float[] logits = first;

            @Override
            public float[] logits() {
                return logits;
            }

            @Override
            public float[] step(int token) {
                logits = stepper.step(session, token);
                return logits;
            }

            @Override
            public void close() {
                session.close();
            }
        };
    }
}
