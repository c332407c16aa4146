package io.github.asr4j.timing;

/**
 * The per-token probabilities {@code find_alignment} averages into word probabilities: the softmax of
 * the logits restricted to the text vocabulary ({@code logits[:, :eot]}), in float32 as torch's, at the
 * position that predicts each text token.
 */
public final class TokenProbabilities {
    private TokenProbabilities() {}

    /**
     * @param logits [tokens][vocabulary] for the sequence {@code sot_sequence + [no_timestamps] + text + [eot]};
     *     row {@code sotLength + k} (fed no_timestamps or text token k - 1) predicts text token k
     * @param sotLength the length of the start-of-transcript sequence
     * @param textTokens the text tokens, all below {@code eot}
     * @param eot the end-of-text id: the softmax runs over ids {@code 0 .. eot - 1}
     */
    public static double[] of(float[][] logits, int sotLength, int[] textTokens, int eot) {
        if (logits.length < sotLength + textTokens.length) {
            throw new IllegalArgumentException(logits.length + " logit rows for sot (" + sotLength + ") + "
                    + textTokens.length + " text tokens");
        }
        double[] probs = new double[textTokens.length];
        for (int k = 0; k < textTokens.length; k++) {
            float[] row = logits[sotLength + k];
            int token = textTokens[k];
            if (token < 0 || token >= eot) throw new IllegalArgumentException("text token " + k + " is " + token + ", not below eot " + eot);
            if (row.length < eot) throw new IllegalArgumentException("logit row " + (sotLength + k) + " has " + row.length + " entries, eot is " + eot);
            float max = Float.NEGATIVE_INFINITY;
            for (int v = 0; v < eot; v++) max = Math.max(max, row[v]);
            float sum = 0;
            for (int v = 0; v < eot; v++) sum += (float) Math.exp(row[v] - max);
            probs[k] = (float) Math.exp(row[token] - max) / sum;
        }
        return probs;
    }
}
