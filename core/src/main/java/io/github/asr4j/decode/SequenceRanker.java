package io.github.asr4j.decode;

import java.util.List;

/**
 * openai-whisper's {@code MaximumLikelihoodRanker}: picks among finished candidates by summed
 * log-probability divided by a length penalty — the length itself when {@code lengthPenalty} is
 * null, else Google NMT's {@code ((5 + length) / 6) ^ lengthPenalty}.
 */
public final class SequenceRanker {
    private final Double lengthPenalty;

    /** @param lengthPenalty null for plain length normalisation, else alpha in [0, 1] */
    public SequenceRanker(Double lengthPenalty) {
        if (lengthPenalty != null && !(lengthPenalty >= 0 && lengthPenalty <= 1)) {
            throw new IllegalArgumentException("length_penalty (alpha) should be a value between 0 and 1, got "
                    + lengthPenalty);
        }
        this.lengthPenalty = lengthPenalty;
    }

    public double score(DecodeResult candidate) {
        int length = candidate.tokens().length;
        double penalty = lengthPenalty == null ? length : Math.pow((5.0 + length) / 6.0, lengthPenalty);
        if (penalty == 0) {
            // openai would raise ZeroDivisionError on an empty candidate; rank it last instead
            return Double.NEGATIVE_INFINITY;
        }
        return candidate.sumLogProb() / penalty;
    }

    /** The index of the best candidate; the first among equal scores (numpy's argmax). */
    public int best(List<DecodeResult> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidates to rank");
        }
        int best = 0;
        double bestScore = score(candidates.get(0));
        for (int i = 1; i < candidates.size(); i++) {
            double s = score(candidates.get(i));
            if (s > bestScore || (Double.isNaN(s) && !Double.isNaN(bestScore))) {
                best = i;
                bestScore = s;
            }
        }
        return best;
    }
}
