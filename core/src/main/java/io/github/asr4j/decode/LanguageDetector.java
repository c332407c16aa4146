package io.github.asr4j.decode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Detects the spoken language as openai-whisper does: feed the start-of-transcript token alone and
 * compare the next-token probabilities of the language tokens.
 */
public final class LanguageDetector {
    private LanguageDetector() {}

    /** The detected language and a probability for every candidate. */
    public record Detection(String language, Map<String, Double> probabilities) {}

    /**
     * @param stepper a decoder positioned at the start of a window
     * @param languageIds language code → token id
     */
    public static Detection detect(TokenStepper stepper, int startOfTranscript, Map<String, Integer> languageIds) {
        if (languageIds.isEmpty()) {
            throw new IllegalArgumentException("the model has no language tokens to detect from");
        }
        float[] logits = stepper.step(new int[] {startOfTranscript});
        double max = Double.NEGATIVE_INFINITY;
        for (int id : languageIds.values()) {
            max = Math.max(max, logits[id]);
        }
        double sum = 0;
        for (int id : languageIds.values()) {
            sum += Math.exp(logits[id] - max);
        }
        Map<String, Double> probabilities = new LinkedHashMap<>();
        String best = null;
        int bestId = Integer.MAX_VALUE;
        double bestLogit = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, Integer> e : languageIds.entrySet()) {
            float logit = logits[e.getValue()];
            probabilities.put(e.getKey(), Math.exp(logit - max) / sum);
            // ties go to the lowest token id, as an argmax over the logits would
            if (logit > bestLogit || (logit == bestLogit && e.getValue() < bestId)) {
                best = e.getKey();
                bestId = e.getValue();
                bestLogit = logit;
            }
        }
        return new Detection(best, probabilities);
    }
}
