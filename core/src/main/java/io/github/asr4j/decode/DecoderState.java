package io.github.asr4j.decode;

import java.util.List;

/**
 * A decoder positioned somewhere in a window that can be copied and stepped together with its
 * copies: what beam search and best-of-N sampling need (openai-whisper batches the candidates and
 * rearranges its KV cache; here a beam continued twice is forked, and the live beams step as one batch).
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

    /**
     * Like {@link #fork()}, but the copy may take over the memory of {@code spare}, a state of the
     * same search that the caller drops (it is not used afterwards): beam search hands the beams it
     * ends to the forks it makes, so a step of forks allocates no new caches. By default a plain fork.
     */
    default DecoderState forkInto(DecoderState spare) {
        return fork();
    }

    /**
     * Feeds {@code tokens[i]} to {@code states.get(i)} (distinct states, each one position on) and
     * returns each one's next-token logits: one step of the sequences a window decodes together.
     * Called on one of {@code states}. By default they step one after another; the network's adapter
     * runs them as one batched pass, so each weight is read once for all of them. As with
     * {@link #step}, row {@code i} may be {@code states.get(i)}'s own array, reused by its next step.
     */
    default float[][] stepTogether(List<? extends DecoderState> states, int[] tokens) {
        float[][] logits = new float[states.size()][];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = states.get(i).step(new int[] {tokens[i]});
        }
        return logits;
    }
}
