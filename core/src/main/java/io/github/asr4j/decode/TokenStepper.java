package io.github.asr4j.decode;

/**
 * What a decoding strategy needs from the network: feed tokens, get the next-token logits.
 * The real decoder session implements it; tests script one with prepared logits.
 */
@FunctionalInterface
public interface TokenStepper {
    /** Feeds {@code tokens} after those already fed and returns the logits of the last one. */
    float[] step(int[] tokens);
}
