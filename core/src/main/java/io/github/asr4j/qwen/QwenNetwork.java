package io.github.asr4j.qwen;

/**
 * What transcription needs from a Qwen3-ASR network: audio in, encoder rows out; a prompt with
 * those rows in, logits out, one token at a time. {@code QwenAsrModel} is the real one; tests
 * drive the pipeline with scripted logits. Implementations are thread-safe; a decoding is not.
 */
public interface QwenNetwork {
    /** The audio encoder's rows for 16 kHz mono samples. */
    AudioRows encode(float[] samples16k);

    /**
     * Feeds the prompt (its {@code <|audio_pad|>} ids replaced by {@code audio}'s rows, in order) and
     * keeps room for {@code maxPositions} positions in all.
     */
    Decoding start(int[] promptIds, AudioRows audio, int maxPositions);

    /** Encoded audio. */
    interface AudioRows {
        /** How many rows, and so {@code <|audio_pad|>} ids, the audio takes. */
        int tokens();
    }

    /** One request's decoder state. */
    interface Decoding extends AutoCloseable {
        /** The logits at the last position fed. */
        float[] logits();

        /**
         * Feeds {@code token} at the next position and returns the logits after it: an array the
         * decoding may reuse at its next step (read it before stepping again).
         */
        float[] step(int token);

        @Override
        void close();
    }
}
