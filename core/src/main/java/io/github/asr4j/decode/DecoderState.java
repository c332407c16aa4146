package io.github.asr4j.decode;

/**
 * A decoder positioned somewhere in a window that can be copied: what beam search and best-of-N
 * sampling need, where openai-whisper instead batches the candidates and rearranges its KV cache.
 *
 * <p>An adapter over the network's decoder session implements it ({@code step} ← session.step,
 * {@code stepAll} ← session.stepAllLogits, {@code fork} ← session.copy); tests script one.
 */
public interface DecoderState extends TokenStepper {

    /** Feeds {@code tokens} and returns the next-token logits after every one of them, in order. */
    float[][] stepAll(int[] tokens);

    /**
     * Feeds {@code tokens} and returns two rows: the logits after {@code tokens[probeIndex]} and after
     * the last token. The window decoder reads the no-speech probability from the start-of-transcript
     * position this way. Override it where the network can project only those two positions onto the
     * vocabulary, which is far cheaper than {@link #stepAll} for a long prompt.
     */
    default float[][] stepProbing(int[] tokens, int probeIndex) {
        float[][] all = stepAll(tokens);
        return new float[][] {all[probeIndex], all[all.length - 1]};
    }

    /**
     * An independent copy at the same position: stepping one never changes the other. The
     * cross-attention state may be shared (it is read-only); the self-attention cache must not be.
     */
    DecoderState fork();
}
