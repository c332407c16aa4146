package io.github.asr4j.decode;

import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * openai-whisper's {@code decode_with_fallback}: decode at the first temperature; while the result
 * looks failed — compression ratio above the threshold (repetitive) or average log-probability
 * below it — and is not silence (no-speech probability above its threshold while the average
 * log-probability is below its threshold), decode again at the next temperature. The last result
 * is kept whatever it looks like.
 *
 * <p>At temperature > 0 beam search and patience are dropped (best-of-N sampling instead); at 0
 * best-of is dropped.
 */
public final class FallbackDecoder {
    private final WindowDecoder window;
    private final FallbackPolicy policy;

    public FallbackDecoder(WindowDecoder window, FallbackPolicy policy) {
        this.window = window;
        this.policy = policy;
    }

    public FallbackPolicy policy() {
        return policy;
    }

    /**
     * @param freshState a new decoder at the start of this window for every attempt
     * @param options the base options; their temperature is replaced by each of the policy's
     * @param seed seeds every attempt's sampling (see {@link #windowSeed})
     */
    public DecodingResult decode(Supplier<DecoderState> freshState, DecodingOptions options, long seed) {
        return decode(freshState, options, options.bestOf(), seed);
    }

    /**
     * As {@link #decode(Supplier, DecodingOptions, long)}, with the best-of count for the attempts
     * at temperature > 0 given apart: openai's command line sets both beam_size and best_of, and
     * each attempt keeps the one that fits its temperature, which one options value cannot hold.
     */
    public DecodingResult decode(Supplier<DecoderState> freshState, DecodingOptions options, Integer samplingBestOf,
                                 long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        DecodingResult result = null;
        for (double t : policy.temperatures()) {
            DecodingOptions.Builder attempt = options.toBuilder().temperature(t);
            if (t > 0) {
                attempt.beamSize(null).patience(null).bestOf(samplingBestOf);
            } else {
                attempt.bestOf(null);
            }
            result = window.decode(freshState.get(), attempt.build(), seeds.nextLong());
            if (!needsFallback(result)) {
                break;
            }
        }
        return result;
    }

    /** Whether openai would decode {@code result} again at the next temperature. */
    public boolean needsFallback(DecodingResult result) {
        boolean needs = false;
        if (policy.compressionRatioThreshold() != null
                && result.compressionRatio() > policy.compressionRatioThreshold()) {
            needs = true; // too repetitive
        }
        if (policy.logProbThreshold() != null && result.avgLogProb() < policy.logProbThreshold()) {
            needs = true; // average log-probability too low
        }
        if (policy.noSpeechThreshold() != null && result.noSpeechProb() > policy.noSpeechThreshold()
                && policy.logProbThreshold() != null && result.avgLogProb() < policy.logProbThreshold()) {
            needs = false; // silence: the long-form loop will skip this window
        }
        return needs;
    }

    /** A per-window seed from a run's seed and the window's start frame, so windows sample independently. */
    public static long windowSeed(long seed, int seek) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (seek + 1L))).nextLong();
    }
}
