package io.github.asr4j.decode;

import io.github.asr4j.RepetitionGuard;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** {@link RepetitionGuard} as a logit filter: the token that would repeat an n-gram once too often is suppressed. */
final class RepetitionFilter {
    private RepetitionFilter() {}

    /** The filter for a vocabulary whose text tokens are those below {@code firstSpecial}. */
    static LogitFilter of(RepetitionGuard guard, int firstSpecial) {
        int ngramSize = guard.ngramSize();
        int maxRepeats = guard.maxRepeats();
        return (logits, sampled) -> {
            int[] text = Arrays.stream(sampled).filter(t -> t < firstSpecial).toArray();
            int prefix = ngramSize - 1;
            if (text.length < prefix) {
                return;
            }
            // count, for each token x, the earlier occurrences of (last n-1 tokens, x)
            Map<Integer, Integer> counts = new HashMap<>();
            for (int i = 0; i + prefix < text.length; i++) {
                if (Arrays.equals(text, i, i + prefix, text, text.length - prefix, text.length)) {
                    counts.merge(text[i + prefix], 1, Integer::sum);
                }
            }
            counts.forEach((token, n) -> {
                if (n >= maxRepeats && token < logits.length) {
                    logits[token] = Float.NEGATIVE_INFINITY;
                }
            });
        };
    }
}
