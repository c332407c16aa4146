package io.github.asr4j.qwen;

/**
 * Qwen3-ASR's most reported failure is a phrase repeated until the token limit. Decoding stops
 * as soon as the generated tokens end in a loop: a unit of 1 to {@value #MAX_UNIT} tokens repeated
 * back to back at least {@value #MIN_REPEATS} times and over at least {@value #MIN_LOOP_TOKENS}
 * tokens (one token 20 times, a two-token word 10 times, a phrase of 7 or more tokens 3 times).
 * The repeats are trimmed: one copy of the unit stays. "very very very" or a phrase said twice
 * is left alone.
 */
final class LoopGuard {
    static final int MAX_UNIT = 64;
    static final int MIN_REPEATS = 3;
    static final int MIN_LOOP_TOKENS = 20;

    private LoopGuard() {}

    /**
     * Where the output should end if {@code tokens[0, length)} ends in a loop (after its first
     * copy of the unit), else -1.
     */
    static int trimmedLength(int[] tokens, int length) {
        for (int unit = 1; unit <= MAX_UNIT && unit * MIN_REPEATS <= length; unit++) {
            int copies = 1;
            while ((copies + 1) * unit <= length && java.util.Arrays.equals(
                    tokens, length - unit, length, tokens, length - (copies + 1) * unit, length - copies * unit)) {
                copies++;
            }
            if (copies >= MIN_REPEATS && copies * unit >= MIN_LOOP_TOKENS) {
                return length - (copies - 1) * unit;
            }
        }
        return -1;
    }
}
