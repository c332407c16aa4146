package io.github.asr4j.model;

import io.github.asr4j.decode.GreedyDecoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a model through the goldens of {@code models/README.md} and measures how far it is from
 * them: the encoder output; for each prompt the logits of the prompt fed in one call; then greedy
 * steps, each feeding the golden token alone and comparing the next row (full rows for mini and
 * mini-128, the golden top 5 for tiny-shape and card).
 *
 * <p>The golden token is fed even where the model would choose another, so that one disagreement
 * does not make every later row incomparable; the disagreement itself is recorded.
 */
final class ParityCheck {

    /** What one run measured. */
    record Measured(double encoderMaxAbs, double promptLogitsMaxAbs, double greedyLogitsMaxAbs,
                    float minGreedyMargin, List<TokenMismatch> tokenMismatches, List<String> top5IdMismatches,
                    double encodeSeconds, double decodeSeconds) {

        String summary(String label) {
            return String.format("[model] %-22s encoder %.3g  prompt logits %.3g  greedy logits %.3g"
                            + "  token mismatches %d  top-5 id mismatches %d  (encode %.1f s, decode %.1f s)",
                    label, encoderMaxAbs, promptLogitsMaxAbs, greedyLogitsMaxAbs, tokenMismatches.size(),
                    top5IdMismatches.size(), encodeSeconds, decodeSeconds);
        }
    }

    /** The model's argmax differs from the golden greedy token; {@code margin} is the golden top-1 minus top-2. */
    record TokenMismatch(String prompt, int step, int ours, int golden, float margin) {}

    private ParityCheck() {}

    static Measured run(WhisperModel model, ModelGoldens g) {
        long t0 = System.nanoTime();
        float[] encoderOut = model.encode(g.mel);
        long t1 = System.nanoTime();
        double encoderMaxAbs = encoderDifference(encoderOut, g, model.config().dModel());

        DecoderSession session = model.newSession(encoderOut);
        double promptMax = 0;
        double greedyMax = 0;
        float minMargin = Float.POSITIVE_INFINITY;
        List<TokenMismatch> tokens = new ArrayList<>();
        List<String> top5 = new ArrayList<>();
        for (ModelGoldens.Prompt p : g.prompts) {
            session.reset();
            float[] logits = session.step(p.tokens());
            promptMax = Math.max(promptMax, maxAbs(logits, p.promptLogits()));
            for (int k = 0; k < p.greedyTokens().length; k++) {
                int golden = p.greedyTokens()[k];
                int ours = GreedyDecoder.argmax(logits);
                minMargin = Math.min(minMargin, p.greedyMargin()[k]);
                if (ours != golden) {
                    tokens.add(new TokenMismatch(p.name(), k, ours, golden, p.greedyMargin()[k]));
                }
                logits = session.step(new int[] {golden});
                if (p.greedyLogits() != null) {
                    greedyMax = Math.max(greedyMax, maxAbs(logits, p.greedyLogits()[k]));
                } else {
                    int[] ids = p.greedyTop5Ids()[k];
                    for (int j = 0; j < ids.length; j++) {
                        greedyMax = Math.max(greedyMax, Math.abs(logits[ids[j]] - p.greedyTop5Logits()[k][j]));
                    }
                    int[] ourIds = top(logits, ids.length);
                    if (!Arrays.equals(ourIds, ids)) {
                        top5.add(p.name() + " step " + k + ": ours " + Arrays.toString(ourIds)
                                + ", golden " + Arrays.toString(ids));
                    }
                }
            }
        }
        long t2 = System.nanoTime();
        return new Measured(encoderMaxAbs, promptMax, greedyMax, minMargin, tokens, top5,
                (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    }

    private static double encoderDifference(float[] out, ModelGoldens g, int d) {
        if (g.encoderOut != null) {
            return maxAbs(out, g.encoderOut);
        }
        double max = 0;
        for (int r = 0; r < g.encoderRows.length; r++) {
            int frame = g.encoderRows[r];
            for (int j = 0; j < d; j++) {
                max = Math.max(max, Math.abs(out[frame * d + j] - g.encoderSample[r * d + j]));
            }
        }
        return max;
    }

    static double maxAbs(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            double diff = Math.abs((double) a[i] - b[i]);
            if (!(diff <= max)) { // NaN propagates as a failure
                max = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff;
            }
        }
        return max;
    }

    /** The {@code n} largest entries, descending, ties to the lower index. */
    static int[] top(float[] logits, int n) {
        int[] ids = new int[n];
        Arrays.fill(ids, -1);
        for (int i = 0; i < logits.length; i++) {
            int pos = n;
            while (pos > 0 && (ids[pos - 1] < 0 || logits[i] > logits[ids[pos - 1]])) {
                pos--;
            }
            if (pos < n) {
                System.arraycopy(ids, pos, ids, pos + 1, n - pos - 1);
                ids[pos] = i;
            }
        }
        return ids;
    }
}
