package io.github.asr4j.decode;

import java.util.Arrays;

/** Python's {@code seq[-n:]}, kept literally where openai relies on it (n = 0 keeps everything). */
final class PythonSlices {
    private PythonSlices() {}

    /** {@code tokens[-n:]}: the last n for n > 0, all of them for n = 0, all but the first -n for n < 0. */
    static int[] last(int[] tokens, int n) {
        int from;
        if (n > 0) {
            from = Math.max(0, tokens.length - n);
        } else {
            from = Math.min(tokens.length, -n);
        }
        return Arrays.copyOfRange(tokens, from, tokens.length);
    }
}
