package io.github.asr4j.decode;

/**
 * What a decoding strategy needs from the network: feed tokens, get the next-token logits.
 * The real decoder session implements it; tests script one with prepared logits.
 */
@FunctionalInterface
public interface TokenStepper {
    /**
     * Feeds {@code tokens} after those already fed and returns the logits of the last one. The array
     * may be the stepper's own, reused by its next step (a decoding loop then allocates nothing per
     * token): it is the caller's to read and edit until then, and copied where it must outlive that.
     */
    float[] step(int[] tokens);
}
