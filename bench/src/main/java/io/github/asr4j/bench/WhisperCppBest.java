package io.github.asr4j.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Per figure, the fastest of several whisper.cpp builds measured on the same weights (each figure a median
 * over its rounds): the anchor asr4j is held against. On a CPU with AVX512-FP16 a native build and a plain
 * AVX-512 build win different figures, so the pick is made figure by figure.
 *
 * @param byFigure JSON key of the figure ({@link #FIGURES}) to the build that was fastest at it; a figure no
 *     build printed is absent
 */
public record WhisperCppBest(Map<String, Pick> byFigure) {
    /** The figures compared, lower is faster; the JSON keys of {@link WhisperCppSourceFigures#toJson()}. */
    public static final List<String> FIGURES = List.of("encoder_s", "decoder_ms_per_token", "batch5_ms_per_token",
            "prompt256_ms_per_token");

    /** The build fastest at one figure and its value (seconds for the encoder, ms per token otherwise). */
    public record Pick(String build, double value) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("build", build);
            m.put("value", value);
            return m;
        }
    }

    public WhisperCppBest {
        byFigure = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byFigure));
    }

    /**
     * Picks, per figure, the build with the lowest positive value (a missing stage reads -1 and is skipped);
     * of equal values the one listed first.
     *
     * @param measured label to figures, in the order the builds were given
     */
    public static WhisperCppBest of(Map<String, WhisperCppSourceFigures> measured) {
        Map<String, Pick> picks = new LinkedHashMap<>();
        for (String figure : FIGURES) {
            ToDoubleFunction<WhisperCppSourceFigures> value = valueOf(figure);
            Pick best = null;
            for (Map.Entry<String, WhisperCppSourceFigures> e : measured.entrySet()) {
                double v = value.applyAsDouble(e.getValue());
                if (v > 0 && (best == null || v < best.value())) {
                    best = new Pick(e.getKey(), v);
                }
            }
            if (best != null) {
                picks.put(figure, best);
            }
        }
        return new WhisperCppBest(picks);
    }

    /** The pick for {@code figure}, or null where no build printed it. */
    public Pick get(String figure) {
        return byFigure.get(figure);
    }

    /** How one figure is read from a build's medians. */
    public static ToDoubleFunction<WhisperCppSourceFigures> valueOf(String figure) {
        return switch (figure) {
            case "encoder_s" -> WhisperCppSourceFigures::encoderS;
            case "decoder_ms_per_token" -> WhisperCppSourceFigures::decoderMsPerToken;
            case "batch5_ms_per_token" -> WhisperCppSourceFigures::batch5MsPerToken;
            case "prompt256_ms_per_token" -> WhisperCppSourceFigures::prompt256MsPerToken;
            default -> throw new IllegalArgumentException("no whisper.cpp figure '" + figure + "'");
        };
    }

    /** {@code {FIGURE: {"build": LABEL, "value": V}}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        byFigure.forEach((figure, pick) -> m.put(figure, pick.toJson()));
        return m;
    }
}
