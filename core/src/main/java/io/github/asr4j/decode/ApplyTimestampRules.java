package io.github.asr4j.decode;

import io.github.asr4j.audio.AudioConstants;
/**
 * openai-whisper's {@code ApplyTimestampRules}: keeps the sampled timestamps well formed.
 * <ul>
 *   <li>{@code <|notimestamps|>} is never sampled (it belongs to the prompt only);</li>
 *   <li>timestamps come in pairs, except directly before end-of-text: after a lone timestamp the
 *       next token is a timestamp or end-of-text; after a pair it is text;</li>
 *   <li>timestamps never decrease, and a segment has a nonzero length: after a closing timestamp
 *       the next one is strictly later, after an opening one it may equal it;</li>
 *   <li>the first sampled token is a timestamp no later than {@code maxInitialTimestampIndex};</li>
 *   <li>if the timestamps together are more probable than the single most probable text token,
 *       a timestamp is forced.</li>
 * </ul>
 */
public final class ApplyTimestampRules implements LogitFilter {
    /** openai-whisper's default {@code max_initial_timestamp}, in seconds. */
    public static final double DEFAULT_MAX_INITIAL_TIMESTAMP = 1.0;

    private final int endOfText;
    private final int noTimestamps;
    private final int timestampBegin;
    private final int maxInitialTimestampIndex;

    /**
     * @param noTimestamps {@code <|notimestamps|>}, or -1 if the vocabulary has none
     * @param maxInitialTimestampIndex the latest timestamp index allowed first (50 = 1.0 s), or -1 for no limit
     */
    public ApplyTimestampRules(int endOfText, int noTimestamps, int timestampBegin, int maxInitialTimestampIndex) {
        if (timestampBegin <= endOfText) {
            throw new IllegalArgumentException("timestampBegin must come after endOfText");
        }
        this.endOfText = endOfText;
        this.noTimestamps = noTimestamps;
        this.timestampBegin = timestampBegin;
        this.maxInitialTimestampIndex = maxInitialTimestampIndex;
    }

    public ApplyTimestampRules(SpecialTokens tokens, int maxInitialTimestampIndex) {
        this(tokens.endOfText(), tokens.noTimestamps(), tokens.timestampBegin(), maxInitialTimestampIndex);
    }

    /**
     * openai's conversion of {@code max_initial_timestamp} seconds to an index:
     * {@code round(seconds / precision)} with Python's round-half-even, where precision is
     * {@code 30 s / n_audio_ctx} (0.02 s); null or 0 means no limit (-1).
     */
    public static int maxInitialTimestampIndex(Double seconds, int audioContext) {
        if (seconds == null || seconds == 0.0) {
            return -1;
        }
        double precision = (double) AudioConstants.CHUNK_SECONDS / audioContext;
        return (int) Math.rint(seconds / precision);
    }

    @Override
    public void apply(float[] logits, int[] sampled) {
        if (noTimestamps >= 0 && noTimestamps < logits.length) {
            logits[noTimestamps] = Float.NEGATIVE_INFINITY;
        }

        int n = sampled.length;
        boolean lastWasTimestamp = n >= 1 && sampled[n - 1] >= timestampBegin;
        boolean penultimateWasTimestamp = n < 2 || sampled[n - 2] >= timestampBegin;
        if (lastWasTimestamp) {
            if (penultimateWasTimestamp) {
                Logits.suppress(logits, timestampBegin, logits.length); // a pair just closed: text next
            } else {
                Logits.suppress(logits, 0, endOfText); // a segment is open: timestamp or end-of-text
            }
        }

        int lastTimestamp = -1;
        for (int i = n - 1; i >= 0; i--) {
            if (sampled[i] >= timestampBegin) {
                lastTimestamp = sampled[i];
                break;
            }
        }
        if (lastTimestamp >= 0) {
            // the closing timestamp of a segment may repeat the opening one; a new segment may not
            // start where the previous ended or earlier, which would loop forever
            int firstAllowed = lastWasTimestamp && !penultimateWasTimestamp ? lastTimestamp : lastTimestamp + 1;
            Logits.suppress(logits, timestampBegin, firstAllowed);
        }

        if (n == 0) {
            Logits.suppress(logits, 0, timestampBegin);
            if (maxInitialTimestampIndex >= 0) {
                Logits.suppress(logits, timestampBegin + maxInitialTimestampIndex + 1, logits.length);
            }
        }

        // comparing log-sum-exp of the timestamps with the best text logit is the same comparison
        // openai makes on log-softmax values: both sides shift by the same normaliser
        double timestampMass = Logits.logSumExp(logits, timestampBegin, logits.length);
        double bestText = Logits.max(logits, 0, Math.min(timestampBegin, logits.length));
        if (timestampMass > bestText) {
            Logits.suppress(logits, 0, timestampBegin);
        }
    }
}
