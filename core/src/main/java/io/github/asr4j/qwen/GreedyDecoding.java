package io.github.asr4j.qwen;

import io.github.asr4j.decode.Logits;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Greedy decoding as the official pipeline runs it ({@code do_sample: false}): each token is the
 * argmax of the logits before it (ties to the lowest id), until an end token of the generation
 * config, the token limit, or a {@link LoopGuard loop}.
 */
final class GreedyDecoding {
    /** Why decoding ended. */
    enum Stop { END_TOKEN, LIMIT, LOOP }

    /**
     * @param tokens the generated tokens, without the end token; a loop's repeats trimmed
     * @param logProbs each kept token's log-probability under the logits it was chosen from
     */
    record Result(int[] tokens, double[] logProbs, Stop stop) {
        double sumLogProb() {
            return Arrays.stream(logProbs).sum();
        }
    }

    private GreedyDecoding() {}

    /**
     * @param first the logits at the last prompt position
     * @param step feeds one token and gives the logits after it
     * @param maxNewTokens the most tokens generated
     */
    static Result run(float[] first, IntFunction<float[]> step, QwenTokens vocabulary, int maxNewTokens) {
        int[] tokens = new int[Math.min(maxNewTokens, 64)];
        double[] logProbs = new double[tokens.length];
        int n = 0;
        float[] logits = first;
        while (true) {
            int token = Logits.argmax(logits);
            if (vocabulary.isEnd(token)) {
                return new Result(Arrays.copyOf(tokens, n), Arrays.copyOf(logProbs, n), Stop.END_TOKEN);
            }
            if (n == tokens.length) {
                tokens = Arrays.copyOf(tokens, Math.min(maxNewTokens, 2 * n));
                logProbs = Arrays.copyOf(logProbs, tokens.length);
            }
            logProbs[n] = Logits.logSoftmaxAt(logits, token);
            tokens[n++] = token;
            int trimmed = LoopGuard.trimmedLength(tokens, n);
            if (trimmed >= 0) {
                return new Result(Arrays.copyOf(tokens, trimmed), Arrays.copyOf(logProbs, trimmed), Stop.LOOP);
            }
            if (n == maxNewTokens) {
                return new Result(Arrays.copyOf(tokens, n), Arrays.copyOf(logProbs, n), Stop.LIMIT);
            }
            logits = step.apply(token);
        }
    }
}
