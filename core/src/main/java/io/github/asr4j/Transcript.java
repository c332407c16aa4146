package io.github.asr4j;

import java.util.List;
import java.util.Map;

/**
 * The result of transcribing one audio input.
 *
 * @param text all segments' text joined
 * @param language the language used: as requested, or detected from the first window
 * @param languageProbabilities the detection's probability for each language code (empty when
 *     the language was given or the model is English-only)
 * @param segments in time order
 */
public record Transcript(String text, String language, Map<String, Double> languageProbabilities,
                         List<Segment> segments) {
    public Transcript {
        languageProbabilities = Map.copyOf(languageProbabilities);
        segments = List.copyOf(segments);
    }
}
