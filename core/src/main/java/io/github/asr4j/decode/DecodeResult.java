package io.github.asr4j.decode;

/**
 * The outcome of decoding one window.
 *
 * @param tokens the sampled tokens, without the prompt and end-of-text
 * @param sumLogProb the summed log-probability of the chosen tokens (end-of-text included when reached)
 * @param reachedEnd whether end-of-text was chosen (false: the token budget or context ran out)
 */
public record DecodeResult(int[] tokens, double sumLogProb, boolean reachedEnd) {}
