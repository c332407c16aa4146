package io.github.asr4j.decode;

import java.util.Arrays;
import java.util.function.Function;

/**
 * A tiny Whisper-like vocabulary for scripted tests: 50 text tokens, the control tokens in
 * Whisper's order, then 1501 timestamps (0.00 .. 30.00 s).
 */
final class FakeVocab {
    private FakeVocab() {}

    static final int SPACE = 0; // encode(" ")
    static final int EOT = 50;
    static final int SOT = 51;
    static final int EN = 52;
    static final int TRANSLATE = 53;
    static final int TRANSCRIBE = 54;
    static final int SOT_LM = 55;
    static final int SOT_PREV = 56;
    static final int NO_SPEECH = 57;
    static final int NO_TIMESTAMPS = 58;
    static final int TS = 59; // <|0.00|>
    static final int SIZE = TS + 1501;
    static final int TEXT_CONTEXT = 448;
    static final int AUDIO_CONTEXT = 1500;

    static final int[] START = {SOT, EN, TRANSCRIBE};

    static final SpecialTokens SPECIAL =
            new SpecialTokens(EOT, SOT, SOT_PREV, NO_SPEECH, NO_TIMESTAMPS, TS, new int[] {SPACE});

    /** The timestamp token of {@code seconds} (a multiple of 0.02). */
    static int ts(double seconds) {
        return TS + (int) Math.round(seconds / 0.02);
    }

    /** Token i (1..49) is the word " wi"; 0 is a space. Timestamps must not reach it. */
    static final Function<int[], String> TEXT = tokens -> {
        StringBuilder sb = new StringBuilder();
        for (int t : tokens) {
            if (t >= TS) {
                throw new AssertionError("timestamp " + t + " given to the text decoder");
            }
            sb.append(t == SPACE ? " " : t < EOT ? " w" + t : "<|" + t + "|>");
        }
        return sb.toString();
    };

    static WindowDecoder windowDecoder() {
        return new WindowDecoder(SPECIAL, START, TEXT_CONTEXT, AUDIO_CONTEXT, TEXT);
    }

    /** A logits row: every token at -100 except the given (token, logit) pairs. */
    static float[] row(double... tokenLogitPairs) {
        float[] logits = new float[SIZE];
        Arrays.fill(logits, -100f);
        for (int i = 0; i < tokenLogitPairs.length; i += 2) {
            logits[(int) tokenLogitPairs[i]] = (float) tokenLogitPairs[i + 1];
        }
        return logits;
    }

    /** A row where only the given (token, probability) pairs are possible: logit = ln p, others -inf. */
    static float[] probs(double... tokenProbPairs) {
        float[] logits = new float[SIZE];
        Arrays.fill(logits, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < tokenProbPairs.length; i += 2) {
            logits[(int) tokenProbPairs[i]] = (float) Math.log(tokenProbPairs[i + 1]);
        }
        return logits;
    }
}
