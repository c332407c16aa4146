package io.github.asr4j.decode;

/**
 * When a window's decoding counts as failed, and the temperatures to retry it at
 * (openai-whisper's {@code transcribe} arguments).
 *
 * @param temperatures tried in order; openai's default 0.0, 0.2, ..., 1.0
 * @param compressionRatioThreshold above it the text is too repetitive (2.4); null: never
 * @param logProbThreshold below it the average log-probability is too low (-1.0); null: never
 * @param noSpeechThreshold above it, with a low log-probability, the window is silence (0.6); null: never
 */
public record FallbackPolicy(double[] temperatures, Double compressionRatioThreshold, Double logProbThreshold,
                             Double noSpeechThreshold) {
    public FallbackPolicy {
        if (temperatures.length == 0) {
            throw new IllegalArgumentException("at least one temperature is needed");
        }
        for (double t : temperatures) {
            if (!(t >= 0) || Double.isInfinite(t)) {
                throw new IllegalArgumentException("temperatures must be finite and >= 0, got " + t);
            }
        }
        temperatures = temperatures.clone();
    }

    @Override
    public double[] temperatures() {
        return temperatures.clone();
    }

    /** openai's defaults: (0.0, 0.2, 0.4, 0.6, 0.8, 1.0), 2.4, -1.0, 0.6. */
    public static FallbackPolicy defaults() {
        return new FallbackPolicy(new double[] {0.0, 0.2, 0.4, 0.6, 0.8, 1.0}, 2.4, -1.0, 0.6);
    }

    /** One attempt at the given temperature, no thresholds. */
    public static FallbackPolicy single(double temperature) {
        return new FallbackPolicy(new double[] {temperature}, null, null, null);
    }
}
