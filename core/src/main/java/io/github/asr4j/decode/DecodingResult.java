package io.github.asr4j.decode;

/**
 * The outcome of decoding one 30 s window (openai-whisper's {@code DecodingResult}).
 *
 * @param tokens the chosen tokens after the prompt, timestamps included, end-of-text excluded
 * @param text the decoded text of {@code tokens} (timestamps dropped), stripped
 * @param sumLogProb the summed log-probability of the chosen tokens (end-of-text included when chosen)
 * @param avgLogProb {@code sumLogProb / (tokens.length + 1)}
 * @param noSpeechProb the probability of the no-speech token right after start-of-transcript; NaN
 *     when the vocabulary has none
 * @param temperature the temperature this result was decoded at
 * @param compressionRatio {@link TextMetrics#compressionRatio} of {@code text}
 */
public record DecodingResult(int[] tokens, String text, double sumLogProb, double avgLogProb,
                             double noSpeechProb, double temperature, double compressionRatio) {
    public DecodingResult {
        tokens = tokens.clone();
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }
}
