package io.github.asr4j.decode;

/**
 * One decoding rule applied to the next-token logits before a token is chosen, as in
 * openai-whisper's {@code decoding.py}: rules are small, composed in a list, and know nothing
 * of the search strategy.
 */
@FunctionalInterface
public interface LogitFilter {
    /**
     * Edits {@code logits} in place.
     *
     * @param sampled the tokens chosen so far in this window, after the prompt
     */
    void apply(float[] logits, int[] sampled);
}
